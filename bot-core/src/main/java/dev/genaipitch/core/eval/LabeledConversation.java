package dev.genaipitch.core.eval;

import java.util.List;

/**
 * A short conversation with the bot, each message labelled with the sections that would be right
 * for it at that point ({@code none} when the script does not say, {@code help} for the menu).
 *
 * @param turns the rep's messages, oldest first
 * @param kind what the last message is: {@code fragment} (it needs the context), {@code complete}
 *     (a question of its own, whatever came before) or {@code oos-followup} (a follow-up the script
 *     does not answer)
 * @param line the line of the file it was read from, or 0
 */
public record LabeledConversation(List<Turn> turns, String kind, int line) {

  /** Kinds of last message that are a question of their own: the context must not change them. */
  public static final String COMPLETE = "complete";

  /** One message and the intents right for it. */
  public record Turn(String question, List<String> expected) {
    public Turn {
      expected = List.copyOf(expected);
    }
  }

  public LabeledConversation {
    turns = List.copyOf(turns);
    if (turns.isEmpty()) {
      throw new IllegalArgumentException("a conversation has at least one message");
    }
  }

  /** The message that is scored. */
  public Turn last() {
    return turns.get(turns.size() - 1);
  }
}
