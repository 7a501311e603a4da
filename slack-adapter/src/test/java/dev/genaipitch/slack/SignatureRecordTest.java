package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.slack.SignatureRecord.Offer;
import dev.genaipitch.testing.MutableClock;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class SignatureRecordTest {

  private static final Duration WINDOW = Duration.ofMinutes(5);

  private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
  private final long now = clock.instant().getEpochSecond();

  @Test
  void offer_isFirstOnce_thenReplay_forTheSameTimestampAndSignature() {
    SignatureRecord record = new SignatureRecord(WINDOW, 10, clock);

    assertThat(record.offer(now, 42)).isEqualTo(Offer.FIRST);
    assertThat(record.offer(now, 42)).isEqualTo(Offer.REPLAY);
    assertThat(record.offer(now, 43)).isEqualTo(Offer.FIRST);
    assertThat(record.offer(now, 0)).isEqualTo(Offer.FIRST);
    assertThat(record.offer(now, 0)).isEqualTo(Offer.REPLAY);
    assertThat(record.size()).isEqualTo(3);
  }

  @Test
  void offer_keepsASignatureUntilItsTimestampLeavesTheWindow_thenLetsItGo() {
    SignatureRecord record = new SignatureRecord(WINDOW, 10, clock);
    record.offer(now, 42);
    record.offer(now + 299, 7);

    clock.advance(WINDOW);
    assertThat(record.offer(now, 42)).isEqualTo(Offer.REPLAY);
    assertThat(record.size()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(40));
    assertThat(record.size()).as("only the one from 299 s later is left").isEqualTo(1);
    assertThat(record.offer(now + 299, 7)).isEqualTo(Offer.REPLAY);

    clock.advance(Duration.ofMinutes(10));
    assertThat(record.size()).isZero();
  }

  @Test
  void offer_fromTheFutureEdgeOfTheWindow_isHeldForItsWholeWindow() {
    SignatureRecord record = new SignatureRecord(WINDOW, 10, clock);
    long future = now + WINDOW.toSeconds();

    assertThat(record.offer(future, 5)).isEqualTo(Offer.FIRST);
    clock.advance(WINDOW.multipliedBy(2));

    assertThat(record.offer(future, 5)).isEqualTo(Offer.REPLAY);
  }

  @Test
  void offer_outsideTheWindow_isNeverFirst() {
    SignatureRecord record = new SignatureRecord(WINDOW, 10, clock);

    assertThat(record.offer(now - 3600, 1)).isEqualTo(Offer.REPLAY);
    assertThat(record.offer(now + 3600, 2)).isEqualTo(Offer.REPLAY);
    assertThat(record.size()).isZero();
  }

  @Test
  void offer_whenFull_refusesNewSignatures_butStillKnowsTheOldOnes() {
    SignatureRecord record = new SignatureRecord(WINDOW, 2, clock);
    record.offer(now, 1);
    record.offer(now + 15, 2);

    assertThat(record.offer(now, 3)).isEqualTo(Offer.FULL);
    assertThat(record.offer(now, 1)).isEqualTo(Offer.REPLAY);
    assertThat(record.offer(now + 15, 2)).isEqualTo(Offer.REPLAY);
    long wait = record.secondsUntilRoom();
    assertThat(wait).isPositive();

    clock.advance(Duration.ofSeconds(wait - 1));
    assertThat(record.offer(now, 3)).isEqualTo(Offer.FULL);
    clock.advance(Duration.ofSeconds(1));
    assertThat(record.offer(now + 30, 3)).isEqualTo(Offer.FIRST);
    assertThat(record.offer(now + 15, 2))
        .as("the younger one is still held")
        .isEqualTo(Offer.REPLAY);
  }

  @Test
  void offer_ofManySignaturesOverManyWindows_holdsEachUntilItsWindowEnds() {
    SignatureRecord record = new SignatureRecord(WINDOW, 1_000_000, clock);
    SplittableRandom random = new SplittableRandom(13);
    long[] recent = new long[2_000];
    for (int second = 0; second < 1_500; second++) {
      long t = now + second;
      for (int i = 0; i < recent.length; i++) {
        recent[i] = random.nextLong();
        assertThat(record.offer(t, recent[i])).isEqualTo(Offer.FIRST);
      }
      if (second % 100 == 99) {
        for (long signature : recent) {
          assertThat(record.offer(t, signature)).isEqualTo(Offer.REPLAY);
        }
      }
      clock.advance(Duration.ofSeconds(1));
    }

    // 1,500 s of 2,000 a second: held are the last window's, with one slice of margin either way.
    assertThat(record.size()).isBetween(300 * 2_000, 330 * 2_000);
  }
}
