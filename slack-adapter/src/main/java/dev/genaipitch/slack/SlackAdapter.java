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
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot in Slack: slash command, mentions, direct messages, buttons and App Home, all on one
 * Request URL ({@value #PATH}). Translates between Slack (through Bolt for Java) and {@link
 * PitchBot}; decides nothing about what to answer.
 *
 * <p>{@link #start} checks the bot token with {@code auth.test} and refuses to start on an invalid
 * one. Answers sent after the acknowledgement go out on a bounded executor and are retried on rate
 * limits and server errors; a final failure is logged and reported through {@link
 * PitchBot#deliveryFailed}.
 *
 * <p>Thread-safe. Close it to stop its own threads (not those of an executor passed in).
 */
public final class SlackAdapter implements AutoCloseable {

  /** The one Request URL path for slash commands, events and interactivity. */
  public static final String PATH = "/slack/events";

  private static final Logger LOG = LoggerFactory.getLogger(SlackAdapter.class);

  /** Runs a task after a delay: how retries wait. Tests pass one that records the delay. */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Duration delay, Runnable task);
  }

  private final App app;
  private final Slack slack;
  private final SlackEndpoint endpoint;
  private final List<Runnable> onClose;
  private volatile boolean ready;

  private SlackAdapter(App app, Slack slack, SlackEndpoint endpoint, List<Runnable> onClose) {
    this.app = app;
    this.slack = slack;
    this.endpoint = endpoint;
    this.onClose = onClose;
    this.ready = true;
  }

  /**
   * Starts the adapter with its own threads and the system clock.
   *
   * @param config Slack settings; both secrets must be set ({@link BotConfig.Slack#enabled()})
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

  /** The Jetty handler to mount at {@value #PATH}. */
  public Handler handler() {
    return endpoint;
  }

  /** True once the token was checked and until {@link #close()}. */
  public boolean ready() {
    return ready;
  }

  /**
   * Stops the adapter: sends under way get up to 5 s to finish; answers waiting for a retry are
   * dropped.
   */
  @Override
  public void close() {
    ready = false;
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
    private int maxAttempts = 4;
    private Duration firstBackoff = Duration.ofSeconds(1);
    private Duration longestRetryAfter = Duration.ofSeconds(60);
    private Duration httpTimeout = Duration.ofSeconds(10);

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
     * Checks the token with {@code auth.test} and starts.
     *
     * @throws SlackStartException when Slack is not configured, rejects the token or cannot be
     *     reached
     */
    public SlackAdapter start() throws SlackStartException {
      if (!config.enabled()) {
        throw new SlackStartException(
            "Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on");
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

      AuthTestResponse auth = authTest(slack, token, apiUrl);

      AppConfig appConfig =
          AppConfig.builder()
              .slack(slack)
              .signingSecret(config.signingSecret().orElseThrow())
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
        delays = (delay, task) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
      }
      Delivery delivery =
          new Delivery(sends, delays, bot, maxAttempts, firstBackoff, longestRetryAfter);
      new SlackListeners(
              bot,
              new SlackWebApi(slack, token, httpTimeout),
              delivery,
              new SeenEvents(clock),
              auth.getUserId(),
              config.postInChannel())
          .register(app);
      app.start();
      LOG.info(
          "Slack is on as @{} in {} (Request URL path {}, answers {})",
          auth.getUser(),
          auth.getTeam(),
          PATH,
          config.postInChannel() ? "posted in channel" : "previewed first");
      return new SlackAdapter(
          app,
          slack,
          new SlackEndpoint(app, new RequestSignature(config.signingSecret().orElseThrow(), clock)),
          onClose);
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
