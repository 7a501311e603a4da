package dev.genaipitch.app;

import dev.genaipitch.app.playground.Playground;
import dev.genaipitch.app.playground.PlaygroundPractice;
import dev.genaipitch.app.playground.RateLimits;
import dev.genaipitch.app.report.ReportFile;
import dev.genaipitch.app.report.ReportJson;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.app.server.OpsHandlers;
import dev.genaipitch.app.server.Readiness;
import dev.genaipitch.app.server.WebServer;
import dev.genaipitch.app.telemetry.AnswerLog;
import dev.genaipitch.app.telemetry.BotListeners;
import dev.genaipitch.app.telemetry.BotMetrics;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.ContentProblem;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.practice.Rehearsal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code serve} runs, assembled from the configuration: the bot and what listens to it
 * (metrics, the answer log, the report), content reload, readiness and the HTTP server with its
 * routes: health, metrics and the {@link Playground} here, the platform routes from {@code
 * cli.ServeCommand}, which also handles signals; tests start it in-process.
 */
public final class PitchService {

  /** Builds the platform routes (Slack, Teams) once the bot exists. */
  @FunctionalInterface
  public interface Routes {
    /**
     * @param rehearsal practice rounds, for the platforms' practice commands
     * @param readiness where a platform adds the checks {@code /readyz} must pass, such as Slack's
     *     start-up token check
     * @param registry where a platform registers what only it can measure, such as Socket Mode's
     *     reconnects
     * @param shared where a platform keeps what replicas share (seen events, welcomes)
     */
    List<WebServer.Route> build(
        BotConfig config,
        PitchBot bot,
        Rehearsal rehearsal,
        Readiness readiness,
        MeterRegistry registry,
        SharedState shared)
        throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(PitchService.class);
  private static final int REPORT_FILE_QUEUE = 10_000;
  private static final int DEFAULT_TOP = 20;

  /** Reps whose practice is kept in process; the least recently active go first. */
  private static final int PRACTISING_REPS = 10_000;

  private final BotConfig config;
  private final PitchBot bot;
  private final Rehearsal rehearsal;
  private final Readiness readiness;
  private final PrometheusMeterRegistry registry;
  private final SharedState shared;
  private volatile JvmGcMetrics gcMetrics;
  private final UnansweredReport report;
  private final Optional<ThreadPoolExecutor> reportWriter;
  private final Optional<GuideReloader> reloader;
  private final ScheduledExecutorService scheduler;
  private final WebServer server;
  private volatile boolean stopping;
  private ScheduledFuture<?> polling;

  private PitchService(
      BotConfig config,
      ContentLoad content,
      Routes routes,
      Clock clock,
      ScheduledExecutorService scheduler)
      throws Exception {
    this.config = config;
    this.scheduler = scheduler;
    boolean reloading = content.reloading();

    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    shared = SharedState.of(config, registry, clock);
    PitchBot.Prepared prepared;
    String initial;
    try {
      prepared = content.prepared();
      initial = content.fingerprint();
    } catch (Exception | Error e) {
      shared.close();
      throw e;
    }
    Guide guide = prepared.guide();

    reportWriter = config.report().file().map(f -> reportWriter());
    Optional<ReportFile> reportFile =
        config.report().file().map(f -> new ReportFile(f, reportWriter.get()));
    report =
        new UnansweredReport(
            config.report().capacity(),
            config.report().lowScore(),
            clock,
            reportFile,
            shared.report(config.report().capacity(), config.report().lowScore()));
    shared.redis().ifPresent(r -> r.onRecovery(report::handOver));
    bot =
        PitchBot.create(
            prepared,
            BotListeners.of(
                new BotMetrics(registry, config.report().lowScore()),
                new AnswerLog(config.logging().logQuestions(), config.report().lowScore()),
                report),
            shared.conversations());
    rehearsal =
        Rehearsal.create(
            guide,
            shared.practice(PRACTISING_REPS, config.practiceKeepAnswers()),
            clock,
            config.practiceKeepAnswers());

    reloader =
        reloading
            ? Optional.of(
                new GuideReloader(
                    config.guideDir().get(),
                    initial,
                    clock,
                    config.reloadInterval(),
                    g -> {
                      bot.replaceGuide(g);
                      rehearsal.replaceGuide(g);
                    },
                    reloadMetrics()))
            : Optional.empty();
    Gauge.builder("genai.pitch.content.sections", bot, b -> b.guide().sections().size())
        .description("Sections in the guide being served")
        .register(registry);
    Gauge.builder(
            "genai.pitch.content.stale",
            this,
            s -> s.reloader.map(r -> r.stale() ? 1 : 0).orElse(0))
        .description("1 while the guide on disk is broken and older content is being served")
        .register(registry);
    reportFile.ifPresent(
        f ->
            FunctionCounter.builder("genai.pitch.report.file.dropped", f, ReportFile::dropped)
                .description("Report file records that could not be written")
                .register(registry));

    readiness = new Readiness();
    readiness.add("content", () -> !bot.guide().sections().isEmpty());
    readiness.add("running", () -> !stopping);
    List<WebServer.Route> publicRoutes = new ArrayList<>();
    publicRoutes.add(new WebServer.Route("/healthz", OpsHandlers.health()));
    publicRoutes.add(new WebServer.Route("/readyz", OpsHandlers.readiness(readiness)));
    publicRoutes.add(new WebServer.Route("/metrics", OpsHandlers.metrics(registry::scrape)));
    if (config.playground().enabled()) {
      RateLimits playgroundRates = new RateLimits(config.playground().ratePerMinute(), clock);
      publicRoutes.addAll(Playground.routes(bot, config.report().lowScore(), playgroundRates));
      publicRoutes.addAll(PlaygroundPractice.routes(rehearsal, playgroundRates));
    } else {
      LOG.info("The playground is off (PLAYGROUND=false): / and /playground/ answer 404");
    }
    try {
      publicRoutes.addAll(routes.build(config, bot, rehearsal, readiness, registry, shared));
    } catch (Exception e) {
      shared.close();
      throw e;
    }
    List<WebServer.Route> adminRoutes =
        List.of(
            new WebServer.Route("/healthz", OpsHandlers.health()),
            new WebServer.Route("/report", OpsHandlers.json(this::reportJson)));
    server = new WebServer(config, publicRoutes, adminRoutes, registry);
  }

