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
 * @param alsoAsked for a question in several parts, the other sections its parts ask about, in the
 *     order asked (never {@code intent} itself)
 * @param notCovered for a question in several parts, the words of each part the script does not
 *     cover
 * @param keyLine for a question about one fact, the index into the section's {@code lines()} of the
 *     line that answers it; -1 otherwise
 */
public record MatchResult(
    String question,
    String intent,
    double score,
    List<Candidate> alternatives,
    List<String> didYouMean,
    List<String> alsoAsked,
    List<String> notCovered,
    int keyLine) {

  /** An intent and its score. */
  public record Candidate(String intent, double score) {}

  public MatchResult {
    alternatives = List.copyOf(alternatives);
    didYouMean = List.copyOf(didYouMean);
    alsoAsked = List.copyOf(alsoAsked);
    notCovered = List.copyOf(notCovered);
  }

  /** A verdict on a question in one part, without a key line. */
  public MatchResult(
      String question,
      String intent,
      double score,
      List<Candidate> alternatives,
      List<String> didYouMean) {
    this(question, intent, score, alternatives, didYouMean, List.of(), List.of(), -1);
  }
}
