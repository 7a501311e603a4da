package dev.genaipitch.teams;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Replies with a bound on how many wait on the connector at once. A request thread waits while its
 * reply is sent; beyond the bound, a reply waits briefly for a slot while the connector is
 * answering, and is not sent when it hangs, rather than take every thread the server has.
 */
final class WaitingLimit implements Replies {

  /**
   * How long a reply may wait for a free slot while the connector is answering: a burst, a GC pause
   * or a busy moment frees slots within milliseconds.
   */
  static final Duration SLOT_WAIT = Duration.ofMillis(500);

  /**
   * A connector that finished no send for this long, with every slot taken, is taken as hanging.
   */
  static final long STALLED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Replies replies;
  private final int maxWaiting;
  private final LongSupplier ticker;
  private final long slotWaitNanos;
  private final Semaphore waiting;

  /** Replies waiting for a slot: at most maxWaiting more threads. */
  private final AtomicInteger queued = new AtomicInteger();

  /** When a send last finished (delivered or failed), by the ticker; never, at first. */
  private volatile long lastFinished;

  private volatile boolean finishedAny;

  /**
   * @param maxWaiting how many replies may wait on the connector at once
   * @param ticker nanoseconds from an arbitrary origin ({@code System::nanoTime})
   */
  WaitingLimit(Replies replies, int maxWaiting, LongSupplier ticker) {
    this(replies, maxWaiting, ticker, SLOT_WAIT);
  }

  /**
   * @param slotWait how long a reply may wait for a free slot while the connector is answering
   *     ({@link #SLOT_WAIT} unless a test needs a verdict that does not depend on the machine's
   *     speed)
   */
  WaitingLimit(Replies replies, int maxWaiting, LongSupplier ticker, Duration slotWait) {
    if (maxWaiting < 1) {
      throw new IllegalArgumentException("maxWaiting must be at least 1");
    }
    this.replies = replies;
    this.maxWaiting = maxWaiting;
    this.ticker = ticker;
    this.slotWaitNanos = slotWait.toNanos();
    this.waiting = new Semaphore(maxWaiting);
  }

  @Override
  public void send(OutgoingMessage message) throws DeliveryException {
    if (!acquireSlot()) {
      throw DeliveryException.notSent(maxWaiting + " replies are already waiting on the connector");
    }
    try {
      replies.send(message);
    } finally {
      lastFinished = ticker.getAsLong();
      finishedAny = true;
      waiting.release();
    }
  }

  @Override
  public void close() {
    replies.close();
  }

  /**
   * A slot to send in. When all are taken, a connector that is still answering is only busy: wait
   * up to the slot wait ({@link #SLOT_WAIT} by default) for one (at most maxWaiting replies wait
   * so). One that has finished nothing for {@link #STALLED_AFTER_NANOS} is hanging: give up at once
   * rather than hold another request thread on it.
   */
  private boolean acquireSlot() {
    if (waiting.tryAcquire()) {
      return true;
    }
    if (!finishedAny || ticker.getAsLong() - lastFinished > STALLED_AFTER_NANOS) {
      return false;
    }
    if (queued.incrementAndGet() > maxWaiting) {
      queued.decrementAndGet();
      return false;
    }
    try {
      return waiting.tryAcquire(slotWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      queued.decrementAndGet();
    }
  }
}
