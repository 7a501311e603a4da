package dev.genaipitch.core.eval;

import java.util.List;
import java.util.Map;

/**
 * How a matcher did on a labeled set.
 *
 * @param inScopeAccuracy share of questions with an expected intent (sections and help) whose top-1
 *     intent is one of those expected
 * @param outOfScopeRejection share of out-of-scope questions answered {@code none}
 * @param perIntent precision and recall per intent (sections, help and none), by intent name
 * @param misses every question answered wrongly
 * @param threshold the matcher's confidence threshold for {@code none}
 */
public record EvalReport(
    int inScope,
    int outOfScope,
    double inScopeAccuracy,
    double outOfScopeRejection,
    Map<String, IntentFigures> perIntent,
    List<Miss> misses,
    double threshold) {

  /** Precision and recall of one intent. */
  public record IntentFigures(int expected, int predicted, int correct) {
    public double precision() {
      return predicted == 0 ? 1.0 : (double) correct / predicted;
    }

    public double recall() {
      return expected == 0 ? 1.0 : (double) correct / expected;
    }
  }

  /** A question the matcher got wrong. */
  public record Miss(LabeledQuestion question, String got, double score) {}

  public EvalReport {
    perIntent = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perIntent));
    misses = List.copyOf(misses);
  }
}
