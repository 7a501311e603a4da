package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaipitch.core.match.Shown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The in-process conversation store: what it keeps, for how long, and how many. */
final class ConversationStoreTest {

  private final FakeClock clock = new FakeClock();
  private final ConversationStore store =
      ConversationStore.inMemory(3, Duration.ofMinutes(30), clock);

  @Test
  void recent_neverSeen_isEmpty() {
    assertThat(store.recent("C1:1700000000.000100")).isEmpty();
  }

  @Test
  void recent_afterSeveralAnswers_isTheLastFewMostRecentFirst() {
    store.shown("t", Shown.section("overview"));
    store.shown("t", new Shown("definitions", 2));
    store.shown("t", Shown.section("analogy"));
    store.shown("t", Shown.section("when-bedrock"));

    assertThat(store.recent("t"))
        .containsExactly(
            Shown.section("when-bedrock"), Shown.section("analogy"), new Shown("definitions", 2))
        .hasSize(ConversationStore.HISTORY);
  }

  @Test
  void recent_conversationsAreKeptApart() {
    store.shown("a", Shown.section("need-both"));
    store.shown("b", Shown.section("analogy"));

    assertThat(store.recent("a")).containsExactly(Shown.section("need-both"));
    assertThat(store.recent("b")).containsExactly(Shown.section("analogy"));
  }

  @Test
  void recent_idleLongerThanItsTimeToLive_isForgotten() {
    store.shown("t", Shown.section("need-both"));

    clock.advance(Duration.ofMinutes(29));
    assertThat(store.recent("t")).isNotEmpty();

    clock.advance(Duration.ofMinutes(31));
    assertThat(store.recent("t")).isEmpty();
  }

  @Test
  void recent_aMessageKeepsItsConversationAlive() {
    store.shown("t", Shown.section("need-both"));
    clock.advance(Duration.ofMinutes(20));
    store.shown("t", Shown.section("analogy"));
    clock.advance(Duration.ofMinutes(20));

    assertThat(store.recent("t")).hasSize(2);
  }

  @Test
  void shown_beyondItsCount_keepsAtMostThatMany_andTheNewest() {
    for (int i = 0; i < 50; i++) {
      store.shown("t" + i, Shown.section("analogy"));
    }

    long remembered = 0;
    for (int i = 0; i < 50; i++) {
      remembered += store.recent("t" + i).isEmpty() ? 0 : 1;
    }
    assertThat(remembered).isLessThanOrEqualTo(3);
    assertThat(store.recent("t49")).isNotEmpty();
  }

  @Test
  void inMemory_nonsenseBounds_areRefused() {
    assertThatThrownBy(() -> ConversationStore.inMemory(0, Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConversations");
    assertThatThrownBy(() -> ConversationStore.inMemory(10, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idle");
  }

  /** A clock the test moves by hand. */
  static final class FakeClock extends Clock {
    private Instant now = Instant.parse("2026-12-05T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
