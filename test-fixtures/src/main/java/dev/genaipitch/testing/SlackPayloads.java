package dev.genaipitch.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What Slack sends to a Request URL, built as Slack builds it: slash command forms, Events API
 * envelopes and their events, {@code block_actions} payloads. Bodies only: how they are signed
 * ({@link SlackSigner}) and sent is the caller's.
 */
public final class SlackPayloads {

  /** The user who asks, in every request unless one says otherwise. */
  public static final String ASKER = "U0ASKER";

  public static final String CHANNEL = "C0GENERAL";
  public static final String DM_CHANNEL = "D0DIRECT";
  public static final String FORM = "application/x-www-form-urlencoded";
  public static final String JSON_TYPE = "application/json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackPayloads() {}

  /** A slash command's form body, every field Slack sends. */
  public static String command(String command, String text, String user, String responseUrl) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", "T1");
    form.put("team_domain", "acme");
    form.put("channel_id", CHANNEL);
    form.put("channel_name", "general");
    form.put("user_id", user);
    form.put("user_name", "ann");
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0APP");
    form.put("is_enterprise_install", "false");
    form.put("response_url", responseUrl);
    form.put("trigger_id", "1.2.trigger");
    return form(form);
  }

  /** {@code application/x-www-form-urlencoded}, in the map's order. */
  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * {@link #ASKER} mentions the bot in {@link #CHANNEL}: a new thread when {@code thread} is null.
   */
  public static ObjectNode mention(String text, String ts, String thread) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_mention");
    event.put("user", ASKER);
    event.put("text", text);
    event.put("ts", ts);
    if (thread != null) {
      event.put("thread_ts", thread);
    }
    event.put("channel", CHANNEL);
    event.put("event_ts", ts);
    return event;
  }

  /** {@link #ASKER} writes to the bot in their DM. */
  public static ObjectNode directMessage(String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "message");
    event.put("user", ASKER);
    event.put("text", text);
    event.put("ts", "1700000000.000400");
    event.put("channel", DM_CHANNEL);
    event.put("channel_type", "im");
    event.put("event_ts", "1700000000.000400");
    return event;
  }

  /** {@code user} replies in the bot's thread under {@code threadTs}, without mentioning it. */
  public static ObjectNode threadReply(String user, String threadTs, String text, String ts) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "message");
    event.put("user", user);
    event.put("text", text);
    event.put("ts", ts);
    event.put("thread_ts", threadTs);
    event.put("parent_user_id", FakeSlack.BOT_USER);
    event.put("channel", CHANNEL);
    event.put("channel_type", "channel");
    event.put("event_ts", ts);
    return event;
  }

  /** {@link #ASKER} opens the bot's App Home tab. */
  public static ObjectNode homeOpened() {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_home_opened");
    event.put("user", ASKER);
    event.put("channel", DM_CHANNEL);
    event.put("tab", "home");
    event.put("event_ts", "1700000000.000500");
    return event;
  }

  /** The Events API envelope around {@code event}, sent at {@code epochSeconds}. */
  public static String eventEnvelope(String eventId, ObjectNode event, long epochSeconds) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("token", "legacy-verification-token");
    envelope.put("team_id", "T1");
    envelope.put("api_app_id", "A0APP");
    envelope.set("event", event);
    envelope.put("type", "event_callback");
    envelope.put("event_id", eventId);
    envelope.put("event_time", epochSeconds);
    envelope
        .putArray("authorizations")
        .addObject()
        .put("team_id", "T1")
        .put("user_id", FakeSlack.BOT_USER)
        .put("is_bot", true);
    return envelope.toString();
  }

  /**
   * A {@code block_actions} payload without its actions, for a click by {@code user} on a message
   * that is {@code where}: {@code "ephemeral"} (in {@link #CHANNEL}, the asker's alone), {@code
   * "visible"} (in the channel), {@code "dm"} (in the DM) or {@code "home"} (the App Home tab: a
   * view, no response_url).
   */
  public static ObjectNode blockActions(String user, String where, String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("user").put("id", user).put("username", "ann").put("team_id", "T1");
    payload.put("api_app_id", "A0APP");
    payload.put("token", "legacy-verification-token");
    payload.putObject("team").put("id", "T1").put("domain", "acme");
    payload.put("trigger_id", "1.2.trigger");
    if (where.equals("home")) {
      payload.putObject("container").put("type", "view").put("view_id", "V0HOME");
      payload.putObject("view").put("id", "V0HOME").put("type", "home").put("team_id", "T1");
      return payload;
    }
    String channel = where.equals("dm") ? DM_CHANNEL : CHANNEL;
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", "1700000000.000100")
        .put("channel_id", channel)
        .put("is_ephemeral", where.equals("ephemeral"));
    payload
        .putObject("channel")
        .put("id", channel)
        .put("name", where.equals("dm") ? "directmessage" : "general");
    payload.put("response_url", responseUrl);
    return payload;
  }

  /** A click on a button, for {@code block_actions}' {@code actions}; {@code label} may be null. */
  public static ObjectNode button(String actionId, String blockId, String value, String label) {
    ObjectNode action = JSON.createObjectNode();
    action.put("type", "button");
    action.put("action_id", actionId);
    action.put("block_id", blockId);
    action.put("value", value);
    if (label != null) {
      action.putObject("text").put("type", "plain_text").put("text", label);
    }
    action.put("action_ts", "1700000001.000100");
    return action;
  }

  /** The form body Slack posts an interaction payload in. */
  public static String interaction(ObjectNode payload) {
    return "payload=" + encode(payload.toString());
  }
}
