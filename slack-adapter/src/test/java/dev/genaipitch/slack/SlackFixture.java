package dev.genaipitch.slack;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.config.ConfigException;
import dev.genaipitch.core.BotListener;
import dev.genaipitch.core.ConversationStore;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.practice.PracticeStore;
import dev.genaipitch.core.practice.Rehearsal;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.MutableClock;
import dev.genaipitch.testing.RecordingScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.slf4j.LoggerFactory;

/**
 * The bot in Slack on a random port: a real Jetty server with the adapter's handler, the built-in
 * guide, a fake Slack Web API on loopback, a signing workspace, and recorders for what the bot
 * reported, scheduled and logged.
 */
final class SlackFixture implements AutoCloseable {

  static final String SECRET = "test-signing-secret-not-real";
  static final String TOKEN = "xoxb-test-token-not-real";

  /**
   * One bot for all tests: building the matcher is the slow part of a start. Its listener forwards
   * to the current fixture's recorder (tests in this module run one at a time).
   */
  static final ForwardingListener FORWARD = new ForwardingListener();

  /** Conversations, forgotten between tests: each fixture points this at a store of its own. */
  static final ForwardingStore CONVERSATIONS = new ForwardingStore();

  static final PitchBot BOT = PitchBot.create(loadGuide(), FORWARD, CONVERSATIONS);

  final FakeSlack fakeSlack;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T10:15:30Z"));
  final RecordingListener listener = new RecordingListener();
  final RecordingScheduler scheduler = new RecordingScheduler();
  final CountingExecutor executor = new CountingExecutor();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final PitchBot bot;
  final SlackAdapter adapter;
  final Workspace slack;
  private final Server server;

  private SlackFixture(Map<String, String> env, Executor sends) throws Exception {
    this(env, sends, SlackAdapter.SIGNATURES_MAX);
  }

