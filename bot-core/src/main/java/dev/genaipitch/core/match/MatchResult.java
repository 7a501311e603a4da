package dev.genaipitch.core.match;

import java.util.List;

/**
 * The matcher's verdict on one question.
 *
 * @param question the text as given
 * @param intent a section id, {@code help} or {@code none}
 * @param score confidence in {@code intent}, 0 to 1
 * @param alternatives other section ids (or {@code help}) by falling score, best first
 * @param didYouMean runner-up section ids close enough to the winner to offer as "did you mean";
 *     for {@code none}, the closest sections
 */
public record MatchResult(
    String question,
    String intent,
    double score,
    List<Candidate> alternatives,
    List<String> didYouMean) {

  /** An intent and its score. */
  public record Candidate(String intent, double score) {}

  public MatchResult {
    alternatives = List.copyOf(alternatives);
    didYouMean = List.copyOf(didYouMean);
  }
}
