package dev.genaipitch.core.practice;

import java.util.List;

/**
 * The script's answer to a practice question: every key point in the script's words.
 *
 * @param question the question it answers
 * @param lines each key point with its script line, in the script's order
 */
public record ScriptAnswer(PracticeQuestion question, List<Coaching.ScriptLine> lines) {
  public ScriptAnswer {
    lines = List.copyOf(lines);
  }
}
