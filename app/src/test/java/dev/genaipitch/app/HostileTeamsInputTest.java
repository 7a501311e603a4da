package dev.genaipitch.app;

import static dev.genaipitch.app.Verdicts.assertClientError;
import static dev.genaipitch.app.Verdicts.assertHandled;
import static dev.genaipitch.app.Verdicts.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input at {@code POST /api/messages} of the assembled service, authentication off (the
 * Emulator's mode, where every request reaches the parser): malformed JSON, missing fields, huge
 * text, unknown activity and invoke types. Every answer is a 2xx or a 4xx with a reason, never a
 * 5xx or a stack trace; a refused activity sends nothing to the connector. Forged tokens, with
 * authentication on, are in {@link HostileTeamsTokenTest}.
 */
final class HostileTeamsInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly";

  private static RunningService running;
  private static TeamsSide teams;

  @BeforeAll
  static void start() throws Exception {
    running = RunningService.builder().start();
    teams = running.teams;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  @BeforeEach
  void forget() {
    running.reset();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        " ",
        "{",
        "}",
        "not json at all",
        "null",
        "true",
        "123",
        "\"a string\"",
        "[]",
        "[{\"type\":\"message\"}]",
        "{\"type\":",
        "{\"type\":\"message\",}",
        "{'type':'message'}",
        "{\"type\":\"message\"} trailing",
        "\u0000\u0001\u0002",
        "\uFEFF{}",
      })
  void body_notAnActivityObject_is400WithAReason(String body) {
    assertClientError(teams.post(body, null));
    assertThat(running.connector.received()).isEmpty();
  }

  @Test
  void json_nestedVeryDeeply_is400() {
    String deep =
        "{\"type\":\"message\",\"value\":" + "[".repeat(300_000) + "]".repeat(300_000) + "}";

    assertRefused(teams.post(deep, null), 400, "bad activity");
    assertThat(running.connector.received()).isEmpty();
  }

  @Test
  void json_withAHugeNumber_isHandled() {
    ObjectNode activity = teams.personal("do we need both?");
    String body =
        activity.toString().replace("\"text\":", "\"n\":" + "9".repeat(200_000) + ",\"text\":");

    assertHandled(teams.post(body, null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "type",
        "channelId",
        "serviceUrl",
        "conversation",
        "recipient",
      })
  void activity_withoutARequiredField_is400NamingIt(String field) {
    ObjectNode activity = teams.personal("do we need both?");
    activity.remove(field);

    assertRefused(teams.post(activity), 400, field + " is missing");
    assertThat(running.connector.received()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"type\":7}",
        "{\"type\":[\"message\"]}",
        "{\"type\":{\"a\":1}}",
        "{\"channelId\":null}",
        "{\"serviceUrl\":\"\"}",
        "{\"serviceUrl\":\"ftp://127.0.0.1/\"}",
        "{\"serviceUrl\":\"javascript:alert(1)\"}",
        "{\"serviceUrl\":\"http://\"}",
        "{\"serviceUrl\":\"http://[::1\"}",
        "{\"serviceUrl\":\"not a url at all\"}",
        "{\"conversation\":\"c\"}",
        "{\"conversation\":[]}",
        "{\"conversation\":{\"id\":7}}",
        "{\"conversation\":{\"id\":\"  \"}}",
        "{\"recipient\":null}",
        "{\"recipient\":{\"name\":\"x\"}}",
      })
  void activity_withAFieldOfTheWrongShape_is400(String override) throws Exception {
    ObjectNode activity = teams.personal("do we need both?");
    activity.setAll((ObjectNode) JSON.readTree(override));

    assertClientError(teams.post(activity));
    assertThat(running.connector.received()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"from\":null}",
        "{\"from\":\"alice\"}",
        "{\"from\":{}}",
        "{\"id\":null}",
        "{\"id\":{\"a\":1}}",
        "{\"text\":null}",
        "{\"text\":7}",
        "{\"text\":{\"a\":[1,2]}}",
        "{\"entities\":\"x\"}",
        "{\"entities\":[null, 1, \"x\", {}, {\"type\":\"mention\"},"
            + " {\"type\":\"mention\",\"mentioned\":{}}]}",
        "{\"entities\":[{\"type\":\"mention\",\"mentioned\":{\"id\":\"28:genai-pitch-app\"},\"text\":\"\"}]}",
        "{\"membersAdded\":\"x\"}",
        "{\"channelData\":null}",
        "{\"channelData\":{\"tenant\":7}}",
        "{\"value\":null}",
        "{\"value\":[]}",
        "{\"value\":{\"action\":\"open\"}}",
        "{\"value\":{\"action\":\"open\",\"intent\":7}}",
        "{\"value\":{\"action\":\"open\",\"intent\":\"no-such-section\"}}",
        "{\"value\":{\"action\":\"feedback\",\"intent\":\"need-both\",\"helpful\":\"yes\"}}",
        "{\"value\":{\"action\":\"feedback\",\"intent\":\"<script>\",\"helpful\":true}}",
        "{\"conversation\":{\"id\":\"a:1personal-chat\",\"conversationType\":7}}",
      })
  void activity_withOptionalFieldsOfTheWrongShape_isHandled(String override) throws Exception {
    ObjectNode activity = teams.personal("do we need both?");
    activity.setAll((ObjectNode) JSON.readTree(override));

    assertHandled(teams.post(activity));
    assertThat(running.connector.received().size()).as("replies").isLessThanOrEqualTo(1);
  }

  @Test
  void message_of200000Characters_isAnsweredOnceWithABoundedReply() {
    String text = "do we need both? " + "a".repeat(200_000 - 17);

    assertThat(assertHandled(teams.post(teams.personal(text))).status()).isEqualTo(200);

    assertThat(running.connector.delivered())
        .singleElement()
        .satisfies(
            reply -> {
              assertThat(reply.text()).contains(NEED_BOTH);
              assertThat(reply.activity().toString().length()).as("reply size").isLessThan(40_000);
            });
  }

  @Test
  void body_overTheLimit_is413WithAReason() {
    String text = "x".repeat(1_100_000);

    assertRefused(teams.post(teams.personal(text)), 413, "larger than");
    assertThat(running.connector.received()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "typing",
        "messageReaction",
        "installationUpdate",
        "event",
        "endOfConversation",
        "handoff",
        "trace",
        "messageUpdate",
        "messageDelete",
        "somethingNewer",
        "MESSAGE",
        "message ",
        "",
      })
  void activity_ofATypeTheBotDoesNotHandle_isAcknowledgedAndIgnored(String type) {
    ObjectNode activity = teams.personal("do we need both?");
    activity.put("type", type);

    Wire.Reply reply = assertHandled(teams.post(activity));

    assertThat(running.connector.received()).isEmpty();
    if (!type.isBlank()) {
      assertThat(reply.status()).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "composeExtension/querySettingUrl",
        "composeExtension/fetchTask",
        "task/fetch",
        "adaptiveCard/action",
        "signin/verifyState",
        "fileConsent/invoke",
        "actionableMessage/executeAction",
        "made/up",
        "",
      })
  void invoke_withANameTheBotDoesNotHandle_isAcknowledgedAndIgnored(String name) {
    ObjectNode invoke = teams.activity("invoke", "channel", TeamsSide.CHANNEL);
    invoke.put("name", name);
    invoke.putObject("value").put("a", 1);

    assertThat(assertHandled(teams.post(invoke)).status()).isEqualTo(200);
    assertThat(running.connector.received()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "null",
        "[]",
        "\"query\"",
        "{}",
        "{\"parameters\":\"x\"}",
        "{\"parameters\":[null, 1, {}]}",
        "{\"parameters\":[{\"name\":\"query\",\"value\":{\"a\":1}}]}",
        "{\"parameters\":[{\"name\":\"query\",\"value\":\"do we need"
            + " both?\"}],\"queryOptions\":{\"skip\":-5,\"count\":-5}}",
        "{\"parameters\":[{\"name\":\"query\",\"value\":\"do we need"
            + " both?\"}],\"queryOptions\":{\"skip\":\"x\",\"count\":1e300}}",
        "{\"parameters\":[{\"name\":\"query\",\"value\":\"do we need"
            + " both?\"}],\"queryOptions\":{\"skip\":2147483647,\"count\":2147483647}}",
        "{\"parameters\":[{\"name\":\"query\",\"value\":\"do we need"
            + " both?\"}],\"queryOptions\":{\"skip\":99999999999999999999}}",
      })
  void search_withAStrangeValue_isAnsweredOrRefused(String value) throws Exception {
    ObjectNode invoke = teams.search("x");
    invoke.set("value", JSON.readTree(value));

    Wire.Reply reply = assertHandled(teams.post(invoke));

    assertThat(running.connector.received()).isEmpty();
    if (reply.status() == 200 && !reply.body().isEmpty()) {
      assertThat(reply.json().path("composeExtension").path("type").asText()).isEqualTo("result");
    }
  }

  @Test
  void search_forA200000CharacterQuery_isAnswered() {
    Wire.Reply reply = assertHandled(teams.post(teams.search("analogy " + "q".repeat(200_000))));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().length()).isLessThan(200_000);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "\u202Edo we need both?\u202C",
        "do\u200B we\u200C need\u200D both\uFEFF?",
        "🤖 do we need both? 👨‍👩‍👧‍👦",
        "do we need\u0000 both?",
        "do we need both? \uD800",
        "<at>genai-pitch</at><at>genai-pitch</at> do we need both?",
        "<script>alert(1)</script> do we need both?",
        "[click](https://evil.example) do we need both?",
      })
  void message_withUnicodeAndMarkup_isAnsweredOnce(String text) {
    assertThat(assertHandled(teams.post(teams.personal(text))).status()).isEqualTo(200);

    assertThat(running.connector.delivered())
        .singleElement()
        .satisfies(
            reply ->
                assertThat(reply.text())
                    .contains(NEED_BOTH)
                    .doesNotContain("evil.example", "<script>"));
  }

  @Test
  void contentType_thatIsNotJson_isStillReadAsAnActivityOrRefused() {
    Map<String, String> headers = Map.of("Content-Type", "text/plain; charset=utf-16");

    assertHandled(
        running.wire.send(
            "POST",
            TeamsSide.PATH,
            teams.personal("do we need both?").toString().getBytes(StandardCharsets.UTF_8),
            headers));
  }

  @Test
  void get_isNotAllowed() {
    assertRefused(running.wire.get(TeamsSide.PATH), 405, "POST");
  }
}
