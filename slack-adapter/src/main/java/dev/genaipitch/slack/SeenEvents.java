package dev.genaipitch.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Event ids already answered, so that an event Slack delivers again ({@code X-Slack-Retry-Num}) is
 * answered once. Bounded in size and time: Slack retries within minutes, so an hour of memory is
 * ample.
 */
final class SeenEvents {

  static final long MAX_SIZE = 10_000;
  static final Duration EXPIRY = Duration.ofHours(1);

  private final Cache<String, Boolean> seen;

  SeenEvents(Clock clock) {
    this.seen =
        Caffeine.newBuilder()
            .maximumSize(MAX_SIZE)
            .expireAfterWrite(EXPIRY)
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /** True the first time {@code eventId} is seen within the expiry, false after. */
  boolean firstTime(String eventId) {
    return seen.asMap().putIfAbsent(eventId, Boolean.TRUE) == null;
  }
}
