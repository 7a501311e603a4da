package dev.genaipitch.core.eval;

import java.util.List;

/**
 * A question with the intents that would be right for it: section ids, {@code ["help"]} for menu
 * requests, or none at all when the script does not cover it.
 *
 * @param line the line of the file it was read from, or 0
 * @param parts for a question in several parts, the sections its covered parts ask about, in order
 * @param uncovered for a question with a part the script does not cover, a few words naming it;
 *     empty otherwise
 * @param style how it was written ({@code names}, {@code audience}, {@code terse}...), or empty
 * @param lines for a one-fact question, the script's line(s) that answer it
 */
public record LabeledQuestion(
    String question,
    List<String> expected,
    int line,
    List<String> parts,
    String uncovered,
    String style,
    List<String> lines) {

  public LabeledQuestion {
    expected = List.copyOf(expected);
    parts = List.copyOf(parts);
    lines = List.copyOf(lines);
  }

  public LabeledQuestion(String question, List<String> expected, int line) {
    this(question, expected, line, List.of(), "", "", List.of());
  }

  public boolean outOfScope() {
    return expected.isEmpty();
  }
}
