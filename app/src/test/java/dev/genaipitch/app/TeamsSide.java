package dev.genaipitch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeBotConnector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Microsoft Teams' side: activities as the Bot Framework posts them to {@code /api/messages}, with
 * {@code serviceUrl} pointing at a {@link FakeBotConnector}.
 */
final class TeamsSide {

  static final String PATH = "/api/messages";
  static final String BOT_ID = "28:genai-pitch-app";
  static final String BOT_NAME = "genai-pitch";
  static final String USER_ID = "29:alice";
  static final String CHANNEL = "19:general@thread.tacv2;messageid=1700000000000";
  static final String PERSONAL = "a:1personal-chat";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Wire wire;
  private final String serviceUrl;
  private final AtomicLong ids = new AtomicLong(1_700_000_000_001L);

  TeamsSide(Wire wire, String serviceUrl) {
    this.wire = wire;
    this.serviceUrl = serviceUrl;
  }

  /** A well-formed activity of {@code type}. */
  ObjectNode activity(String type, String conversationType, String conversationId) {
    ObjectNode activity = JSON.createObjectNode();
    activity.put("type", type);
    activity.put("id", Long.toString(ids.getAndIncrement()));
    activity.put("timestamp", "2025-05-01T10:00:00.000Z");
    activity.put("channelId", "msteams");
    activity.put("serviceUrl", serviceUrl);
    activity.putObject("from").put("id", USER_ID).put("name", "Alice");
    activity
        .putObject("conversation")
        .put("id", conversationId)
        .put("conversationType", conversationType)
        .put("tenantId", "tenant-1");
    activity.putObject("recipient").put("id", BOT_ID).put("name", BOT_NAME);
    activity.putObject("channelData").putObject("tenant").put("id", "tenant-1");
    return activity;
  }

  /** A message in a 1:1 chat, where every message is for the bot. */
  ObjectNode personal(String text) {
    ObjectNode activity = activity("message", "personal", PERSONAL);
    activity.put("text", text);
    return activity;
  }

  /** A message in a channel that @mentions the bot, with its mention entity. */
  ObjectNode channelMention(String question) {
    ObjectNode activity = activity("message", "channel", CHANNEL);
    String at = "<at>" + BOT_NAME + "</at>";
    activity.put("text", at + " " + question);
    ObjectNode mention =
        activity.putArray("entities").addObject().put("type", "mention").put("text", at);
    mention.putObject("mentioned").put("id", BOT_ID).put("name", BOT_NAME);
    return activity;
  }

  /** The messaging extension's search, as typed. */
  ObjectNode search(String query) {
    ObjectNode activity = activity("invoke", "channel", CHANNEL);
    activity.put("name", "composeExtension/query");
    ObjectNode value = activity.putObject("value");
    value.put("commandId", "searchScript");
    value.putArray("parameters").addObject().put("name", "query").put("value", query);
    value.putObject("queryOptions").put("skip", 0).put("count", 10);
    return activity;
  }

  Wire.Reply post(ObjectNode activity) {
    return post(activity.toString(), null);
  }

  Wire.Reply post(ObjectNode activity, String authorization) {
    return post(activity.toString(), authorization);
  }

  /** Posts {@code body} as JSON, with {@code authorization} when not null. */
  Wire.Reply post(String body, String authorization) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return wire.send("POST", PATH, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  String serviceUrl() {
    return serviceUrl;
  }
}
