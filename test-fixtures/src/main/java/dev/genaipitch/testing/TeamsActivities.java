package dev.genaipitch.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Bot Framework posts to a bot's {@code /api/messages}, built as Teams builds it, with
 * {@code serviceUrl} pointing at a {@link FakeBotConnector}. Activities only: how they are
 * authorized and sent is the caller's.
 */
public final class TeamsActivities {

  public static final String BOT_ID = "28:genai-pitch-app";
  public static final String BOT_NAME = "genai-pitch";
  public static final String USER_ID = "29:alice";
  public static final String CHANNEL = "19:general@thread.tacv2;messageid=1700000000000";
  public static final String GROUP_CHAT = "19:meeting-prep@thread.v2";
  public static final String PERSONAL = "a:1personal-chat";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AT = Pattern.compile("<at>(.*?)</at>");

  private final String serviceUrl;
  private final AtomicLong ids = new AtomicLong(1_700_000_000_001L);

  public TeamsActivities(String serviceUrl) {
    this.serviceUrl = serviceUrl;
  }

  public String serviceUrl() {
    return serviceUrl;
  }

  /** A well-formed activity of {@code type}, each with its own id. */
  public ObjectNode activity(String type, String conversationType, String conversationId) {
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

  /** A message; every {@code <at>name</at>} in {@code text} gets its mention entity. */
  public ObjectNode message(String text, String conversationType, String conversationId) {
    ObjectNode activity = activity("message", conversationType, conversationId);
    activity.put("text", text);
    ArrayNode entities = activity.putArray("entities");
    Matcher at = AT.matcher(text);
    while (at.find()) {
      String name = at.group(1);
      ObjectNode mention = entities.addObject().put("type", "mention").put("text", at.group());
      mention
          .putObject("mentioned")
          .put("id", name.equals(BOT_NAME) ? BOT_ID : "29:" + name.toLowerCase(Locale.ROOT))
          .put("name", name);
    }
    entities.addObject().put("type", "clientInfo").put("locale", "en-US");
    return activity;
  }

  /** A message in the 1:1 chat, where every message is for the bot. */
  public ObjectNode personal(String text) {
    return message(text, "personal", PERSONAL);
  }

  /** A message in a team channel that @mentions the bot. */
  public ObjectNode channelMention(String question) {
    return message("<at>" + BOT_NAME + "</at> " + question, "channel", CHANNEL);
  }

  /** Typing {@code query} in the messaging extension's search box, asking for {@code count}. */
  public ObjectNode search(String query, int count) {
    ObjectNode activity = activity("invoke", "channel", CHANNEL);
    activity.put("name", "composeExtension/query");
    ObjectNode value = activity.putObject("value");
    value.put("commandId", "searchScript");
    value.putArray("parameters").addObject().put("name", "query").put("value", query);
    value.putObject("queryOptions").put("skip", 0).put("count", count);
    return activity;
  }

  /** Opening the messaging extension, before anything is typed. */
  public ObjectNode openSearch() {
    ObjectNode activity = activity("invoke", "channel", CHANNEL);
    activity.put("name", "composeExtension/query");
    ObjectNode value = activity.putObject("value");
    value.put("commandId", "searchScript");
    value.putArray("parameters").addObject().put("name", "initialRun").put("value", "true");
    return activity;
  }
}
