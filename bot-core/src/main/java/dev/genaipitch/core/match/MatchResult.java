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
 * @param brief whether the message, read after {@code intent} was shown, asks for it shorter (a
 *     follow-up of the {@code shorter} kind that the section relates to itself): it is answered
 *     with the section's short form ({@code Section#brief}) alone; false for a message read alone
 */
public record MatchResult(
    String question,
    String intent,
    double score,
    List<Candidate> alternatives,
    List<String> didYouMean,
    List<String> alsoAsked,
    List<String> notCovered,
    int keyLine,
    boolean brief) {

  /** An intent and its score. */
  public record Candidate(String intent, double score) {}

  public MatchResult {
    alternatives = List.copyOf(alternatives);
    didYouMean = List.copyOf(didYouMean);
    alsoAsked = List.copyOf(alsoAsked);
    notCovered = List.copyOf(notCovered);
  }

  /** A verdict that does not ask for a short form. */
  public MatchResult(
      String question,
      String intent,
      double score,
      List<Candidate> alternatives,
      List<String> didYouMean,
      List<String> alsoAsked,
      List<String> notCovered,
      int keyLine) {
    this(question, intent, score, alternatives, didYouMean, alsoAsked, notCovered, keyLine, false);
  }

  /** This verdict as asking for the short form of its section (without a key line). */
  public MatchResult asBrief() {
    return new MatchResult(
        question, intent, score, alternatives, didYouMean, alsoAsked, notCovered, -1, true);
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
