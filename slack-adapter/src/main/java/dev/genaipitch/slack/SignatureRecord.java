package dev.genaipitch.slack;

import java.time.Clock;
import java.time.Duration;

/**
 * The signatures of the signed requests already acted on, each kept for exactly as long as {@link
 * RequestSignature} would accept it again: until its timestamp is more than the window old. Slack
 * signs {@code v0:timestamp:body}, so a replay carries the same timestamp as the original, and a
 * signature is filed under its timestamp: entries are dropped a whole slice of timestamps at a
 * time, with no clock per entry and nothing evicted early.
 *
 * <p>Only validly signed requests are offered (the check comes first), so only Slack, not an
 * attacker without the signing secret, can add entries. A signature is an HMAC: to anyone without
 * the secret its bits are uniformly random, so its first 64 bits identify it (two requests in the
 * same ten seconds collide with odds of about one in 2<sup>64</sup> over their number); an entry
 * costs 11 to 21 bytes. When {@code capacity} signatures are held, a new one is {@link Offer#FULL
 * refused} rather than an older one forgotten: forgetting would let a captured request be replayed
 * inside its window. Thread-safe.
 */
final class SignatureRecord {

  /** What became of an offered signature. */
  enum Offer {
    /** Not seen within the window: recorded now, act on the request. */
    FIRST,
    /** Seen within the window: a replay (or a signature from outside the window). */
    REPLAY,
    /** Not seen, but the record is full: refuse the request without acting on it. */
    FULL
  }

  private static final int SLICE_SECONDS = 10;
  private static final int FIRST_TABLE = 64;

  private final long windowSeconds;
  private final int capacity;
  private final Clock clock;
  private final Slice[] ring;
  private int held;
  private long sweptThrough = Long.MIN_VALUE;

  /**
   * @param window how far a timestamp may be from now either way and still be accepted
   * @param capacity the most signatures held at once
   */
  SignatureRecord(Duration window, int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.windowSeconds = window.toSeconds();
    this.capacity = capacity;
    this.clock = clock;
    // Accepted timestamps span twice the window; one slice of margin each side, so that a check
    // and an offer a second apart never disagree about whether a timestamp is in the window.
    int slices = (int) ((2 * windowSeconds) / SLICE_SECONDS) + 4;
    this.ring = new Slice[slices];
    for (int i = 0; i < slices; i++) {
      ring[i] = new Slice();
    }
  }

  /**
   * Offers the signature of a request that passed the signature check.
   *
   * @param timestamp the request's {@code X-Slack-Request-Timestamp}, in seconds
   * @param signature the first 64 bits of its HMAC
   */
  synchronized Offer offer(long timestamp, long signature) {
    long now = clock.instant().getEpochSecond();
    sweep(now);
    long slice = Math.floorDiv(timestamp, SLICE_SECONDS);
    if (slice <= deadThrough(now)
        || slice > Math.floorDiv(now + windowSeconds, SLICE_SECONDS) + 1) {
      return Offer.REPLAY;
    }
    Slice at = ring[(int) Math.floorMod(slice, (long) ring.length)];
    if (at.slice != slice) {
      // The slot's old slice is at least a ring's length older, long out of the window.
      held -= at.clear(slice);
    }
    if (at.contains(signature)) {
      return Offer.REPLAY;
    }
    if (held >= capacity) {
      return Offer.FULL;
    }
    at.add(signature);
    held++;
    return Offer.FIRST;
  }

  /** Seconds until the oldest slice held is dropped (at least 1): when to try again if full. */
  synchronized long secondsUntilRoom() {
    long now = clock.instant().getEpochSecond();
    long oldest = Long.MAX_VALUE;
    for (Slice s : ring) {
      if (s.size > 0) {
        oldest = Math.min(oldest, s.slice);
      }
    }
    if (oldest == Long.MAX_VALUE) {
      return 1;
    }
    long dropped = (oldest + 1) * SLICE_SECONDS + windowSeconds + SLICE_SECONDS;
    return Math.max(1, dropped - now);
  }

  /** How many signatures are held. */
  synchronized int size() {
    sweep(clock.instant().getEpochSecond());
    return held;
  }

  /** The newest slice whose every timestamp is out of the window, with a slice of margin. */
  private long deadThrough(long now) {
    return Math.floorDiv(now - windowSeconds - SLICE_SECONDS, SLICE_SECONDS) - 1;
  }

  /** Drops the slices that went out of the window since the last call, freeing their tables. */
  private void sweep(long now) {
    long dead = deadThrough(now);
    if (dead <= sweptThrough) {
      return;
    }
    long from = Math.max(sweptThrough + 1, dead - ring.length + 1);
    for (long s = from; s <= dead; s++) {
      Slice at = ring[(int) Math.floorMod(s, (long) ring.length)];
      if (at.slice == s) {
        held -= at.clear(Long.MIN_VALUE);
      }
    }
    sweptThrough = dead;
  }

  /** The signatures with timestamps in one slice: an open-addressed set of longs. */
  private static final class Slice {
    long slice = Long.MIN_VALUE;
    long[] table;
    int size;
    boolean holdsZero;

    /** Empties the slot for {@code next}; returns how many signatures it held. */
    int clear(long next) {
      int had = size;
      slice = next;
      table = null;
      size = 0;
      holdsZero = false;
      return had;
    }

    boolean contains(long key) {
      if (key == 0) {
        return holdsZero;
      }
      if (table == null) {
        return false;
      }
      int mask = table.length - 1;
      for (int i = index(key, mask); ; i = (i + 1) & mask) {
        long k = table[i];
        if (k == key) {
          return true;
        }
        if (k == 0) {
          return false;
        }
      }
    }

    /** Adds a key known to be absent. */
    void add(long key) {
      size++;
      if (key == 0) {
        holdsZero = true;
        return;
      }
      if (table == null) {
        table = new long[FIRST_TABLE];
      } else if (size * 4L > table.length * 3L) {
        long[] old = table;
        table = new long[old.length * 2];
        for (long k : old) {
          if (k != 0) {
            put(table, k);
          }
        }
      }
      put(table, key);
    }

    private static void put(long[] table, long key) {
      int mask = table.length - 1;
      int i = index(key, mask);
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = key;
    }

    private static int index(long key, int mask) {
      // The key is already uniformly random: its low bits are as good an index as any.
      return (int) key & mask;
    }
  }
}
