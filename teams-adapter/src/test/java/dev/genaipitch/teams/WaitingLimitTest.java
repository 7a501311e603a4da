package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaipitch.teams.IncomingActivity.Account;
import dev.genaipitch.teams.IncomingActivity.Conversation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on replies waiting on the connector, on a ticker the test moves: with every slot taken,
 * a connector that finished nothing lately is hanging, and the next reply is not sent at all.
 */
final class WaitingLimitTest {

  private final AtomicLong now = new AtomicLong();
  private final HeldConnector connector = new HeldConnector();
  private final WaitingLimit limit = new WaitingLimit(connector, 1, now::get);

  @AfterEach
  void releaseHeldReplies() {
    connector.release();
  }

  @Test
  void freeSlot_sendsAtOnce() throws Exception {
    connector.release();

    limit.send(message("a"));

    assertThat(connector.sent).containsExactly("a");
  }

  @Test
  void everySlotTaken_beforeTheConnectorAnsweredAnything_isNotSent() throws Exception {
    CompletableFuture<Void> first = sendAsync("first");
    connector.awaitArrivals(1);

    assertThatThrownBy(() -> limit.send(message("second")))
        .isInstanceOfSatisfying(
            Replies.DeliveryException.class,
            e -> {
              assertThat(e.attempted()).isFalse();
              assertThat(e).hasMessage("1 replies are already waiting on the connector");
            });
    assertThat(connector.arrived).containsExactly("first");

    connector.release();
    first.get(10, TimeUnit.SECONDS);
  }

  @Test
  void everySlotTaken_afterTheConnectorFellSilentForASecond_isNotSentWithoutWaiting()
      throws Exception {
    connector.release();
    limit.send(message("answered"));
    connector.hold();
    CompletableFuture<Void> hanging = sendAsync("hanging");
    connector.awaitArrivals(2);
    now.addAndGet(WaitingLimit.STALLED_AFTER_NANOS + 1);

    assertThatThrownBy(() -> limit.send(message("next")))
        .isInstanceOfSatisfying(
            Replies.DeliveryException.class, e -> assertThat(e.attempted()).isFalse());
    assertThat(connector.arrived).containsExactly("answered", "hanging");

    connector.release();
    hanging.get(10, TimeUnit.SECONDS);
    assertThat(connector.sent).containsExactly("answered", "hanging");
  }

  @Test
  void aFailedReply_freesItsSlot_andIsReportedAsAttempted() throws Exception {
    connector.release();
    connector.failNext = true;

    assertThatThrownBy(() -> limit.send(message("refused")))
        .isInstanceOfSatisfying(
            Replies.DeliveryException.class, e -> assertThat(e.attempted()).isTrue());
    limit.send(message("next"));

    assertThat(connector.sent).containsExactly("next");
  }

  private CompletableFuture<Void> sendAsync(String text) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            limit.send(message(text));
          } catch (Replies.DeliveryException e) {
            throw new AssertionError(e);
          }
        });
  }

  private static OutgoingMessage message(String text) {
    return new OutgoingMessage(
        "http://127.0.0.1:9/",
        "msteams",
        new Conversation("a:1", "personal", ""),
        new Account("bot", "genai-pitch"),
        new Account("user", "User"),
        "1",
        text,
        "",
        null);
  }

  /** A connector whose answers the test holds back and lets go. */
  private static final class HeldConnector implements Replies {
    volatile boolean closed;

    @Override
    public void close() {
      closed = true;
    }

    final List<String> arrived = new CopyOnWriteArrayList<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile boolean failNext;
    private volatile CountDownLatch gate = new CountDownLatch(1);

    @Override
    public void send(OutgoingMessage message) throws DeliveryException {
      arrived.add(message.text());
      if (failNext) {
        failNext = false;
        throw new DeliveryException("the connector answered HTTP 500");
      }
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryException("interrupted");
      }
      sent.add(message.text());
    }

    void hold() {
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    void awaitArrivals(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (arrived.size() < n) {
        assertThat(System.nanoTime())
            .as("%d replies reached the connector", n)
            .isLessThan(deadline);
        Thread.sleep(5);
      }
    }
  }
}
