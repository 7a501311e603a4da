package dev.genaipitch.core.eval;

import java.util.List;

/**
 * A question with the intents that would be right for it: section ids, {@code ["help"]} for menu
 * requests, or none at all when the script does not cover it.
 */
public record LabeledQuestion(String question, List<String> expected, int line) {

  public LabeledQuestion {
    expected = List.copyOf(expected);
  }

  public boolean outOfScope() {
    return expected.isEmpty();
  }
}