  private SlackFixture(Map<String, String> env, Executor sends, int signaturesMax)
      throws Exception {
    fakeSlack = new FakeSlack();
    Logger root = (Logger) LoggerFactory.getLogger("dev.genaipitch.slack");
    logs.start();
    root.addAppender(logs);
    FORWARD.target = listener;
    CONVERSATIONS.target =
        ConversationStore.inMemory(100, ConversationStore.IDLE, java.time.Clock.systemUTC());
    bot = BOT;
    adapter =
        SlackAdapter.builder(config(fakeSlack, env), bot)
            .executor(sends == null ? executor : sends)
            .scheduler(scheduler::schedule)
            .clock(clock)
            .rehearsal(Rehearsal.create(bot.guide(), PracticeStore.inMemory(100), clock, false))
            .meterRegistry(listener.registry)
            .signaturesMax(signaturesMax)
            .start();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    PathMappingsHandler paths = new PathMappingsHandler();
    paths.addMapping(PathSpec.from(SlackAdapter.PATH), edge(adapter));
    server.setHandler(paths);
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + SlackAdapter.PATH);
    slack = new Workspace(endpoint, SECRET, clock, fakeSlack);
  }

  /** The adapter's endpoint behind the HTTP edge, as serve mounts it. */
  static org.eclipse.jetty.server.Handler edge(SlackAdapter adapter) {
    return new dev.genaipitch.http.HttpEdge(
        adapter.endpoint(),
        SlackAdapter.MAX_BODY_BYTES,
        new dev.genaipitch.http.HttpEdge.Limits(
            1 << 20,
            java.time.Duration.ofSeconds(10),
            new dev.genaipitch.http.HttpEdge.BodyBudget(32 << 20)));
  }

  /** The bot with answers previewed first (the default). */
  static SlackFixture start() {
    try {
      return new SlackFixture(Map.of(), null);
    } catch (Exception e) {
      throw new IllegalStateException("the Slack adapter did not start", e);
    }
  }

  /** The bot holding at most {@code signaturesMax} request signatures at once. */
  static SlackFixture startWithSignaturesMax(int signaturesMax) throws Exception {
    return new SlackFixture(Map.of(), null, signaturesMax);
  }

  /** The bot sending through {@code sends} instead of the counting pool. */
  static SlackFixture startWithSender(Executor sends) throws Exception {
    return new SlackFixture(Map.of(), sends);
  }

  /** The bot with extra settings, e.g. {@code SLACK_DEFAULT_VISIBILITY=in_channel}. */
  static SlackFixture start(Map<String, String> env) throws Exception {
    return new SlackFixture(env, null);
  }

  static BotConfig.Slack config(FakeSlack fakeSlack, Map<String, String> env)
      throws ConfigException {
    Map<String, String> all = new HashMap<>();
    all.put("SLACK_SIGNING_SECRET", SECRET);
    all.put("SLACK_BOT_TOKEN", TOKEN);
    all.put("SLACK_API_URL", fakeSlack.apiUrl());
    all.putAll(env);
    return BotConfig.load(all).slack();
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
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the test server", e);
    }
    adapter.close();
    fakeSlack.close();
    executor.close();
    ((Logger) LoggerFactory.getLogger("dev.genaipitch.slack")).detachAppender(logs);
  }

  private static Guide loadGuide() {
    try {
      return GuideLoader.builtIn();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final class ForwardingListener implements BotListener {
    volatile BotListener target = BotListener.NONE;

    @Override
    public void answered(Asked asked) {
      target.answered(asked);
    }

    @Override
    public void feedback(String platform, String intent, boolean helpful) {
      target.feedback(platform, intent, helpful);
    }
  }

  static final class ForwardingStore implements ConversationStore {
    volatile ConversationStore target = ConversationStore.NONE;

    @Override
    public java.util.List<dev.genaipitch.core.match.Shown> recent(String conversation) {
      return target.recent(conversation);
    }

    @Override
    public void shown(String conversation, dev.genaipitch.core.match.Shown shown) {
      target.shown(conversation, shown);
    }
  }

  /** A real pool that counts what was handed to it, so tests can tell "nothing was sent". */
  static final class CountingExecutor implements Executor, AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger submitted = new AtomicInteger();

    private final AtomicInteger finished = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
      submitted.incrementAndGet();
      pool.execute(
          () -> {
            try {
              task.run();
            } finally {
              synchronized (finished) {
                finished.incrementAndGet();
                finished.notifyAll();
              }
            }
          });
    }

    /**
     * Waits until every send handed over so far has run (and what it does after Slack answered,
     * such as noting where a practice question was posted): as a person reads a message only once
     * it is posted.
     */
    void awaitIdle() throws InterruptedException {
      long deadline = System.nanoTime() + FakeSlack.WAIT.toNanos();
      synchronized (finished) {
        while (finished.get() < submitted.get()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(
                "sends still running: " + (submitted.get() - finished.get()) + " of " + submitted);
          }
          TimeUnit.NANOSECONDS.timedWait(finished, left);
        }
      }
    }

    int submitted() {
      return submitted.get();
    }

    @Override
    public void close() {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * What the bot told its listener (questions, feedback) and what the adapter counted in its {@link
   * #registry} (delivery failures, recorded as they are counted).
   */
  static final class RecordingListener implements BotListener {
    record Feedback(String platform, String intent, boolean helpful) {}

    record Failure(String platform, String operation) {}

    final List<Feedback> feedback = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();
    final List<Asked> asked = new ArrayList<>();

    @Override
    public synchronized void answered(Asked question) {
      asked.add(question);
    }

    /** The questions the bot was asked, as the core received them. */
    synchronized List<String> questions() {
      return asked.stream().map(a -> a.platform() + ": " + a.question()).toList();
    }

    @Override
    public synchronized void feedback(String platform, String intent, boolean helpful) {
      feedback.add(new Feedback(platform, intent, helpful));
    }

    /** The registry to give the adapter. */
    final MeterRegistry registry =
        new SimpleMeterRegistry() {
          @Override
          protected Counter newCounter(Meter.Id id) {
            Counter counted = super.newCounter(id);
            if (!id.getName().equals(SlackAdapter.DELIVERY_FAILURES)) {
              return counted;
            }
            return new Counter() {
              @Override
              public void increment(double amount) {
                counted.increment(amount);
                failed(id.getTag("platform"), id.getTag("operation"));
              }

              @Override
              public double count() {
                return counted.count();
              }

              @Override
              public Meter.Id getId() {
                return id;
              }
            };
          }
        };

    private synchronized void failed(String platform, String operation) {
      failures.add(new Failure(platform, operation));
      notifyAll();
    }

    synchronized List<Feedback> feedback() {
      return List.copyOf(feedback);
    }

    /** Waits for {@code n} delivery failures. */
    synchronized List<Failure> awaitFailures(int n) throws InterruptedException {
      long deadline = System.nanoTime() + FakeSlack.WAIT.toNanos();
      while (failures.size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + n + " delivery failures, got " + failures);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return List.copyOf(failures);
    }
  }
}
