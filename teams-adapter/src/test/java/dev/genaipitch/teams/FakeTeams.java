package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeBotConnector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Teams as the bot sees it: posts activities to the bot's {@code /api/messages} the way
 * the Bot Framework does, with {@code serviceUrl} pointing at a {@link FakeBotConnector}.
 */
final class FakeTeams {

  static final String BOT_ID = "28:genai-pitch-app";
  static final String BOT_NAME = "genai-pitch";
  static final String USER_ID = "29:alice";
  static final String CHANNEL = "19:general@thread.tacv2;messageid=1700000000000";
  static final String GROUP_CHAT = "19:meeting-prep@thread.v2";
  static final String PERSONAL = "a:1personal-chat";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AT = Pattern.compile("<at>(.*?)</at>");

  /** The bot's answer to one post. */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;
  private final String serviceUrl;
  private final AtomicLong ids = new AtomicLong(1_700_000_000_001L);
  private Function<ObjectNode, String> authorization = activity -> null;

  FakeTeams(URI endpoint, String serviceUrl) {
    this.endpoint = endpoint;
    this.serviceUrl = serviceUrl;
  }

  /** Sends an {@code Authorization} header computed for each activity (null for none). */
  void authorizeWith(Function<ObjectNode, String> header) {
    this.authorization = header;
  }

  /** A message in a team channel; every {@code <at>name</at>} gets its mention entity. */
  Response channelMessage(String text) {
    return post(message(text, "channel", CHANNEL));
  }

  Response groupChatMessage(String text) {
    return post(message(text, "groupChat", GROUP_CHAT));
  }

  Response personalMessage(String text) {
    return post(message(text, "personal", PERSONAL));
  }

  /**
   * A click on a card button in a channel: a message without text whose value is the button's data.
   */
  Response click(JsonNode value) {
    ObjectNode activity = activity("message", "channel", CHANNEL);
    activity.set("value", value);
    return post(activity);
  }

  /** A click on a card button in the 1:1 chat. */
  Response personalClick(JsonNode value) {
    ObjectNode activity = activity("message", "personal", PERSONAL);
    activity.set("value", value);
    return post(activity);
  }

  /**
   * The bot was added to a conversation ({@code channel} for a team, {@code personal} for a 1:1
   * chat).
   */
  Response botAdded(String conversationType) {
    ObjectNode activity =
        activity(
            "conversationUpdate",
            conversationType,
            conversationType.equals("personal") ? PERSONAL : CHANNEL);
    ArrayNode added = activity.putArray("membersAdded");
    added.addObject().put("id", BOT_ID);
    if (conversationType.equals("personal")) {
      added.addObject().put("id", USER_ID);
    }
    return post(activity);
  }

  /** Someone other than the bot joined a team. */
  Response userJoined() {
    ObjectNode activity = activity("conversationUpdate", "channel", CHANNEL);
    activity.putArray("membersAdded").addObject().put("id", "29:bob");
    return post(activity);
  }

  /** Typing in the messaging extension's search box. */
  Response search(String query) {
    ObjectNode activity = activity("invoke", "channel", CHANNEL);
    activity.put("name", "composeExtension/query");
    ObjectNode value = activity.putObject("value");
    value.put("commandId", "searchScript");
    value.putArray("parameters").addObject().put("name", "query").put("value", query);
    value.putObject("queryOptions").put("skip", 0).put("count", 25);
    return post(activity);
  }

  /** Opening the messaging extension, before anything is typed. */
  Response openSearch() {
    ObjectNode activity = activity("invoke", "channel", CHANNEL);
    activity.put("name", "composeExtension/query");
    ObjectNode value = activity.putObject("value");
    value.put("commandId", "searchScript");
    value.putArray("parameters").addObject().put("name", "initialRun").put("value", "true");
    return post(activity);
  }

  ObjectNode message(String text, String conversationType, String conversationId) {
    ObjectNode activity = activity("message", conversationType, conversationId);
    activity.put("text", text);
    ArrayNode entities = activity.putArray("entities");
    Matcher at = AT.matcher(text);
    while (at.find()) {
      String name = at.group(1);
      ObjectNode mention = entities.addObject().put("type", "mention").put("text", at.group());
      mention
          .putObject("mentioned")
          .put("id", name.equals(BOT_NAME) ? BOT_ID : "29:" + name.toLowerCase())
          .put("name", name);
    }
    entities.addObject().put("type", "clientInfo").put("locale", "en-US");
    return activity;
  }

  /** A well-formed activity of {@code type}, as Teams sends it. */
  ObjectNode activity(String type, String conversationType, String conversationId) {
    ObjectNode activity = JSON.createObjectNode();
    activity.put("type", type);
    activity.put("id", Long.toString(ids.getAndIncrement()));
    activity.put("timestamp", "2024-05-01T10:00:00.000Z");
    activity.put("channelId", "msteams");
    activity.put("serviceUrl", serviceUrl);
    activity.putObject("from").put("id", USER_ID).put("name", "Alice");
    ObjectNode conversation = activity.putObject("conversation");
    conversation
        .put("id", conversationId)
        .put("conversationType", conversationType)
        .put("tenantId", "tenant-1");
    conversation.put("isGroup", !conversationType.equals("personal"));
    activity.putObject("recipient").put("id", BOT_ID).put("name", BOT_NAME);
    activity.putObject("channelData").putObject("tenant").put("id", "tenant-1");
    return activity;
  }

  Response post(ObjectNode activity) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(activity.toString()));
    String header = authorization.apply(activity);
    if (header != null) {
      request.header("Authorization", header);
    }
    return send(request.build());
  }

  /** Posts {@code activity} with one more header, as a proxy or tunnel would add it. */
  Response postWithHeader(ObjectNode activity, String name, String value) {
    return send(
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header(name, value)
            .POST(HttpRequest.BodyPublishers.ofString(activity.toString()))
            .build());
  }

  /** Posts {@code body} as it is, with {@code authorization} when not null. */
  Response postRaw(String body, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  Response get() {
    return send(HttpRequest.newBuilder(endpoint).GET().build());
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError("the bot's endpoint did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
