package dev.genaipitch.core.eval;

import java.util.List;

/**
 * How a matcher read conversations: their last messages answered right, by kind of last message,
 * and how many complete questions the context hijacked.
 *
 * @param kinds figures per kind of last message, by name
 * @param hijacked complete questions answered wrong in context and otherwise than alone
 * @param conversations each conversation as the matcher read it
 */
public record ConversationReport(List<KindFigures> kinds, int hijacked, List<Read> conversations) {

  public ConversationReport {
    kinds = List.copyOf(kinds);
    conversations = List.copyOf(conversations);
  }

  /**
   * @param lastRight last messages answered right, each message read after the bot's own answers to
   *     the ones before it (as {@code match --conversation} reads them)
   * @param lastRightAlone last messages answered right when read alone (no context at all)
   * @param lastRightLabelled last messages answered right after the labelled answers, as if every
   *     earlier message had been answered right
   */
  public record KindFigures(
      String kind, int conversations, int lastRight, int lastRightAlone, int lastRightLabelled) {}

  /**
   * One conversation as read.
   *
   * @param answered each message's intent, in order
   * @param scores each message's score, in order
   * @param lastAlone the last message's intent when read alone
   */
  public record Read(
      LabeledConversation conversation,
      List<String> answered,
      List<Double> scores,
      String lastAlone) {

    public Read {
      answered = List.copyOf(answered);
      scores = List.copyOf(scores);
    }

    public boolean lastRight() {
      return conversation.last().expected().contains(answered.get(answered.size() - 1));
    }
  }

  public int total() {
    return kinds.stream().mapToInt(KindFigures::conversations).sum();
  }

  /** The share of last messages answered right. */
  public double lastAccuracy() {
    int total = total();
    return total == 0
        ? 1.0
        : (double) kinds.stream().mapToInt(KindFigures::lastRight).sum() / total;
  }

  /** The share of complete questions the context hijacked. */
  public double hijackRate() {
    int complete =
        kinds.stream()
            .filter(k -> k.kind().equals(LabeledConversation.COMPLETE))
            .mapToInt(KindFigures::conversations)
            .sum();
    return complete == 0 ? 0.0 : (double) hijacked / complete;
  }

  /** The conversations whose last message was answered wrong, in file order. */
  public List<Read> misses() {
    return conversations.stream().filter(r -> !r.lastRight()).toList();
  }
}
