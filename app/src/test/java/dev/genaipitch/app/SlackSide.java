package dev.genaipitch.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.SlackPayloads;
import dev.genaipitch.testing.SlackSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's side: the requests Slack sends to {@code /slack/events} (slash commands, events, button
 * clicks), built as Slack builds them and signed with the test signing secret at the clock's time.
 */
final class SlackSide {

  static final String PATH = "/slack/events";
  static final String SECRET = "hostile-test-signing-secret";
  static final String TOKEN = "xoxb-hostile-test-token";
  static final String ASKER = SlackPayloads.ASKER;
  static final String CHANNEL = SlackPayloads.CHANNEL;
  static final String DM_CHANNEL = SlackPayloads.DM_CHANNEL;
  static final String FORM = SlackPayloads.FORM;
  static final String JSON_TYPE = SlackPayloads.JSON_TYPE;

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

  // ---- bodies (SlackPayloads builds them as Slack does; this side adds its ids and clock)

  /** A slash command's form body, every field Slack sends. */
  String commandBody(String command, String text) {
    return SlackPayloads.command(
        command, text, ASKER, slack.responseUrl("B" + ids.incrementAndGet()));
  }

  ObjectNode mention(String text) {
    return SlackPayloads.mention(text, "1700000000.000300", null);
  }

  ObjectNode directMessage(String text) {
    return SlackPayloads.directMessage(text);
  }

  ObjectNode homeOpened() {
    return SlackPayloads.homeOpened();
  }

  String newEventId() {
    return "Ev0H" + ids.incrementAndGet();
  }

  /** The Events API envelope around {@code event}. */
  String eventBody(String eventId, ObjectNode event) {
    return SlackPayloads.eventEnvelope(eventId, event, clock.instant().getEpochSecond());
  }

  /**
   * A {@code block_actions} payload for a click on {@code actionId} with the button's {@code
   * value}.
   */
  ObjectNode blockActions(String actionId, String value) {
    ObjectNode payload =
        SlackPayloads.blockActions(
            ASKER, "ephemeral", slack.responseUrl("B" + ids.incrementAndGet()));
    payload.putArray("actions").add(SlackPayloads.button(actionId, "b1", value, null));
    return payload;
  }

  static String interactionBody(ObjectNode payload) {
    return SlackPayloads.interaction(payload);
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
    return SlackPayloads.encode(s);
  }
}
