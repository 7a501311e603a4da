package dev.genaipitch.slack;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.config.ConfigException;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.MutableClock;
import dev.genaipitch.testing.RecordingScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The bot in Slack over Socket Mode: the adapter with an app-level token and no signing secret, the
 * fake Slack Web API and the fake Socket Mode server on loopback, and recorders for what the bot
 * reported, sent and logged. Reconnects wait on a {@link HeldScheduler} the test releases.
 */
final class SocketModeFixture implements AutoCloseable {

  final FakeSlack fakeSlack;
  final FakeSocketMode socketMode;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T10:15:30Z"));
  final SlackFixture.RecordingListener listener = new SlackFixture.RecordingListener();
  final SlackFixture.CountingExecutor executor = new SlackFixture.CountingExecutor();
  final HeldScheduler reconnects = new HeldScheduler();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final PitchBot bot = SlackFixture.BOT;
  final SlackAdapter adapter;

  private SocketModeFixture(Map<String, String> env, UnaryOperator<SlackAdapter.Builder> options)
      throws Exception {
    fakeSlack = new FakeSlack();
    socketMode = new FakeSocketMode(fakeSlack);
    logs.start();
    ((Logger) LoggerFactory.getLogger("dev.genaipitch.slack")).addAppender(logs);
    SlackFixture.FORWARD.target = listener;
    try {
      adapter =
          options
              .apply(
                  SlackAdapter.builder(config(fakeSlack, env), bot)
                      .executor(executor)
                      .scheduler(new RecordingScheduler()::schedule)
                      .socketScheduler(reconnects)
                      .clock(clock)
                      .meterRegistry(listener.registry))
              .start();
    } catch (Exception e) {
      closeFakes();
      throw e;
    }
  }

  /**
   * How long the fixture waits for the first connection: a start-up wait, not a verdict (it ends as
   * soon as the hello is through). The first connection in a JVM loads the WebSocket client and
   * server; on the 2-core machine under four engineers' builds it once took 11 s, past the 10 s the
   * tests' other waits allow.
   */
  private static final Duration FIRST_CONNECTION = Duration.ofSeconds(60);

  /** Connected over Socket Mode; waits for the first connection's hello. */
  static SocketModeFixture start() throws Exception {
    return start(Map.of(), UnaryOperator.identity());
  }

  static SocketModeFixture start(
      Map<String, String> env, UnaryOperator<SlackAdapter.Builder> options) throws Exception {
    SocketModeFixture fixture = new SocketModeFixture(env, options);
    fixture.socketMode.awaitConnection(1, FIRST_CONNECTION);
    fixture.awaitConnected(true);
    return fixture;
  }

  static BotConfig.Slack config(FakeSlack fakeSlack, Map<String, String> env)
      throws ConfigException {
    Map<String, String> all = new HashMap<>();
    all.put("SLACK_APP_TOKEN", FakeSocketMode.APP_TOKEN);
    all.put("SLACK_BOT_TOKEN", SlackFixture.TOKEN);
    all.put("SLACK_API_URL", fakeSlack.apiUrl());
    all.putAll(env);
    return BotConfig.load(all).slack();
  }

  /** Waits until the adapter says the socket is (or is not) connected. */
  void awaitConnected(boolean connected) {
    long deadline = System.nanoTime() + FakeSlack.WAIT.toNanos();
    while (adapter.socketConnected() != connected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("socketConnected() stayed " + !connected);
      }
      pause();
    }
  }

  /** Everything the adapter logged, one line per event, formatted. */
  String logged() {
    // The appender appends under its own lock (AppenderBase.doAppend is synchronized).
    synchronized (logs) {
      return String.join(
          "\n", logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
    }
  }

  @Override
  public void close() {
    adapter.close();
    closeFakes();
  }

  private void closeFakes() {
    try {
      socketMode.close();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the fake Socket Mode server", e);
    } finally {
      fakeSlack.close();
      executor.close();
      ((Logger) LoggerFactory.getLogger("dev.genaipitch.slack")).detachAppender(logs);
    }
  }

  static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Holds scheduled tasks until the test runs them, remembering how long each was to wait. */
  static final class HeldScheduler implements SlackAdapter.Scheduler {
    private record Held(Duration delay, Runnable task) {}

    private final List<Held> held = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
      held.add(new Held(delay, task));
      delays.add(delay);
      notifyAll();
    }

    /** Waits for a task to be scheduled, runs it, and returns how long it was to wait. */
    Duration runNext() {
      Held next;
      synchronized (this) {
        long deadline = System.nanoTime() + FakeSlack.WAIT.toNanos();
        while (held.isEmpty()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("nothing was scheduled");
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        }
        next = held.remove(0);
      }
      next.task().run();
      return next.delay();
    }

    /** Every delay asked for so far, in order. */
    synchronized List<Duration> delays() {
      return List.copyOf(delays);
    }

    synchronized int waiting() {
      return held.size();
    }
  }
}
