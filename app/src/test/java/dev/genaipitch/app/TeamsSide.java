package dev.genaipitch.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.TeamsActivities;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Microsoft Teams' side: activities as the Bot Framework posts them to {@code /api/messages}, with
 * {@code serviceUrl} pointing at a {@link FakeBotConnector}.
 */
final class TeamsSide {

  static final String PATH = "/api/messages";
  static final String BOT_ID = TeamsActivities.BOT_ID;
  static final String BOT_NAME = TeamsActivities.BOT_NAME;
  static final String USER_ID = TeamsActivities.USER_ID;
  static final String CHANNEL = TeamsActivities.CHANNEL;
  static final String PERSONAL = TeamsActivities.PERSONAL;

  private final Wire wire;
  private final TeamsActivities activities;

  TeamsSide(Wire wire, String serviceUrl) {
    this.wire = wire;
    this.activities = new TeamsActivities(serviceUrl);
  }

  /** A well-formed activity of {@code type}. */
  ObjectNode activity(String type, String conversationType, String conversationId) {
    return activities.activity(type, conversationType, conversationId);
  }

  /** A message in a 1:1 chat, where every message is for the bot. */
  ObjectNode personal(String text) {
    return activities.personal(text);
  }

  /** A message in a channel that @mentions the bot, with its mention entity. */
  ObjectNode channelMention(String question) {
    return activities.channelMention(question);
  }

  /** The messaging extension's search, as typed. */
  ObjectNode search(String query) {
    return activities.search(query, 10);
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
    return activities.serviceUrl();
  }
}
