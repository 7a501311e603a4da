package dev.genaipitch.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A short-lived record of what was already seen, so that something delivered twice is acted on
 * once: Slack's event ids (an event Slack retries) and request signatures (a signed request
 * replayed within its five-minute window). Keys carry their own namespace ({@code "slack-event:"},
 * {@code "slack-request:"}).
 *
 * <p>Thread-safe. {@link #inProcess} keeps the record in this process; a record shared by several
 * replicas (Redis, say) implements the same method with the same promise.
 */
@FunctionalInterface
public interface SeenOnce {

  /**
   * Offers a key.
   *
   * @return true the first time {@code key} is offered within the time to live, false after
   */
  boolean firstTime(String key);

  /**
   * The record in this process: at most {@code maxKeys} keys (the oldest go first), each for {@code
   * timeToLive} from when it was first offered, as {@code clock} tells time.
   */
  static SeenOnce inProcess(Duration timeToLive, long maxKeys, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Cache<String, Boolean> seen =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterWrite(timeToLive)
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
    return key -> seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
  }
}
