package dev.genaipitch.core.practice;

import java.util.function.UnaryOperator;

/**
 * Where practice state lives: each rep's open round and history. In process by default ({@link
 * #inMemory}); a shared store (Redis) implements the same two methods for a fleet.
 *
 * <p>Implementations must apply {@link #update} atomically per rep: two replies from one rep at
 * once never lose a round.
 */
public interface PracticeStore {

  /** The rep's state, or {@link PracticeState#EMPTY} for a rep never seen. */
  PracticeState get(String rep);

  /**
   * Replaces the rep's state with {@code change} applied to it, atomically; returns the new state.
   */
  PracticeState update(String rep, UnaryOperator<PracticeState> change);

  /** An in-process store keeping the {@code capacity} most recently active reps. */
  static PracticeStore inMemory(int capacity) {
    return new InMemoryPracticeStore(capacity);
  }
}
