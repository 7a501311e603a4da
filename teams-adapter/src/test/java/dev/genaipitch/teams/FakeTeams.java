package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.TeamsActivities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;

/**
 * Microsoft Teams as the bot sees it: posts activities to the bot's {@code /api/messages} the way
 * the Bot Framework does, with {@code serviceUrl} pointing at a {@link FakeBotConnector}.
 */
final class FakeTeams {

  static final String BOT_ID = TeamsActivities.BOT_ID;
  static final String BOT_NAME = TeamsActivities.BOT_NAME;
  static final String USER_ID = TeamsActivities.USER_ID;
  static final String CHANNEL = TeamsActivities.CHANNEL;
  static final String GROUP_CHAT = TeamsActivities.GROUP_CHAT;
  static final String PERSONAL = TeamsActivities.PERSONAL;

  private static final ObjectMapper JSON = new ObjectMapper();

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
  private final TeamsActivities activities;
  private Function<ObjectNode, String> authorization = activity -> null;

  FakeTeams(URI endpoint, String serviceUrl) {
    this.endpoint = endpoint;
    this.serviceUrl = serviceUrl;
    this.activities = new TeamsActivities(serviceUrl);
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
    return post(activities.search(query, 25));
  }

  /** Opening the messaging extension, before anything is typed. */
  Response openSearch() {
    return post(activities.openSearch());
  }

  ObjectNode message(String text, String conversationType, String conversationId) {
    return activities.message(text, conversationType, conversationId);
  }

  /** A well-formed activity of {@code type}, as Teams sends it. */
  ObjectNode activity(String type, String conversationType, String conversationId) {
    return activities.activity(type, conversationType, conversationId);
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
