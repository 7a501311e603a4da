package dev.genaipitch.core.practice;

import java.util.List;

/**
 * The bot's feedback on one answer: the grade, the key points carried and missed with the script's
 * words for each, and what the rep can do next.
 *
 * @param question the question answered
 * @param grade the grade
 * @param carried the key points carried, with the script's lines
 * @param missed the key points missed or wrong, with the script's lines to learn
 * @param choices what the rep can do next, in the order to offer them
 * @param nextSection the section "Next question" would practise (the weakest)
 */
public record Coaching(
    PracticeQuestion question,
    Grade grade,
    List<ScriptLine> carried,
    List<ScriptLine> missed,
    List<Choice> choices,
    String nextSection) {

  public Coaching {
    carried = List.copyOf(carried);
    missed = List.copyOf(missed);
    choices = List.copyOf(choices);
  }

  /**
   * A key point and the script's words for it.
   *
   * @param point the key point's id
   * @param script the script's words
   * @param mistake what the answer got wrong about it, or null
   */
  public record ScriptLine(String point, String script, Grade.Mistake.Kind mistake) {}

  /** What a rep can do after a grade. */
  public enum Choice {
    TRY_AGAIN,
    NEXT_QUESTION,
    SHOW_ANSWER
  }
}
