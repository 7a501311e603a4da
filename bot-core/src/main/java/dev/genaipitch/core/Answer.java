package dev.genaipitch.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the bot says, independent of any platform. Slack, Teams, the terminal and the playground
 * each render this one shape: for a section, the script's line that answers a one-fact question (if
 * any), the section, then its parts (companions and other sections asked about), then what the
 * question asked that the script does not cover.
 *
 * @param kind a section of the script, the topic menu, or "not in the script"
 * @param intent the section id, {@code help} or {@code none}; stable, used by buttons and analytics
 * @param title short title for buttons and headers
 * @param heading the script's own heading for the text (for a section, the numbered heading)
 * @param blocks the script's words, structured
 * @param keyLine the script's one line that answers a one-fact question ("Multiple models (Claude,
 *     LLaMA, Titan) behind one API"), shown first; empty when the question is not about one fact
 * @param parts more of the script shown after the section, in order: companions and other sections
 *     the question asked about (sections only)
 * @param notCovered the asker's words for each part of the question the script does not cover,
 *     named so that nobody takes the answer for a guess about them (sections only)
 * @param followUps topics worth opening next (sections only)
 * @param alternatives for a section, "did you mean" runner-ups when the match was close; for {@code
 *     none}, the closest topics
 * @param menu every topic, for {@code help} only; empty otherwise
 * @param score the match's confidence in {@code intent}, 0 to 1 (1 when opened by a button)
 * @param question the user's words as received, or empty when opened by id; renderers must escape
 *     it
 * @param ref what a button carries to show this same answer again (for "Post in channel"): the
 *     intent, the other sections asked about and the key line, or that it is the brief answer;
 *     {@link PitchBot#open} reads it
 * @param brief whether this is a section's short form alone ("shorter" asked in a conversation
 *     right after the section): {@code blocks} are its short form, and {@code followUps} offer the
 *     whole section (its own {@code intent}) first, then the 60-second summary
 */
public record Answer(
    Kind kind,
    String intent,
    String title,
    String heading,
    List<Block> blocks,
    String keyLine,
    List<Part> parts,
    List<String> notCovered,
    List<Topic> followUps,
    List<Topic> alternatives,
    List<Topic> menu,
    double score,
    String question,
    String ref,
    boolean brief) {

  /** The three kinds of answer. */
  public enum Kind {
    SECTION,
    HELP,
    NONE
  }

  public Answer {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(keyLine, "keyLine");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(ref, "ref");
    blocks = List.copyOf(blocks);
    parts = List.copyOf(parts);
    notCovered = List.copyOf(notCovered);
    followUps = List.copyOf(followUps);
    alternatives = List.copyOf(alternatives);
    menu = List.copyOf(menu);
  }

  /** An answer that is not a brief one. */
  public Answer(
      Kind kind,
      String intent,
      String title,
      String heading,
      List<Block> blocks,
      String keyLine,
      List<Part> parts,
      List<String> notCovered,
      List<Topic> followUps,
      List<Topic> alternatives,
      List<Topic> menu,
      double score,
      String question,
      String ref) {
    this(
        kind,
        intent,
        title,
        heading,
        blocks,
        keyLine,
        parts,
        notCovered,
        followUps,
        alternatives,
        menu,
        score,
        question,
        ref,
        false);
  }

  /** An answer of one entry alone: no key line, parts or uncovered asks; its ref is its intent. */
  public Answer(
      Kind kind,
      String intent,
      String title,
      String heading,
      List<Block> blocks,
      List<Topic> followUps,
      List<Topic> alternatives,
      List<Topic> menu,
      double score,
      String question) {
    this(
        kind,
        intent,
        title,
        heading,
        blocks,
        "",
        List.of(),
        List.of(),
        followUps,
        alternatives,
        menu,
        score,
        question,
        intent);
  }

  /**
   * The answer's words without markup: heading, each block, then each part's heading and blocks,
   * separated by blank lines.
   */
  public String plainText() {
    List<String> pieces = new ArrayList<>();
    pieces.add(heading);
    blocks.forEach(b -> pieces.add(b.plainText()));
    for (Part part : parts) {
      pieces.add(part.heading());
      part.blocks().forEach(b -> pieces.add(b.plainText()));
    }
    return pieces.stream().collect(Collectors.joining("\n\n"));
  }
}
