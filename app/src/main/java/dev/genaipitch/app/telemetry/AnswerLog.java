package dev.genaipitch.app.telemetry;

import dev.genaipitch.core.BotListener;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured log line per answered question ({@code platform, outcome, section, score,
 * latency_ms}) and per feedback click, as key-value pairs: text logs show them as {@code
 * key="value"}, JSON logs as fields. The user's words appear only when {@code LOG_QUESTIONS=true},
 * flattened to one line.
 */
public final class AnswerLog implements BotListener {

  /** The logger's name, so operators can route or silence these lines. */
  static final String LOGGER = "dev.genaipitch.answers";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final int MAX_QUESTION = 500;

  private final boolean logQuestions;
  private final double lowScore;

  public AnswerLog(boolean logQuestions, double lowScore) {
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
            .addKeyValue("score", decimal(asked.answer().score(), 3))
            .addKeyValue("latency_ms", decimal(asked.nanos() / 1e6, 2));
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

  /**
   * {@code value} with {@code places} decimals (0.998, 1.50), as {@code %.Nf} writes it, without
   * the formatter's parsing of its pattern on every answer.
   */
  static String decimal(double value, int places) {
    if (!Double.isFinite(value)) {
      return String.format(Locale.ROOT, "%." + places + "f", value);
    }
    // The formatter rounds the shortest decimal that reads back as the double, half up: so here,
    // on its digits. Scientific notation (below 0.001, from 10^7) goes through BigDecimal, which
    // the plain case equals (AnswerLogTest) at a fraction of the cost on every answer's line.
    String shortest = Double.toString(value);
    if (shortest.indexOf('E') >= 0) {
      return new BigDecimal(shortest).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
    boolean negative = shortest.charAt(0) == '-';
    int start = negative ? 1 : 0;
    int dot = shortest.indexOf('.');
    int fraction = shortest.length() - dot - 1;
    int whole = dot - start;
    char[] digits = new char[whole + places];
    shortest.getChars(start, dot, digits, 0);
    for (int k = 0; k < places; k++) {
      digits[whole + k] = k < fraction ? shortest.charAt(dot + 1 + k) : '0';
    }
    boolean carry = places < fraction && shortest.charAt(dot + 1 + places) >= '5';
    for (int i = digits.length - 1; carry && i >= 0; i--) {
      carry = digits[i] == '9';
      digits[i] = carry ? '0' : (char) (digits[i] + 1);
    }
    boolean zero = !carry;
    for (int i = 0; zero && i < digits.length; i++) {
      zero = digits[i] == '0';
    }
    StringBuilder out = new StringBuilder(digits.length + 3);
    if (negative && !zero) {
      out.append('-'); // BigDecimal has no negative zero
    }
    if (carry) {
      out.append('1');
    }
    out.append(digits, 0, whole);
    if (places > 0) {
      out.append('.').append(digits, whole, places);
    }
    return out.toString();
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
