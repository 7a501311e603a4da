package dev.genaipitch.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the bot says, independent of any platform. Slack, Teams, the terminal and the playground
 * each render this one shape.
 *
 * @param kind a section of the script, the topic menu, or "not in the script"
 * @param intent the section id, {@code help} or {@code none}; stable, used by buttons and analytics
 * @param title short title for buttons and headers
 * @param heading the script's own heading for the text (for a section, the numbered heading)
 * @param blocks the script's words, structured
 * @param followUps topics worth opening next (sections only)
 * @param alternatives for a section, "did you mean" runner-ups when the match was close; for {@code
 *     none}, the closest topics
 * @param menu every topic, for {@code help} and {@code none}; empty for a section
 * @param score the match's confidence, 0 to 1 (1 when a section was opened by id)
 * @param question the user's words as received, or empty when opened by id; renderers must escape
 *     it
 */
public record Answer(
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
    Objects.requireNonNull(question, "question");
    blocks = List.copyOf(blocks);
    followUps = List.copyOf(followUps);
    alternatives = List.copyOf(alternatives);
    menu = List.copyOf(menu);
  }

  /** The answer's words without markup: heading, then each block, separated by blank lines. */
  public String plainText() {
    return heading
        + "\n\n"
        + blocks.stream().map(Block::plainText).collect(Collectors.joining("\n\n"));
  }
}
