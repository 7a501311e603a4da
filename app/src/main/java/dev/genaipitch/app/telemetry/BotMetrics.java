package dev.genaipitch.app.telemetry;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.BotListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bot's own metrics, from what {@link BotListener} hears:
 *
 * <ul>
 *   <li>{@code genai_pitch_questions_total{platform, outcome}}: outcome {@code answered}, {@code
 *       low_score} (a section scoring below LOW_SCORE), {@code none} or {@code help}
 *   <li>{@code genai_pitch_answers_total{section}}: by section id, {@code help} and {@code none}
 *   <li>{@code genai_pitch_match_score_percent}: the score distribution of asked questions, in
 *       percent (buckets of 10)
 *   <li>{@code genai_pitch_answer_latency_seconds{platform}}: time to match and build an answer
 *   <li>{@code genai_pitch_feedback_total{platform, section, helpful}}: sections the guide has (the
 *       core refuses feedback naming any other)
 * </ul>
 *
 * <p>Section labels are bounded by the guide: answers come from it, and {@code PitchBot.feedback}
 * refuses intents it does not have. Delivery failures are counted by the adapters themselves, in
 * the same registry ({@code genai_pitch_delivery_failures_total{platform, operation}}).
 */
public final class BotMetrics implements BotListener {

  private final MeterRegistry registry;
  private final double lowScore;

  // The meters of the answers' labels, looked up here rather than registered again per answer
  // (the registry's lookup builds and sorts an id each time). The labels are bounded (Labels and
  // the guide's sections), so are these.
  private final ConcurrentMap<String, Counter> questions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> answers = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> latencies = new ConcurrentHashMap<>();
  private volatile DistributionSummary scores;

  public BotMetrics(MeterRegistry registry, double lowScore) {
    this.registry = registry;
    this.lowScore = lowScore;
  }

  @Override
  public void answered(Asked asked) {
    Answer answer = asked.answer();
    String platform = Labels.platform(asked.platform());
    String outcome = outcome(answer, lowScore);
    questions
        .computeIfAbsent(
            platform + ' ' + outcome,
            k ->
                Counter.builder("genai.pitch.questions")
                    .description("Questions asked, by platform and outcome")
                    .tag("platform", platform)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
    answers
        .computeIfAbsent(
            answer.intent(),
            section ->
                Counter.builder("genai.pitch.answers")
                    .description(
                        "Answers given, by section (help is the topic menu, none is 'not in the"
                            + " script')")
                    .tag("section", section)
                    .register(registry))
        .increment();
    scores().record(answer.score());
    latencies
        .computeIfAbsent(
            platform,
            p ->
                Timer.builder("genai.pitch.answer.latency")
                    .description("Time to match a question and build its answer")
                    .tag("platform", p)
                    .serviceLevelObjectives(Buckets.LATENCY)
                    .register(registry))
        .record(Duration.ofNanos(asked.nanos()));
  }

  private DistributionSummary scores() {
    DistributionSummary summary = scores;
    if (summary == null) {
      // In percent: Micrometer's fixed-bucket histograms round values up to whole numbers.
      summary =
          DistributionSummary.builder("genai.pitch.match.score")
              .description("Match scores of asked questions, in percent")
              .baseUnit("percent")
              .scale(100)
              .serviceLevelObjectives(Buckets.SCORE_PERCENT)
              .register(registry);
      scores = summary;
    }
    return summary;
  }

  @Override
  public void feedback(String platform, String intent, boolean helpful) {
    Counter.builder("genai.pitch.feedback")
        .description("Helpful? clicks, by section")
        .tag("platform", Labels.platform(platform))
        .tag("section", intent)
        .tag("helpful", Boolean.toString(helpful))
        .register(registry)
        .increment();
  }

  /** {@code answered}, {@code low_score}, {@code none} or {@code help}. */
  static String outcome(Answer answer, double lowScore) {
    return switch (answer.kind()) {
      case NONE -> "none";
      case HELP -> "help";
      case SECTION -> answer.score() < lowScore ? "low_score" : "answered";
    };
  }
}
