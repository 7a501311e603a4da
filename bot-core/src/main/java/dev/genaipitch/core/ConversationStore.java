package dev.genaipitch.core;

import dev.genaipitch.core.match.Shown;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What each conversation showed lately, so that a follow-up ("and sm?", "shorter", "why though") is
 * read in the context of the answer before it. A conversation is whatever stable key its adapter
 * gives: a Slack thread or DM, a Teams chat or reply chain, a playground session, a terminal.
 *
 * <p>A store holds section ids and line numbers only, never what anyone typed. It forgets a
 * conversation idle for its time to live and keeps a bounded number of them. In process by default
 * ({@link #inMemory}); a shared store (Redis) implements the same two methods, so that any replica
 * continues any conversation. Implementations are thread-safe and apply {@link #shown} atomically
 * per conversation.
 */
public interface ConversationStore {

  /** How many answers back a conversation is remembered: the last one shown and those before. */
  int HISTORY = 3;

  /** How long an idle conversation is remembered by default. */
  Duration IDLE = Duration.ofMinutes(30);

  /** How many conversations an in-process store remembers by default. */
  int MAX_CONVERSATIONS = 10_000;

  /**
   * What {@code conversation} showed, the most recent first, at most {@link #HISTORY}; empty for a
   * conversation never seen or forgotten.
   */
  List<Shown> recent(String conversation);

  /** Records that {@code conversation} showed {@code shown}, now. */
  void shown(String conversation, Shown shown);

  /**
   * An in-process store: the {@code maxConversations} most recently active conversations, each
   * forgotten after {@code idle} without a message.
   *
   * @param clock the time conversations are idle by (tests pass a fake one)
   */
  static ConversationStore inMemory(int maxConversations, Duration idle, Clock clock) {
    return new InMemoryConversationStore(maxConversations, idle, clock);
  }

  /** Remembers nothing: every message is read alone. */
  ConversationStore NONE =
      new ConversationStore() {
        @Override
        public List<Shown> recent(String conversation) {
          return List.of();
        }

        @Override
        public void shown(String conversation, Shown shown) {}
      };
}
