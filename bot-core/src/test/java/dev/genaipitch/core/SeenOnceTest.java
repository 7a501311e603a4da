package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class SeenOnceTest {

  private final MovableClock clock = new MovableClock();
  private final SeenOnce seen = SeenOnce.inProcess(Duration.ofMinutes(10), 3, clock);

  @Test
  void firstTime_isTrueOnce_thenFalse() {
    assertThat(seen.firstTime("slack-event:Ev1")).isTrue();
    assertThat(seen.firstTime("slack-event:Ev1")).isFalse();
    assertThat(seen.firstTime("slack-event:Ev2")).isTrue();
  }

  @Test
  void firstTime_afterTheTimeToLive_isTrueAgain() {
    seen.firstTime("slack-request:v0=abc");

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    assertThat(seen.firstTime("slack-request:v0=abc")).isTrue();
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2025-06-01T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
