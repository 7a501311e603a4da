package dev.genaipitch.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.app.Fixtures;
import dev.genaipitch.core.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

final class BotMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BotMetrics metrics = new BotMetrics(registry, 0.5);

  @Test
  void answered_countsByPlatformOutcomeAndSection() {
    metrics.answered(
        Fixtures.asked("slack", "q", Fixtures.answer(Answer.Kind.SECTION, "need-both", 0.9)));
    metrics.answered(
        Fixtures.asked("slack", "q", Fixtures.answer(Answer.Kind.SECTION, "need-both", 0.2)));
    metrics.answered(Fixtures.asked("teams", "q", Fixtures.answer(Answer.Kind.NONE, "none", 0.9)));
    metrics.answered(Fixtures.asked("teams", "q", Fixtures.answer(Answer.Kind.HELP, "help", 1)));

    assertThat(questions("slack", "answered")).isEqualTo(1);
    assertThat(questions("slack", "low_score")).isEqualTo(1);
    assertThat(questions("teams", "none")).isEqualTo(1);
    assertThat(questions("teams", "help")).isEqualTo(1);
    assertThat(registry.get("genai.pitch.answers").tag("section", "need-both").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("genai.pitch.match.score").summary().count()).isEqualTo(4);
    assertThat(registry.get("genai.pitch.answer.latency").tag("platform", "teams").timer().count())
        .isEqualTo(2);
  }

  @Test
  void platformLabel_fromACaller_cannotMintNewValues() {
    metrics.answered(
        Fixtures.asked("Slack\n", "q", Fixtures.answer(Answer.Kind.SECTION, "need-both", 0.9)));
    metrics.feedback("x".repeat(100), "need-both", true);

    assertThat(questions("other", "answered")).isEqualTo(1);
    assertThat(registry.get("genai.pitch.feedback").tag("platform", "other").counter().count())
        .isEqualTo(1);
  }

  private double questions(String platform, String outcome) {
    return registry
        .get("genai.pitch.questions")
        .tags("platform", platform, "outcome", outcome)
        .counter()
        .count();
  }
}
