package dev.genaipitch.app;

import static dev.genaipitch.app.Verdicts.assertClientError;
import static dev.genaipitch.app.Verdicts.assertHandled;
import static dev.genaipitch.app.Verdicts.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input at {@code POST /slack/events} of the assembled service: forgeries, replays,
 * malformed bodies, huge and strange text, injection. Every answer is a 2xx or a 4xx with a reason,
 * never a 5xx or a stack trace, and a refused request sends nothing to Slack.
 */
final class HostileSlackInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly";
  private static final String ATTACK =
      "<!channel> <!here> <!everyone> <@U123> <#C123> <!subteam^S123> "
          + "<https://evil.example|click> <mailto:a@evil.example|mail> & more";
  private static final List<String> RAW_MARKUP =
      List.of(
          "<!channel>",
          "<!here>",
          "<!everyone>",
          "<@U123>",
          "<#C123>",
          "<!subteam^S123>",
          "<https://evil.example|click>",
          "<mailto:a@evil.example|mail>");

  private static MutableClock clock;
  private static RunningService running;
  private static SlackSide slack;

  @BeforeAll
  static void start() throws Exception {
    clock = MutableClock.at("2025-05-01T09:00:00Z");
    running = RunningService.builder().clock(clock).start();
    slack = running.slack;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  @BeforeEach
  void forget() {
    running.reset();
  }

  // ---- signatures

  @Test
  void signature_withAnotherSecret_is401AndSendsNothing() {
    String body = slack.commandBody("/genai-pitch", "do we need both?");
    long now = slack.now();

    Wire.Reply reply =
        slack.postWith(body, headers(now, SlackSide.signature("not-the-secret", now, bytes(body))));

    assertRefused(reply, 401, "signature does not match");
    assertNothingSent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSignatureHeaders")
  void signatureHeaders_missingOrMalformed_are401(
      String what, String timestamp, String signature, String reason) {
    String body = slack.commandBody("/genai-pitch", "do we need both?");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", SlackSide.FORM);
    if (timestamp != null) {
      headers.put(
          "X-Slack-Request-Timestamp", timestamp.replace("NOW", Long.toString(slack.now())));
    }
    if (signature != null) {
      headers.put(
          "X-Slack-Signature",
          signature.replace(
              "GOOD", SlackSide.signature(SlackSide.SECRET, slack.now(), bytes(body))));
    }

    assertRefused(slack.postWith(body, headers), 401, reason);
    assertNothingSent();
  }

  static Stream<Arguments> badSignatureHeaders() {
    String missing = "missing X-Slack-Signature or X-Slack-Request-Timestamp";
    String stale = "timestamp more than 5 minutes from now";
    String wrong = "signature does not match";
    return Stream.of(
        Arguments.of("no headers", null, null, missing),
        Arguments.of("no timestamp", null, "GOOD", missing),
        Arguments.of("no signature", "NOW", null, missing),
        Arguments.of("blank signature", "NOW", " ", missing),
        Arguments.of("timestamp not a number", "yesterday", "GOOD", stale),
        Arguments.of("timestamp negative", "-1", "GOOD", stale),
        Arguments.of("timestamp past long", "99999999999999999999999", "GOOD", stale),
        Arguments.of("signature v1", "NOW", "v1=" + "0".repeat(64), wrong),
        Arguments.of("signature without version", "NOW", "0".repeat(64), wrong),
        Arguments.of("signature not hex", "NOW", "v0=" + "zz".repeat(32), wrong),
        Arguments.of("signature truncated", "NOW", "v0=abc", wrong),
        Arguments.of("signature 8 KB", "NOW", "v0=" + "a".repeat(7_000), wrong),
        Arguments.of("signature with non-ASCII", "NOW", "v0=é" + "0".repeat(63), wrong));
  }

  @Test
  void signature_overAnotherBody_is401() {
    String signedBody = slack.commandBody("/genai-pitch", "do we need both?");
    String sentBody = slack.commandBody("/genai-pitch", "do we need both? <!channel>");

    Wire.Reply reply =
        slack.postWith(
            sentBody,
            headers(
                slack.now(),
                SlackSide.signature(SlackSide.SECRET, slack.now(), bytes(signedBody))));

    assertRefused(reply, 401, "signature does not match");
    assertNothingSent();
  }

  @ParameterizedTest(name = "{0} seconds off")
  @ValueSource(longs = {-301, 301, -86_400, 86_400 * 365})
  void timestamp_outsideFiveMinutes_is401EvenWhenSignedCorrectly(long offset) {
    String body = slack.commandBody("/genai-pitch", "do we need both?");
    long then = slack.now() + offset;

    Wire.Reply reply =
        slack.postWith(
            body, headers(then, SlackSide.signature(SlackSide.SECRET, then, bytes(body))));

    assertRefused(reply, 401, "timestamp more than 5 minutes from now");
    assertNothingSent();
  }

  @Test
  void replay_ofASignedRequestAfterTheWindow_is401() {
    String body = slack.commandBody("/genai-pitch", "do we need both?");
    Map<String, String> captured =
        headers(slack.now(), SlackSide.signature(SlackSide.SECRET, slack.now(), bytes(body)));
    assertThat(slack.postWith(body, captured).status()).as("first delivery").isEqualTo(200);

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertRefused(slack.postWith(body, captured), 401, "timestamp more than 5 minutes from now");
    assertNothingSent();
  }

  @Test
  void replay_ofAnEventInsideTheWindow_isAnsweredOnce() {
    String body =
        slack.eventBody(
            slack.newEventId(), slack.mention("<@" + FakeSlack.BOT_USER + "> do we need both?"));
    Map<String, String> captured =
        headers(slack.now(), SlackSide.signature(SlackSide.SECRET, slack.now(), bytes(body)));
    captured.put("Content-Type", SlackSide.JSON_TYPE);

    for (int i = 0; i < 5; i++) {
      assertThat(slack.postWith(body, captured).status()).isEqualTo(200);
    }

    running.slackApi.awaitDelivered("chat.postMessage", 1);
    assertNothingSentBeyond(1);
  }

  // ---- malformed bodies

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "=",
        "&&&&",
        "==&==&=",
        "command",
        "%zz",
        "command=%2Fgenai-pitch&text=%zz&user_id=U1",
        "command=%2Fgenai-pitch&text=%E0%A4%A&user_id=U1",
        "command=%2Fgenai-pitch&text=caf%C3",
        "command=&text=&user_id=&channel_id=&response_url=",
        "command=%2Fgenai-pitch&text=hi&user_id=U1&channel_id=C1&response_url=",
        "text=do+we+need+both%3F",
        "ssl_check=0",
        "token=legacy&team_id=T1",
        "hello there, bot",
        "\u0000\u0001\u0002\u0003",
      })
  void formBody_malformed_isRefusedWithAReasonOrIgnored(String body) {
    Wire.Reply reply = assertHandled(slack.post(body, SlackSide.FORM));

    if (reply.status() >= 400) {
      assertThat(reply.json().path("error").asText()).isNotBlank();
    }
    assertNothingSent();
  }

  @Test
  void formBody_withEveryFieldTwice_answersOnce() {
    String body =
        slack.commandBody("/genai-pitch", "do we need both?")
            + "&"
            + slack.commandBody("/other", "exec summary");

    Wire.Reply reply = assertHandled(slack.post(body, SlackSide.FORM));

    assertThat(reply.status()).isEqualTo(200);
    assertNoRawMarkup(reply.body());
    assertNothingSent();
  }

  @ParameterizedTest(name = "[{index}] payload={0}")
  @ValueSource(
      strings = {
        "{not-json}",
        "",
        "null",
        "[]",
        "[1,2]",
        "\"a string\"",
        "1",
        "{",
        "{\"type\":",
        "{}",
        "{\"type\":\"block_actions\"}",
        "{\"type\":\"block_actions\",\"actions\":\"not a list\"}",
        "{\"type\":\"block_actions\",\"actions\":[{}]}",
        "{\"type\":\"block_actions\",\"actions\":[null],\"user\":null}",
        "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},"
            + "\"actions\":[{\"action_id\":\"post_in_channel\",\"value\":\"{}\"}]}",
        "{\"type\":\"view_submission\",\"view\":{}}",
        "{\"type\":\"view_closed\"}",
        "{\"type\":\"shortcut\",\"callback_id\":\"x\"}",
        "{\"type\":\"message_action\",\"callback_id\":\"x\"}",
        "{\"type\":\"block_suggestion\"}",
        "{\"type\":\"interactive_message\"}",
        "{\"type\":\"dialog_submission\"}",
        "{\"type\":\"something_new\"}",
        "{\"type\":[\"block_actions\"]}",
        "{\"type\":{\"a\":1}}",
      })
  void payload_notJsonOrNotAnInteractionWeHandle_isRefusedWithAReasonOrIgnored(String payload) {
    Wire.Reply reply =
        assertHandled(slack.post("payload=" + SlackSide.encode(payload), SlackSide.FORM));

    if (reply.status() >= 400) {
      assertThat(reply.json().path("error").asText()).isNotBlank();
    }
    assertNothingSent();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{",
        "[]",
        "null",
        "{}",
        "{\"type\":\"event_callback\"}",
        "{\"type\":\"event_callback\",\"event\":\"a string\"}",
        "{\"type\":\"event_callback\",\"event\":[]}",
        "{\"type\":\"event_callback\",\"event\":{}}",
        "{\"type\":\"event_callback\",\"event\":{\"type\":null}}",
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\"}}",
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\","
            + "\"channel\":[],\"ts\":{}}}",
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\","
            + "\"channel\":\"D1\",\"channel_type\":\"im\",\"user\":\"U1\"}}",
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\","
            + "\"channel\":\"D1\",\"channel_type\":\"im\",\"user\":\"U1\",\"text\":{\"a\":1}}}",
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_home_opened\",\"user\":7}}",
        "{\"type\":\"url_verification\"}",
        "{\"type\":\"url_verification\",\"challenge\":{\"a\":1}}",
        "{\"type\":\"app_rate_limited\",\"minute_rate_limited\":1}",
        "{\"type\":\"something_new\",\"event\":{\"type\":\"app_mention\"}}",
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\","
            + "\"user\":\"U1\",\"text\":\"\\ud800\\udfff\\ud800\",\"ts\":\"1.2\",\"channel\":\"C1\"}}",
      })
  void eventBody_malformed_isRefusedWithAReasonOrIgnored(String body) {
    Wire.Reply reply = assertHandled(slack.post(body, SlackSide.JSON_TYPE));

    if (reply.status() >= 400) {
      assertThat(reply.json().path("error").asText()).isNotBlank();
    }
  }

  @Test
  void json_nestedVeryDeeply_isRefused() {
    String deep =
        "{\"type\":\"event_callback\",\"event\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";

    assertClientError(slack.post(deep, SlackSide.JSON_TYPE));
    assertNothingSent();
  }

  @Test
  void payload_nestedVeryDeeply_isRefused() {
    String deep = "payload=" + "%5B".repeat(120_000) + "%5D".repeat(120_000);

    assertClientError(slack.post(deep, SlackSide.FORM));
    assertNothingSent();
  }

  // ---- size

  @Test
  void slashCommand_withTextOf200000Characters_isAnsweredWithABoundedEcho() {
    String text = "do we need both? " + "a".repeat(200_000 - 17);

    Wire.Reply reply = assertHandled(slack.command(text));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains(NEED_BOTH);
    assertThat(reply.body().length()).as("response size").isLessThan(30_000);
    assertNothingSent();
  }

  @Test
  void directMessage_of200000Characters_isAnsweredOnceWithABoundedMessage() {
    String text = "do we need both? " + "z".repeat(200_000 - 17);

    assertThat(assertHandled(slack.event(slack.directMessage(text))).status()).isEqualTo(200);

    FakeSlack.Call sent = running.slackApi.awaitDelivered("chat.postMessage", 1).get(0);
    assertThat(sent.body().length()).as("message size").isLessThan(40_000);
    assertNothingSentBeyond(1);
  }

  @Test
  void body_overTheLimit_is413WithAReason() {
    String text = "é".repeat(200_000);

    Wire.Reply reply = slack.command(text);

    assertRefused(reply, 413, "larger than");
    assertNothingSent();
  }

  // ---- unknown commands and events

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"/other-command", "/genai-pitch-v2", "/x"})
  void command_renamedOrUnknown_isAnsweredAsOurs(String command) {
    Wire.Reply reply = slack.post(slack.commandBody(command, "do we need both?"), SlackSide.FORM);

    assertThat(assertHandled(reply).status()).isEqualTo(200);
    assertThat(reply.body()).contains(NEED_BOTH);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"genai-pitch", "", " ", "//", "/"})
  void command_notACommand_isRefusedOrIgnored(String command) {
    Wire.Reply reply =
        assertHandled(slack.post(slack.commandBody(command, "do we need both?"), SlackSide.FORM));

    if (reply.status() >= 400) {
      assertThat(reply.body().strip()).isNotEmpty();
    }
    assertNothingSent();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "reaction_added",
        "team_join",
        "channel_created",
        "message_changed",
        "made_up_event",
        "",
        "app_mention "
      })
  void event_ofATypeTheBotDoesNotHandle_isAcknowledgedAndIgnored(String type) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", type)
        .put("user", SlackSide.ASKER)
        .put("text", "do we need both?")
        .put("channel", SlackSide.CHANNEL)
        .put("ts", "1700000000.000900");

    Wire.Reply reply = assertHandled(slack.event(event));

    assertThat(reply.status()).isEqualTo(200);
    assertNothingSent();
  }

  // ---- Unicode

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unicodeQuestions")
  void slashCommand_withUnicodeEdgeCases_isAnsweredAndEchoedEscaped(
      String what, String text, boolean isNeedBoth) {
    Wire.Reply reply = assertHandled(slack.command(text));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.path("blocks").isArray()).isTrue();
    assertThat(reply.body()).contains("You asked:");
    if (isNeedBoth) {
      assertThat(reply.body()).contains(NEED_BOTH);
    }
    assertNothingSent();
  }

  static Stream<Arguments> unicodeQuestions() {
    return Stream.of(
        Arguments.of("RTL override", "\u202Edo we need both?\u202C", true),
        Arguments.of("Arabic", "هل نحتاج إلى بيدروك وسيج ميكر معا؟", false),
        Arguments.of("Hebrew and English", "do we need both? האם צריך את שניהם", true),
        Arguments.of("zero-width between words", "do\u200B we\u200C need\u200D both\uFEFF?", true),
        Arguments.of(
            "combining marks",
            "d\u0337o\u0336 w\u0335e\u0334 n\u0338e\u0337e\u0336d\u0335"
                + " b\u0334o\u0338t\u0337h\u0336?",
            true),
        Arguments.of(
            "zalgo", "do we need both?" + "\u0300\u0301\u0302\u0303\u0304".repeat(2_000), true),
        Arguments.of("emoji", "🤖 do we need both? 👍🏽 👨‍👩‍👧‍👦 🇺🇸 1️⃣", true),
        Arguments.of("NUL and controls", "do we need\u0000 both?\u0007\u001b[31m", true),
        Arguments.of("lone surrogates", "do we need both? \uD800 \uDFFF", true),
        Arguments.of("non-characters", "do we need both? \uFFFE\uFFFF", true),
        Arguments.of("full-width", "ｄｏ ｗｅ ｎｅｅｄ ｂｏｔｈ？", true),
        Arguments.of("only emoji", "🤖🤖🤖", false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rawBytes")
  void slashCommand_withRawOrMalformedUtf8_isAnsweredOrRefused(String what, byte[] textBytes) {
    byte[] head =
        ("command=%2Fgenai-pitch&user_id="
                + SlackSide.ASKER
                + "&channel_id="
                + SlackSide.CHANNEL
                + "&response_url="
                + SlackSide.encode(running.slackApi.responseUrl("B-raw"))
                + "&text=")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + textBytes.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(textBytes, 0, body, head.length, textBytes.length);
    Map<String, String> headers = new LinkedHashMap<>(SlackSide.signed(slack.now(), body));
    headers.put("Content-Type", SlackSide.FORM);

    Wire.Reply reply = assertHandled(running.wire.send("POST", SlackSide.PATH, body, headers));

    if (reply.status() == 200) {
      assertThat(reply.body()).contains("You asked:");
    }
    assertNothingSent();
  }

  static Stream<Arguments> rawBytes() {
    return Stream.of(
        Arguments.of("lone high surrogate %ED%A0%80", ascii("do+we+need+both%3F+%ED%A0%80")),
        Arguments.of("lone low surrogate %ED%BF%BF", ascii("%ED%BF%BF+do+we+need+both")),
        Arguments.of("overlong slash %C0%AF", ascii("do+we+need+both%3F%C0%AF")),
        Arguments.of("NUL %00", ascii("do+we+need%00+both%3F")),
        Arguments.of("truncated sequence", ascii("do+we+need+both%3F+%E2%82")),
        Arguments.of(
            "raw 0xFF 0xFE bytes",
            new byte[] {'d', 'o', '+', (byte) 0xFF, (byte) 0xFE, '+', 'b', 'o', 't', 'h'}),
        Arguments.of("raw UTF-16 BOM", new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'h', 0, 'i'}));
  }

  // ---- mention and link injection

  @Test
  void slashCommand_echoesMentionsAndLinksEscaped() {
    Wire.Reply reply = assertHandled(slack.command(ATTACK));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("text").asText()).doesNotContain("<", ">");
    assertThat(reply.body()).contains("&lt;!channel&gt; &lt;!here&gt;");
    assertNoRawMarkup(reply.body());
  }

  @Test
  void slashCommand_ofTextSlackAlreadyEscaped_isNotUnescapedIntoAPing() {
    Wire.Reply reply =
        assertHandled(slack.command("&lt;!channel&gt; do we need both? &amp;lt;!here&amp;gt;"));

    assertNoRawMarkup(reply.body());
  }

  @Test
  void mentionAndDirectMessage_carryingMarkup_postNothingRaw() {
    slack.event(slack.mention("<@" + FakeSlack.BOT_USER + "> " + ATTACK));
    slack.event(slack.directMessage(ATTACK));

    List<FakeSlack.Call> sent = running.slackApi.awaitDelivered("chat.postMessage", 2);
    sent.forEach(HostileSlackInputTest::assertNoRawMarkup);
  }

  @Test
  void shareButton_withAForgedQuestion_postsItEscaped() {
    String value =
        JSON.createObjectNode().put("i", "need-both").put("q", ATTACK).put("s", "p").toString();

    assertThat(assertHandled(slack.click("post_in_channel", value)).status()).isEqualTo(200);

    FakeSlack.Call shared = running.slackApi.awaitDelivered(FakeSlack.RESPONSE_URL, 2).get(0);
    assertThat(shared.body()).contains("in_channel").contains("&lt;!channel&gt;");
    assertNoRawMarkup(shared);
  }

  @Test
  void shareButton_withAForgedUserId_namesNobody() {
    ObjectNode payload =
        slack.blockActions("post_in_channel", "{\"i\":\"need-both\",\"q\":\"hi\",\"s\":\"p\"}");
    ((ObjectNode) payload.get("user")).put("id", "<!channel>");

    assertHandled(slack.post(SlackSide.interactionBody(payload), SlackSide.FORM));

    FakeSlack.Call shared = running.slackApi.awaitDelivered(FakeSlack.RESPONSE_URL, 2).get(0);
    assertThat(shared.body()).doesNotContain("Shared by");
    assertNoRawMarkup(shared);
  }

  @Test
  void button_withAHugeOrForeignValue_isRefusedOrAnsweredBounded() {
    String huge =
        JSON.createObjectNode()
            .put("i", "x".repeat(100_000))
            .put("q", ATTACK.repeat(1_000))
            .put("s", "p")
            .toString();

    assertHandled(slack.click("open_topic.x", huge));
    assertRefused(slack.click("post_in_channel", "{\"i\":1}"), 400, "not one of ours");

    List<FakeSlack.Call> sent = running.slackApi.awaitDelivered(FakeSlack.RESPONSE_URL, 1);
    assertThat(sent.get(0).body().length()).isLessThan(40_000);
    assertNoRawMarkup(sent.get(0));
  }

  // ---- helpers

  private static Map<String, String> headers(long timestamp, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", SlackSide.FORM);
    headers.put("X-Slack-Request-Timestamp", Long.toString(timestamp));
    headers.put("X-Slack-Signature", signature);
    return headers;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * No mention or link markup in what Slack renders: every string of a response body or message
   * except the fields Slack never shows (button values, ids, URLs), which carry data, not text.
   */
  private static void assertNoRawMarkup(String json) {
    assertThat(rendered(json)).doesNotContain(RAW_MARKUP.toArray(String[]::new));
  }

  private static void assertNoRawMarkup(FakeSlack.Call call) {
    if (call.method().equals(FakeSlack.RESPONSE_URL)) {
      assertNoRawMarkup(call.body());
    } else {
      // chat.postMessage: the fallback text and the blocks, as form fields
      assertThat(call.form().getOrDefault("text", ""))
          .doesNotContain(RAW_MARKUP.toArray(String[]::new));
      assertNoRawMarkup(call.form().getOrDefault("blocks", "[]"));
    }
  }

  private static String rendered(String json) {
    StringBuilder out = new StringBuilder();
    try {
      collect(JSON.readTree(json), "", out);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + Verdicts.abbreviate(json), e);
    }
    return out.toString();
  }

  private static void collect(JsonNode node, String field, StringBuilder out) {
    if (List.of("value", "action_id", "block_id", "url", "type", "style").contains(field)) {
      return;
    }
    if (node.isTextual()) {
      out.append(node.asText()).append('\n');
    } else if (node.isObject()) {
      node.properties().forEach(e -> collect(e.getValue(), e.getKey(), out));
    } else {
      node.forEach(child -> collect(child, field, out));
    }
  }

  /**
   * Nothing reached Slack: a marker message is sent and waited for, so that anything the request
   * had queued would have gone out before it.
   */
  private static void assertNothingSent() {
    assertNothingSentBeyond(0);
  }

  private static void assertNothingSentBeyond(int expected) {
    String marker = "DMARK" + System.nanoTime();
    slack.event(slack.directMessage("do we need both?").put("channel", marker));
    running.slackApi.awaitCallTo("chat.postMessage", marker);
    assertThat(running.slackApi.sent()).as("calls to Slack").hasSize(expected + 1);
  }
}
