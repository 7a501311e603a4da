package dev.genaipitch.core.practice;

import java.util.List;

/**
 * An answer graded by a human coach: one line of a graded set (eval/graded/*.jsonl).
 *
 * @param section the section practised
 * @param prompt what the customer asked
 * @param answer the rep's words
 * @param grade the coach's grade: strong, partial or off
 * @param carried the points the coach found carried
 * @param why the coach's reason, for reports
 */
public record GradedAnswer(
    String section, String prompt, String answer, String grade, List<String> carried, String why) {

  public GradedAnswer {
    carried = carried == null ? List.of() : List.copyOf(carried);
    why = why == null ? "" : why;
  }
}
