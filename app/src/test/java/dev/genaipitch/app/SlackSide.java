package dev.genaipitch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.SlackSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Slack's side: the requests Slack sends to {@code /slack/events} (slash commands, events, button
 * clicks), built as Slack builds them and signed with the test signing secret at the clock's time.
 */
final class SlackSide {

  static final String PATH = "/slack/events";
  static final String SECRET = "hostile-test-signing-secret";
  static final String TOKEN = "xoxb-hostile-test-token";
  static final String ASKER = "U0ASKER";
  static final String CHANNEL = "C0GENERAL";
  static final String DM_CHANNEL = "D0DIRECT";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON_TYPE = "application/json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SlackSigner SIGNER = new SlackSigner(SECRET);

  private final Wire wire;
  private final FakeSlack slack;
  private final Clock clock;
  private final AtomicInteger ids = new AtomicInteger();

  SlackSide(Wire wire, FakeSlack slack, Clock clock) {
    this.wire = wire;
    this.slack = slack;
    this.clock = clock;
  }

  // ---- bodies

  /** A slash command's form body, every field Slack sends. */
  String commandBody(String command, String text) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", "T1");
    form.put("team_domain", "acme");
    form.put("channel_id", CHANNEL);
    form.put("channel_name", "general");
    form.put("user_id", ASKER);
    form.put("user_name", "ann");
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0APP");
    form.put("is_enterprise_install", "false");
    form.put("response_url", slack.responseUrl("B" + ids.incrementAndGet()));
    form.put("trigger_id", "1.2.trigger");
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  ObjectNode mention(String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_mention").put("user", ASKER).put("text", text);
    event
        .put("ts", "1700000000.000300")
        .put("channel", CHANNEL)
        .put("event_ts", "1700000000.000300");
    return event;
  }

  ObjectNode directMessage(String text) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", "message")
        .put("user", ASKER)
        .put("text", text)
        .put("ts", "1700000000.000400");
    event.put("channel", DM_CHANNEL).put("channel_type", "im").put("event_ts", "1700000000.000400");
    return event;
  }

  ObjectNode homeOpened() {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", "app_home_opened")
        .put("user", ASKER)
        .put("channel", DM_CHANNEL)
        .put("tab", "home");
    event.put("event_ts", "1700000000.000500");
    return event;
  }

  String newEventId() {
    return "Ev0H" + ids.incrementAndGet();
  }

  /** The Events API envelope around {@code event}. */
  String eventBody(String eventId, ObjectNode event) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("token", "legacy-verification-token");
    envelope.put("team_id", "T1");
    envelope.put("api_app_id", "A0APP");
    envelope.set("event", event);
    envelope.put("type", "event_callback");
    envelope.put("event_id", eventId);
    envelope.put("event_time", clock.instant().getEpochSecond());
    envelope
        .putArray("authorizations")
        .addObject()
        .put("team_id", "T1")
        .put("user_id", FakeSlack.BOT_USER)
        .put("is_bot", true);
    return envelope.toString();
  }

  /**
   * A {@code block_actions} payload for a click on {@code actionId} with the button's {@code
   * value}.
   */
  ObjectNode blockActions(String actionId, String value) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("user").put("id", ASKER).put("username", "ann").put("team_id", "T1");
    payload.put("api_app_id", "A0APP");
    payload.put("token", "legacy-verification-token");
    payload.putObject("team").put("id", "T1").put("domain", "acme");
    payload.put("trigger_id", "1.2.trigger");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", "1700000000.000100")
        .put("channel_id", CHANNEL)
        .put("is_ephemeral", true);
    payload.putObject("channel").put("id", CHANNEL).put("name", "general");
    payload.put("response_url", slack.responseUrl("B" + ids.incrementAndGet()));
    ObjectNode action = payload.putArray("actions").addObject();
    action
        .put("type", "button")
        .put("action_id", actionId)
        .put("block_id", "b1")
        .put("value", value);
    action.put("action_ts", "1700000001.000100");
    return payload;
  }

  static String interactionBody(ObjectNode payload) {
    return "payload=" + encode(payload.toString());
  }

  // ---- requests

  Wire.Reply command(String text) {
    return post(commandBody("/genai-pitch", text), FORM);
  }

  Wire.Reply event(ObjectNode event) {
    return post(eventBody(newEventId(), event), JSON_TYPE);
  }

  Wire.Reply click(String actionId, String value) {
    return post(interactionBody(blockActions(actionId, value)), FORM);
  }

  /** Posts {@code body} signed now. */
  Wire.Reply post(String body, String contentType) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        new LinkedHashMap<>(signed(clock.instant().getEpochSecond(), bytes));
    headers.put("Content-Type", contentType);
    return wire.send("POST", PATH, bytes, headers);
  }

  /** Posts {@code body} with exactly {@code headers} (no signature unless they hold one). */
  Wire.Reply postWith(String body, Map<String, String> headers) {
    return wire.send("POST", PATH, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** The two signature headers Slack would send with {@code body} at {@code epochSeconds}. */
  static Map<String, String> signed(long epochSeconds, byte[] body) {
    return SIGNER.headers(epochSeconds, body);
  }

  /** Slack's signature over {@code body} at {@code epochSeconds} with {@code secret}. */
  static String signature(String secret, long epochSeconds, byte[] body) {
    return new SlackSigner(secret).signature(epochSeconds, body);
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
