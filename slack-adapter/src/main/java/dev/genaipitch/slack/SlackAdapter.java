package dev.genaipitch.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.SeenOnce;
import dev.genaipitch.core.practice.Rehearsal;
import dev.genaipitch.http.HttpCall;
import dev.genaipitch.http.HttpEndpoint;
import dev.genaipitch.http.HttpReply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot in Slack: slash command, mentions, direct messages, buttons and App Home, on one Request
 * URL ({@value #PATH}), over Socket Mode (an outgoing WebSocket, with {@code SLACK_APP_TOKEN}), or
 * both. Either way, Slack's requests go through the same Bolt app and listeners. Translates between
 * Slack (through Bolt for Java) and {@link PitchBot}; decides nothing about what to answer.
 *
 * <p>{@link #start} checks the bot token with {@code auth.test} and refuses to start on an invalid
 * one. Answers sent after the acknowledgement go out on a bounded executor and are retried on rate
 * limits and server errors; a final failure is logged and counted as {@value #DELIVERY_FAILURES} in
 * the registry given to the {@link Builder#meterRegistry builder}.
 *
 * <p>Thread-safe. Close it to stop its own threads (not those of an executor passed in).
 */
public final class SlackAdapter implements AutoCloseable {

  /** The one Request URL path for slash commands, events and interactivity. */
  public static final String PATH = "/slack/events";

  /** Sends that failed after any retries, tagged {@code platform} and {@code operation}. */
  public static final String DELIVERY_FAILURES = "genai.pitch.delivery.failures";

  static final String DELIVERY_FAILURES_DESCRIPTION =
      "Slack and Teams API calls that failed after any retries";

  /**
   * How long event ids are remembered: Slack retries an event within minutes. (A request's
   * signature is remembered for as long as its timestamp is in the five-minute window.)
   */
  public static final Duration SEEN_FOR = Duration.ofHours(1);

  /** The most event ids remembered in this process (the oldest go first). */
  public static final long SEEN_MAX = 100_000;

  /**
   * The most request signatures held in this process at once, each until its timestamp leaves
   * Slack's five-minute window: 500,000 is a sustained 1,666 signed requests a second. Beyond it,
   * new requests are refused (503 with Retry-After) until older signatures leave the window, rather
   * than an older one forgotten, which would let a captured request be replayed.
   */
  public static final int SIGNATURES_MAX = 500_000;

  /**
   * How long a record shared by replicas must keep a request signature from when it is first seen:
   * its timestamp may be up to five minutes ahead, and is accepted until five minutes after.
   */
  public static final Duration SIGNATURES_FOR = RequestSignature.MAX_SKEW.multipliedBy(2);

  /** The largest body the Request URL takes: Slack's payloads are a few kilobytes. */
  public static final int MAX_BODY_BYTES = SlackEndpoint.MAX_BODY_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(SlackAdapter.class);

  /** Runs a task after a delay: how retries wait. Tests pass one that records the delay. */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Duration delay, Runnable task);
  }

  /** Why the Socket Mode connection was opened again. */
  public enum Reconnect {
    /**
     * Slack asked for a new connection (a {@code disconnect} message: routine, every few hours).
     */
    REFRESH,
    /** The connection closed, or stopped answering pings. */
    DROP
  }

  private final App app;
  private final Slack slack;
  private final HttpEndpoint endpoint;
  private final Optional<SlackSocket> socket;
  private final List<Runnable> onClose;
  private volatile boolean ready;

  private SlackAdapter(
      App app,
      Slack slack,
      HttpEndpoint endpoint,
      Optional<SlackSocket> socket,
      List<Runnable> onClose) {
    this.app = app;
    this.slack = slack;
    // After close(), what still reaches the Request URL is refused: Slack retries events and the
    // user sees the command fail rather than an answer that is never sent.
    this.endpoint = call -> ready ? endpoint.handle(call) : HttpReply.error(503, "shutting down");
    this.socket = socket;
    this.onClose = onClose;
    this.ready = true;
  }

  /**
   * Starts the adapter with its own threads and the system clock.
   *
   * @param config Slack settings; the bot token and a way in must be set ({@link
   *     BotConfig.Slack#enabled()})
   * @throws SlackStartException when Slack is not configured, rejects the token or cannot be
   *     reached
   */
  public static SlackAdapter start(BotConfig.Slack config, PitchBot bot)
      throws SlackStartException {
    return builder(config, bot).start();
  }

  /** A builder, for passing in the executor, scheduler or clock. */
  public static Builder builder(BotConfig.Slack config, PitchBot bot) {
    return new Builder(config, bot);
  }

  /**
   * The endpoint to serve at {@value #PATH}, behind the HTTP edge (at most {@link
   * #MAX_BODY_BYTES}). Without {@code SLACK_SIGNING_SECRET} (Socket Mode alone) it answers every
   * request 404, saying why.
   */
  public HttpEndpoint endpoint() {
    return endpoint;
  }

  /** True once the token was checked and until {@link #close()}. */
  public boolean ready() {
    return ready;
  }

  /** The SDK configuration the adapter's clients share (for tests). */
  SlackConfig slackConfig() {
    return slack.getConfig();
  }

  /** Whether the adapter connects to Slack over Socket Mode ({@code SLACK_APP_TOKEN}). */
  public boolean socketMode() {
    return socket.isPresent();
  }

  /**
   * In Socket Mode, whether a connection is up (Slack said hello) and taking envelopes; without
   * Socket Mode, false.
   */
  public boolean socketConnected() {
    return socket.map(SlackSocket::connected).orElse(false);
  }

  /** How many times the Socket Mode connection was opened again, for {@code why}. */
  public long socketReconnects(Reconnect why) {
    return socket.map(s -> s.reconnects(why)).orElse(0L);
  }

  /**
   * Stops the adapter: Socket Mode stops taking envelopes and acknowledges those under way (up to 5
   * s) before it disconnects; sends under way get up to 5 s to finish; answers waiting for a retry
   * are dropped; requests that still reach the Request URL are refused with 503.
   */
  @Override
  public void close() {
    ready = false;
    socket.ifPresent(SlackSocket::close);
    app.stop();
    onClose.forEach(Runnable::run);
    try {
      slack.close();
    } catch (Exception e) {
      LOG.debug("closing the Slack client: {}", e.toString());
    }
  }

  /** Collaborators for {@link SlackAdapter}; each has a sensible default. */
  public static final class Builder {
    private final BotConfig.Slack config;
    private final PitchBot bot;
    private Executor executor;
    private Scheduler scheduler;
    private Clock clock = Clock.systemUTC();
    private SeenOnce seen;
    private SeenOnce sharedSignatures;
    private int signaturesMax = SIGNATURES_MAX;
    private int maxAttempts = 4;
    private Duration firstBackoff = Duration.ofSeconds(1);
    private Duration longestRetryAfter = Duration.ofSeconds(60);
    private Duration httpTimeout = Duration.ofSeconds(10);
    private Scheduler socketScheduler;
    private Rehearsal rehearsal;
    private SlackSocket.Timing socketTiming = SlackSocket.Timing.DEFAULT;
    private LongSupplier ticker = System::nanoTime;
    private MeterRegistry registry = new CompositeMeterRegistry();

    private Builder(BotConfig.Slack config, PitchBot bot) {
      this.config = Objects.requireNonNull(config, "config");
      this.bot = Objects.requireNonNull(bot, "bot");
    }

    /**
     * Where answers are sent from, off the request thread; the caller keeps ownership (close does
     * not shut it down). Default: the adapter's own 4 threads with at most 1,000 sends queued.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Practice rounds ({@code /genai-pitch practice}). Default: none, and the command says practice
     * is not available here.
     */
    public Builder rehearsal(Rehearsal rehearsal) {
      this.rehearsal = Objects.requireNonNull(rehearsal, "rehearsal");
      return this;
    }

    /**
     * Where the adapter counts what only it sees: {@value #DELIVERY_FAILURES} by Slack method.
     * Default: counted nowhere.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** How retries wait. Default: one timer thread handing retries back to the executor. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The clock for signature timestamps and the memory of seen events. Default: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Nanoseconds from an arbitrary origin, by which Socket Mode tells a quiet connection from a
     * dead one (default: {@code System::nanoTime}).
     */
    Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * The record of event ids already seen, so that a retried event is acted on once. Default: in
     * this process, {@link #SEEN_FOR}, at most {@link #SEEN_MAX} keys; a fleet passes one its
     * replicas share.
     */
    public Builder seenOnce(SeenOnce seen) {
      this.seen = Objects.requireNonNull(seen, "seen");
      return this;
    }

    /**
     * The record of request signatures the replicas of a fleet share, so that a signed request
     * replayed onto another replica is acted on once; asked (keys {@code
     * "slack-request:<signature>"}) about the signatures this process's own record ({@link
     * #SIGNATURES_MAX}) finds new, and should keep them for {@link #SIGNATURES_FOR}. Default: none
     * (one process).
     */
    public Builder sharedSignatures(SeenOnce shared) {
      this.sharedSignatures = Objects.requireNonNull(shared, "shared");
      return this;
    }

    /** The most request signatures held at once (default {@link #SIGNATURES_MAX}). */
    Builder signaturesMax(int signaturesMax) {
      this.signaturesMax = signaturesMax;
      return this;
    }

    /**
     * How many times a send is tried in all (default 4), the first backoff after a 5xx (default 1
     * s, doubling), and the longest {@code Retry-After} worth waiting for (default 60 s).
     */
    public Builder retries(int maxAttempts, Duration firstBackoff, Duration longestRetryAfter) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = maxAttempts;
      this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
      this.longestRetryAfter = Objects.requireNonNull(longestRetryAfter, "longestRetryAfter");
      return this;
    }

    /**
     * How long one call to Slack (a Web API method or a post to a response_url) may take before it
     * counts as a network error, and is retried like one (default 10 s).
     */
    public Builder httpTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("httpTimeout must be positive");
      }
      this.httpTimeout = timeout;
      return this;
    }

    /**
     * How a Socket Mode reconnect waits out its backoff. Default: the connection's own watch
     * thread.
     */
    public Builder socketScheduler(Scheduler scheduler) {
      this.socketScheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * How often Socket Mode pings Slack, and how much longer it waits for any answer before it
     * takes the connection for dead and opens another (default 10 s and 10 s).
     */
    public Builder socketPing(Duration interval, Duration timeout) {
      if (interval.isNegative() || interval.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("the ping interval must be positive");
      }
      this.socketTiming =
          new SlackSocket.Timing(
              interval, timeout, socketTiming.helloTimeout(), socketTiming.sendTimeout());
      return this;
    }

    /**
     * Checks the token with {@code auth.test} (and, for Socket Mode, the app-level token with
     * {@code apps.connections.open}) and starts.
     *
     * @throws SlackStartException when Slack is not configured, rejects a token or cannot be
     *     reached
     */
    public SlackAdapter start() throws SlackStartException {
      if (!config.enabled()) {
        throw new SlackStartException(
            "Slack is off: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (Request URL) or"
                + " SLACK_APP_TOKEN (Socket Mode) to turn it on");
      }
      String token = config.botToken().orElseThrow();
      String apiUrl =
          config.apiUrl().toString().endsWith("/")
              ? config.apiUrl().toString()
              : config.apiUrl() + "/";
      SlackConfig slackConfig = new SlackConfig();
      slackConfig.setMethodsEndpointUrlPrefix(apiUrl);
      slackConfig.setStatsEnabled(false);
      slackConfig.setPrettyResponseLoggingEnabled(false);
      int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, httpTimeout.toMillis());
      slackConfig.setHttpClientReadTimeoutMillis(timeoutMillis);
      slackConfig.setHttpClientWriteTimeoutMillis(timeoutMillis);
      slackConfig.setHttpClientCallTimeoutMillis(timeoutMillis);
      Slack slack = Slack.getInstance(slackConfig);
      SlackMetrics.off(slackConfig);

      AuthTestResponse auth = authTest(slack, token, apiUrl);

      AppConfig appConfig =
          AppConfig.builder()
              .slack(slack)
              .signingSecret(config.signingSecret().orElse(null))
              .singleTeamBotToken(token)
              // The token was just checked: keep that answer so that no user request waits on
              // auth.test.
              .authTestCacheEnabled(true)
              .authTestCacheExpirationMillis(-1)
              // Verified once at the HTTP edge, over the raw bytes (see RequestSignature).
              .requestVerificationEnabled(false)
              // The listeners ignore bots themselves, without Bolt's bots.info lookups.
              .ignoringSelfEventsEnabled(false)
              // Edits, deletions and other events the bot does not answer still get their 200.
              .allEventsApiAutoAckEnabled(true)
              .build();
      List<Middleware> middleware = new ArrayList<>();
      middleware.add(new SSLCheck(null));
      middleware.add(new SingleTeamAuthorization(appConfig, auth, null));
      App app = new App(appConfig, slack, middleware);

      List<Runnable> onClose = new ArrayList<>();
      Executor sends = executor;
      if (sends == null) {
        ThreadPoolExecutor pool =
            new ThreadPoolExecutor(
                4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), daemon("slack-send"));
        pool.allowCoreThreadTimeOut(true);
        onClose.add(() -> drain(pool));
        sends = pool;
      }
      Scheduler delays = scheduler;
      if (delays == null) {
        ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, daemon("slack-retry"));
        timer.setRemoveOnCancelPolicy(true);
        onClose.add(() -> shutdown(timer));
        // A retry only hands the send back to the executor (Delivery.execute), which never throws:
        // nothing can be lost in the ignored future.
        delays =
            (delay, task) -> {
              var unused = timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            };
      }
      Delivery delivery =
          new Delivery(sends, delays, registry, maxAttempts, firstBackoff, longestRetryAfter);
      SeenOnce seenOnce = seen != null ? seen : SeenOnce.inProcess(SEEN_FOR, SEEN_MAX, clock);
      SlackWebApi api = new SlackWebApi(slack, token, httpTimeout);
      new SlackListeners(
              bot,
              api,
              delivery,
              seenOnce,
              new ResponseUrls(config.apiUrl()),
              auth.getUserId(),
              config.postInChannel(),
              new SlackPractice(rehearsal, api, delivery))
          .register(app);
      app.start();
      Optional<SlackSocket> socket = Optional.empty();
      if (config.socketMode()) {
        try {
          socket = Optional.of(socket(slack, app, config.appToken().orElseThrow(), apiUrl));
        } catch (SlackStartException e) {
          app.stop();
          onClose.forEach(Runnable::run);
          close(slack);
          throw e;
        }
      }
      LOG.info(
          "Slack is on as @{} in {} ({}, answers {})",
          auth.getUser(),
          auth.getTeam(),
          config.socketMode() && config.requestUrl()
              ? "Socket Mode, and the Request URL path " + PATH
              : config.socketMode() ? "Socket Mode" : "Request URL path " + PATH,
          config.postInChannel() ? "posted in channel" : "previewed first");
      HttpEndpoint endpoint =
          config.requestUrl()
              ? new SlackEndpoint(
                  app,
                  new RequestSignature(config.signingSecret().orElseThrow(), clock),
                  new SignatureRecord(RequestSignature.MAX_SKEW, signaturesMax, clock),
                  Optional.ofNullable(sharedSignatures))
              : new SocketModeOnly();
      return new SlackAdapter(app, slack, endpoint, socket, onClose);
    }

    /** Checks the app-level token with a first {@code apps.connections.open}, then connects. */
    private SlackSocket socket(Slack slack, App app, String appToken, String apiUrl)
        throws SlackStartException {
      ConnectionsOpen open = new ConnectionsOpen(slack, appToken);
      URI first;
      try {
        first = open.url();
      } catch (ConnectionsOpen.Failure e) {
        if (e.tokenRejected()) {
          throw new SlackStartException(
              "Slack rejected SLACK_APP_TOKEN (apps.connections.open: "
                  + e.getMessage()
                  + "); use an app-level token (xapp-...) from the Slack app's Basic Information"
                  + " page, with the connections:write scope, and turn Socket Mode on");
        }
        throw new SlackStartException(
            "cannot open a Socket Mode connection through the Slack Web API at "
                + apiUrl
                + " (apps.connections.open: "
                + e.getMessage()
                + "); check SLACK_API_URL and the network");
      }
      ClientManager container = ClientManager.createClient();
      // One Grizzly transport for every connection (a refresh briefly holds two).
      container.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
      container
          .getProperties()
          .put(
              ClientProperties.HANDSHAKE_TIMEOUT,
              (int) Math.min(Integer.MAX_VALUE, httpTimeout.toMillis()));
      container.setDefaultMaxTextMessageBufferSize(SlackSocket.MAX_MESSAGE_BYTES);
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), daemon("slack-envelope"));
      pool.allowCoreThreadTimeOut(true);
      ScheduledThreadPoolExecutor watch =
          new ScheduledThreadPoolExecutor(1, daemon("slack-socket"));
      watch.setRemoveOnCancelPolicy(true);
      watch.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      Scheduler waits = socketScheduler;
      if (waits == null) {
        // The reconnect task posts its work and catches what it runs: the future holds nothing.
        waits =
            (delay, task) -> {
              var unused = watch.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            };
      }
      SlackSocket socket =
          new SlackSocket(
              open,
              container,
              new SocketEnvelopes(app),
              pool,
              watch,
              waits,
              ticker,
              () -> ThreadLocalRandom.current().nextDouble(),
              socketTiming,
              container::shutdown);
      socket.start(first);
      return socket;
    }

    private static AuthTestResponse authTest(Slack slack, String token, String apiUrl)
        throws SlackStartException {
      AuthTestResponse auth;
      try {
        auth = slack.methods(token).authTest(r -> r);
      } catch (IOException e) {
        close(slack);
        throw new SlackStartException(
            "cannot reach the Slack Web API at "
                + apiUrl
                + " to check SLACK_BOT_TOKEN (auth.test: "
                + e.getClass().getSimpleName()
                + "); check SLACK_API_URL and the network");
      } catch (SlackApiException e) {
        close(slack);
        throw new SlackStartException(
            "the Slack Web API at "
                + apiUrl
                + " answered auth.test with HTTP "
                + e.getResponse().code()
                + "; check SLACK_API_URL, or try again if Slack is having trouble");
      }
      if (!auth.isOk()) {
        close(slack);
        throw new SlackStartException(
            "Slack rejected SLACK_BOT_TOKEN (auth.test: "
                + auth.getError()
                + "); use the app's Bot User OAuth Token (xoxb-...) from the Slack app's OAuth &"
                + " Permissions page");
      }
      return auth;
    }

    /** {@value #PATH} when Slack comes in over Socket Mode alone. */
    private static final class SocketModeOnly implements HttpEndpoint {
      @Override
      public HttpReply handle(HttpCall call) {
        return HttpReply.error(
            404,
            "Slack is connected over Socket Mode; this Request URL is off (set"
                + " SLACK_SIGNING_SECRET to serve it as well)");
      }
    }

    private static void close(Slack slack) {
      try {
        slack.close();
      } catch (Exception e) {
        LOG.debug("closing the Slack client: {}", e.toString());
      }
    }

    private static void shutdown(ExecutorService pool) {
      pool.shutdownNow();
    }

    /** Lets sends already under way finish, briefly, so a graceful stop does not cut them off. */
    private static void drain(ExecutorService pool) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }

    private static ThreadFactory daemon(String name) {
      AtomicInteger n = new AtomicInteger();
      return task -> {
        Thread t = new Thread(task, name + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }
}
