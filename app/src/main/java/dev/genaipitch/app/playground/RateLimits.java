package dev.genaipitch.app.playground;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * How often one client address, and all of them together, may use an endpoint: a token bucket per
 * address ({@code perMinute}, refilled evenly over a minute) and one for everyone ({@link
 * #TOTAL_FACTOR} times as much), so that nobody can flood what the endpoint feeds (the playground's
 * questions reach the report of unanswered questions). Thread-safe; time comes from the clock.
 */
public final class RateLimits {

  /** Everyone together may do this many times what one address may. */
  static final int TOTAL_FACTOR = 10;

  private static final long MAX_ADDRESSES = 10_000;

  private final int perMinute;
  private final Clock clock;
  private final Bucket total;
  private final Cache<String, Bucket> byAddress;

  public RateLimits(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
    this.total = new Bucket(perMinute * (double) TOTAL_FACTOR, clock.millis());
    this.byAddress =
        Caffeine.newBuilder()
            .maximumSize(MAX_ADDRESSES)
            .expireAfterAccess(Duration.ofMinutes(2))
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Takes one use for {@code address}.
   *
   * @return 0 when allowed, else the whole seconds to wait before trying again
   */
  long take(String address) {
    long now = clock.millis();
    Bucket mine = byAddress.get(address, a -> new Bucket(perMinute, now));
    long wait = mine.take(perMinute, now);
    if (wait > 0) {
      return wait;
    }
    long everyone = total.take(perMinute * (double) TOTAL_FACTOR, now);
    if (everyone > 0) {
      mine.giveBack();
    }
    return everyone;
  }

  /** Up to {@code capacity} uses, refilled at {@code capacity} a minute. */
  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double capacity, long now) {
      this.tokens = capacity;
      this.updated = now;
    }

    synchronized long take(double capacity, long now) {
      double perMilli = capacity / 60_000.0;
      tokens = Math.min(capacity, tokens + Math.max(0, now - updated) * perMilli);
      updated = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000.0));
    }

    synchronized void giveBack() {
      tokens += 1;
    }
  }
}
