package dev.genaipitch.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.genaipitch.core.match.Shown;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Conversations in this process, bounded in number and idle time (Caffeine). */
final class InMemoryConversationStore implements ConversationStore {

  private final Cache<String, List<Shown>> conversations;

  InMemoryConversationStore(int maxConversations, Duration idle, Clock clock) {
    if (maxConversations < 1) {
      throw new IllegalArgumentException(
          "maxConversations must be at least 1, was " + maxConversations);
    }
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("idle must be positive, was " + idle);
    }
    Objects.requireNonNull(clock, "clock");
    this.conversations =
        Caffeine.newBuilder()
            .maximumSize(maxConversations)
            .expireAfterAccess(idle)
            .ticker(() -> clock.millis() * 1_000_000L)
            // Evictions run on the caller's thread: no pool of its own, and tests see them at once.
            .executor(Runnable::run)
            .build();
  }

  @Override
  public List<Shown> recent(String conversation) {
    List<Shown> recent = conversations.getIfPresent(conversation);
    return recent == null ? List.of() : recent;
  }

  @Override
  public void shown(String conversation, Shown shown) {
    Objects.requireNonNull(shown, "shown");
    conversations
        .asMap()
        .compute(
            conversation,
            (key, before) -> {
              List<Shown> next = new ArrayList<>(HISTORY);
              next.add(shown);
              if (before != null) {
                next.addAll(before.subList(0, Math.min(before.size(), HISTORY - 1)));
              }
              return List.copyOf(next);
            });
  }
}
