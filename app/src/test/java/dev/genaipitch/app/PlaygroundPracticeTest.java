package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The playground's Practice tab over HTTP, in the assembled service: a round as the page plays it,
 * bad input, PLAYGROUND=false and PLAYGROUND_RATE; and serve handing the rounds to Slack and Teams.
 */
final class PlaygroundPracticeTest {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static final String STRONG =
      "Most enterprises start with Bedrock to prove value quickly, and as maturity grows"
          + " SageMaker comes in where deeper customization or governance is needed.";
  private static final String PARTIAL = "Start with Bedrock, it proves value fast.";
  private static RunningService running;

  @BeforeAll
  static void start() throws Exception {
    running = RunningService.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static Wire.Reply practice(String step, String json) {
    return running.wire.post("/playground/practice/" + step, json, JSON);
  }

  @Test
  void aRound_asThePagePlaysIt_questionGradeScriptAgainNext() {
    String rep = "{\"rep\":\"visitor-0001\"";

    Wire.Reply question = practice("start", rep + ",\"section\":\"need-both\"}");
    assertThat(question.status()).isEqualTo(200);
    assertThat(question.json().path("kind").asText()).isEqualTo("question");
    assertThat(question.json().path("prompt").asText())
        .isEqualTo("Do we really need both of these?");

    JsonNode grade = practice("answer", rep + ",\"answer\":\"" + PARTIAL + "\"}").json();
    assertThat(grade.path("grade").asText()).isEqualTo("partial");
    assertThat(grade.path("carried").findValuesAsText("point")).containsExactly("start-bedrock");
    assertThat(grade.path("missed").findValuesAsText("script"))
        .contains(
            "As maturity grows, SageMaker comes in where deeper customization or governance is"
                + " required.");
    assertThat(grade.path("choices").toString()).isEqualTo("[\"again\",\"next\",\"script\"]");

    assertThat(practice("answer", rep + ",\"answer\":\"" + STRONG + "\"}").status())
        .as("one answer per asking")
        .isEqualTo(409);

    JsonNode script = practice("script", rep + "}").json();
    assertThat(script.path("kind").asText()).isEqualTo("script");
    assertThat(script.path("lines").get(0).asText())
        .isEqualTo("Most enterprises start with Bedrock to prove value quickly.");

    assertThat(practice("again", rep + "}").json().path("attempt").asInt()).isEqualTo(2);
    assertThat(
            practice("answer", rep + ",\"answer\":\"" + STRONG + "\"}")
                .json()
                .path("grade")
                .asText())
        .isEqualTo("strong");

    JsonNode next = practice("next", rep + "}").json();
    assertThat(next.path("kind").asText()).isEqualTo("question");
    assertThat(next.path("section").asText()).isNotEqualTo("need-both");
  }

  @Test
  void roundsAreKeyedByTheVisitor() {
    practice("start", "{\"rep\":\"visitor-aaaa\",\"section\":\"need-both\"}");

    assertThat(
            practice("answer", "{\"rep\":\"visitor-bbbb\",\"answer\":\"" + STRONG + "\"}").status())
        .isEqualTo(409);
    assertThat(
            practice("answer", "{\"rep\":\"visitor-aaaa\",\"answer\":\"" + STRONG + "\"}").status())
        .isEqualTo(200);
  }

  @Test
  void badInput_getsA4xxThatSaysWhy() {
    String rep = "{\"rep\":\"visitor-bad-input\"";
    practice("start", rep + "}");

    assertError(practice("start", "{}"), 400, "\"rep\"");
    assertError(practice("start", "{\"rep\":\"<script>\"}"), 400, "\"rep\"");
    assertError(practice("start", rep + ",\"section\":\"pricing\"}"), 400, "need-both");
    assertError(practice("answer", rep + ",\"answer\":\"   \"}"), 400, "empty");
    assertError(practice("answer", rep + ",\"answer\":42}"), 400, "string");
    assertError(
        practice("answer", rep + ",\"answer\":\"" + "a".repeat(10_001) + "\"}"), 400, "10000");
    assertError(
        running.wire.post(
            "/playground/practice/answer", rep + "}", Map.of("Content-Type", "text/plain")),
        415,
        "JSON");
    assertError(practice("script", "{\"rep\":\"visitor-never-started\"}"), 409, "start");
  }

  @Test
  void anAnswerOfTenThousandCharacters_orAnotherLanguage_isGraded() {
    String rep = "{\"rep\":\"visitor-long\"";
    practice("start", rep + ",\"section\":\"need-both\"}");
    assertThat(
            practice("answer", rep + ",\"answer\":\"" + "bedrock ".repeat(1250) + "\"}").status())
        .isEqualTo(200);
    practice("again", rep + "}");
    assertThat(
            practice("answer", rep + ",\"answer\":\"Empezar con Bedrock y luego SageMaker\"}")
                .json()
                .path("kind")
                .asText())
        .isEqualTo("grade");
  }

  @Test
  void teamsThroughServe_practisesWithTheSameRounds() {
    running.connector.reset();
    running.teams.post(running.teams.personal("practice need-both"));
    running.teams.post(running.teams.personal(PARTIAL));

    assertThat(running.connector.awaitReceived(2).get(1).text())
        .contains("Partial", "Try again", "Show the script's answer");
  }

  @Test
  void slackThroughServe_postsThePracticeQuestion() {
    running.slackApi.reset();

    assertThat(running.slack.command("practice need-both").status()).isEqualTo(200);

    assertThat(running.slackApi.awaitCalls("chat.postMessage", 1).get(0).form().get("text"))
        .contains("Do we really need both of these?");
  }

  private static void assertError(Wire.Reply reply, int status, String says) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.json().path("message").asText()).contains(says);
  }

  @Test
  void playgroundOff_hasNoPracticeEndpoints() throws Exception {
    try (RunningService off = RunningService.builder().env("PLAYGROUND", "false").start()) {
      assertThat(
              off.wire
                  .post("/playground/practice/start", "{\"rep\":\"visitor-0001\"}", JSON)
                  .status())
          .isEqualTo(404);
    }
  }

  @Test
  void practiceBeyondTheRate_is429WithRetryAfter() throws Exception {
    MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    try (RunningService limited =
        RunningService.builder().env("PLAYGROUND_RATE", "2").clock(clock).start()) {
      String start = "{\"rep\":\"visitor-0001\"}";
      assertThat(limited.wire.post("/playground/practice/start", start, JSON).status())
          .isEqualTo(200);
      assertThat(limited.wire.post("/playground/ask", "{\"question\":\"hi\"}", JSON).status())
          .isEqualTo(200);

      Wire.Reply refused = limited.wire.post("/playground/practice/start", start, JSON);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.headers().get("retry-after")).isNotEmpty();

      clock.advance(Duration.ofMinutes(1));
      assertThat(limited.wire.post("/playground/practice/start", start, JSON).status())
          .isEqualTo(200);
    }
  }
}
