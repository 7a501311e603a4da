package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playground on a public host: it can be turned off, and its ask and feedback endpoints are
 * rate limited, so that nobody can flood the report of unanswered questions.
 */
final class PlaygroundLimitsTest {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  @Test
  void playgroundOff_servesNoPageAndNoApi() throws Exception {
    try (RunningService running = RunningService.builder().env("PLAYGROUND", "false").start()) {
      assertThat(running.wire.get("/").status()).isEqualTo(404);
      assertThat(running.wire.get("/playground/playground.js").status()).isEqualTo(404);
      assertThat(ask(running, "what is bedrock?").status()).isEqualTo(404);
      assertThat(running.logs.lines()).anyMatch(line -> line.contains("playground is off"));
      assertThat(running.wire.get("/healthz").status()).isEqualTo(200);
    }
  }

  // Regression (issue 10): anyone could post unanswerable questions without bound and flood the
  // report of unanswered questions.
  @Test
  void asksBeyondTheRate_get429WithRetryAfter_andReachNoReport_untilTimePasses() throws Exception {
    MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    try (RunningService running =
        RunningService.builder().env("PLAYGROUND_RATE", "3").clock(clock).start()) {
      for (int i = 0; i < 3; i++) {
        assertThat(ask(running, "flood question " + i).status()).isEqualTo(200);
      }

      Wire.Reply limited = ask(running, "flood question 3");
      Wire.Reply feedback =
          running.wire.post(
              "/playground/feedback", "{\"intent\":\"need-both\",\"helpful\":true}", JSON);

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.headers().get("retry-after")).isEqualTo(List.of("20"));
      assertThat(limited.json().path("message").asText())
          .isEqualTo("too many playground requests; try again in 20 s");
      assertThat(feedback.status()).isEqualTo(429);

      clock.advance(Duration.ofSeconds(20));
      assertThat(ask(running, "after a pause").status()).isEqualTo(200);
    }
  }

  private static Wire.Reply ask(RunningService running, String question) {
    return running.wire.post("/playground/ask", "{\"question\":\"" + question + "\"}", JSON);
  }
}
