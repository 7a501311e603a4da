package dev.genaipitch.app;

import dev.genaipitch.core.BotListener;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured log line per answered question ({@code platform, outcome, section, score,
 * latency_ms}), per feedback click and per delivery failure, as key-value pairs: text logs show
 * them as {@code key="value"}, JSON logs as fields. The user's words appear only when {@code
 * LOG_QUESTIONS=true}, flattened to one line.
 */
final class AnswerLog implements BotListener {

  /** The logger's name, so operators can route or silence these lines. */
  static final String LOGGER = "dev.genaipitch.answers";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final int MAX_QUESTION = 500;

  private final boolean logQuestions;
  private final double lowScore;

  AnswerLog(boolean logQuestions, double lowScore) {
    this.logQuestions = logQuestions;
    this.lowScore = lowScore;
  }

  @Override
  public void answered(Asked asked) {
    var line =
        LOG.atInfo()
            .addKeyValue("platform", Labels.platform(asked.platform()))
            .addKeyValue("outcome", BotMetrics.outcome(asked.answer(), lowScore))
            .addKeyValue("section", asked.answer().intent())
            .addKeyValue("score", String.format(Locale.ROOT, "%.3f", asked.answer().score()))
            .addKeyValue("latency_ms", String.format(Locale.ROOT, "%.2f", asked.nanos() / 1e6));
    if (logQuestions) {
      line = line.addKeyValue("question", oneLine(asked.question()));
    }
    line.log("answered");
  }

  @Override
  public void feedback(String platform, String intent, boolean helpful) {
    LOG.atInfo()
        .addKeyValue("platform", Labels.platform(platform))
        .addKeyValue("section", oneLine(intent))
        .addKeyValue("helpful", helpful)
        .log("feedback");
  }

  @Override
  public void deliveryFailed(String platform, String operation) {
    LOG.atWarn()
        .addKeyValue("platform", Labels.platform(platform))
        .addKeyValue("operation", Labels.operation(operation))
        .log("delivery failed");
  }

  /**
   * The text on one line: control characters (line breaks included) become spaces, so a question
   * cannot forge log lines; long text is cut.
   */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUESTION));
    text.codePoints()
        .limit(MAX_QUESTION)
        .forEach(
            c ->
                out.appendCodePoint(
                    Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85
                        ? ' '
                        : c));
    return out.toString();
  }
}