  /**
   * Loads content and builds everything, without listening yet.
   *
   * @param scheduler runs the content reload polls (and binds the JVM metrics once started)
   * @throws ContentException when the guide is broken: {@code serve} must not start on it
   */
  public static PitchService create(
      BotConfig config, Routes routes, Clock clock, ScheduledExecutorService scheduler)
      throws Exception {
    return create(config, ContentLoad.start(config), routes, clock, scheduler);
  }

  /**
   * As {@link #create(BotConfig, Routes, Clock, ScheduledExecutorService)}, with the content whose
   * loading {@code serve} started first.
   */
  public static PitchService create(
      BotConfig config,
      ContentLoad content,
      Routes routes,
      Clock clock,
      ScheduledExecutorService scheduler)
      throws Exception {
    return new PitchService(config, content, routes, clock, scheduler);
  }

  /** Starts listening and, with GUIDE_DIR, watching the content. */
  public void start() throws Exception {
    server.start();
    // JVM figures are bound after listening: their class loading is not worth delaying readiness.
    scheduler.execute(this::bindJvmMetrics);
    reloader.ifPresent(
        r -> {
          long interval = config.reloadInterval().toMillis();
          polling =
              scheduler.scheduleWithFixedDelay(
                  () -> poll(r), interval, interval, TimeUnit.MILLISECONDS);
        });
  }

  /**
   * Stops: /readyz turns 503, the server stops accepting and lets in-flight requests finish within
   * SHUTDOWN_TIMEOUT, then reloading stops and pending report lines are written.
   *
   * @return whether every in-flight request finished in time
   */
  public boolean stop() throws Exception {
    stopping = true;
    try {
      boolean finished = server.stop();
      if (!finished) {
        LOG.warn(
            "some requests did not finish within SHUTDOWN_TIMEOUT ({} ms) and were cut off",
            config.server().shutdownTimeout().toMillis());
      }
      return finished;
    } finally {
      if (polling != null) {
        polling.cancel(false);
      }
      reportWriter.ifPresent(
          w -> {
            w.shutdown();
            try {
              if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("report file writes still pending at exit were dropped");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      JvmGcMetrics gc = gcMetrics;
      if (gc != null) {
        gc.close();
      }
      shared.close();
      registry.close();
    }
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.adminPort();
  }

  public long inFlight() {
    return server.inFlight();
  }

  public PitchBot bot() {
    return bot;
  }

  Rehearsal rehearsal() {
    return rehearsal;
  }

  Readiness readiness() {
    return readiness;
  }

  UnansweredReport report() {
    return report;
  }

  Optional<GuideReloader> reloader() {
    return reloader;
  }

  String scrape() {
    return registry.scrape();
  }

  Optional<Path> guideDir() {
    return config.guideDir();
  }

  private String reportJson(Request request) {
    int top = DEFAULT_TOP;
    String asked = Request.extractQueryParameters(request).getValue("top");
    if (asked != null && asked.matches("\\d{1,6}")) {
      top = Integer.parseInt(asked);
    }
    return ReportJson.write(report.snapshot("server", top));
  }

  private void bindJvmMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    gcMetrics = gc;
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  private GuideReloader.Outcomes reloadMetrics() {
    Counter applied =
        Counter.builder("genai.pitch.content.reloads").tag("result", "applied").register(registry);
    Counter rejected =
        Counter.builder("genai.pitch.content.reloads").tag("result", "rejected").register(registry);
    return new GuideReloader.Outcomes() {
      @Override
      public void applied(Guide guide) {
        applied.increment();
      }

      @Override
      public void rejected(List<ContentProblem> problems) {
        rejected.increment();
      }
    };
  }

  private static void poll(GuideReloader reloader) {
    try {
      reloader.poll();
    } catch (RuntimeException e) {
      // a failed poll must not end the schedule; the next one tries again
      LOG.warn("guide reload check failed: {}", e.toString());
    }
  }

  private static ThreadPoolExecutor reportWriter() {
    ThreadPoolExecutor writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(REPORT_FILE_QUEUE),
            r -> {
              Thread t = new Thread(r, "report-file");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    return writer;
  }
}
