package dev.genaipitch.core.content;

import java.util.List;
import java.util.Objects;

/**
 * One idea a rep's answer must carry in a practice round, with the script's words for it and the
 * cues that recognise it in an answer.
 *
 * @param id stable id within its section (a contract: grades and history name points by it)
 * @param script the script's words for the point, shown to a rep who missed it
 * @param cues ways of saying it: the point is carried when one cue of each service it names is
 *     found where the answer talks about that service
 * @param wrong claims that contradict the point (a swap, a negation, a wrong example)
 * @param line the 1-based line of its {@code point:} line, for messages
 */
public record KeyPoint(String id, String script, List<Cue> cues, List<Cue> wrong, int line) {

  public KeyPoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(script, "script");
    cues = List.copyOf(cues);
    wrong = List.copyOf(wrong);
  }

  /** Which part of an answer a cue is looked for in. */
  public enum Subject {
    /** Where the answer talks about Bedrock. */
    BEDROCK,
    /** Where the answer talks about SageMaker. */
    SAGEMAKER,
    /** Anywhere in the answer. */
    ANY
  }

  /**
   * One way of saying a point: every term must be found in one part of the answer about {@code
   * subject}.
   *
   * @param terms each a list of alternatives, any one of which satisfies the term
   */
  public record Cue(Subject subject, List<List<Alternative>> terms) {
    public Cue {
      Objects.requireNonNull(subject, "subject");
      terms = terms.stream().map(List::copyOf).toList();
    }
  }

  /**
   * A word or phrase of a cue.
   *
   * @param words the phrase's words, lower case, as written in the content
   * @param negated whether the answer must negate it ("without GPUs") rather than assert it
   */
  public record Alternative(List<String> words, boolean negated) {
    public Alternative {
      words = List.copyOf(words);
    }
  }
}
