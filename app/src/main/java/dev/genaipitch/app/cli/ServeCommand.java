package dev.genaipitch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.app.ContentLoad;
import dev.genaipitch.app.PitchService;
import dev.genaipitch.app.SharedState;
import dev.genaipitch.app.server.Readiness;
import dev.genaipitch.app.server.SlackRoute;
import dev.genaipitch.app.server.TeamsRoute;
import dev.genaipitch.app.server.WebServer;
import dev.genaipitch.app.telemetry.LogSetup;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.practice.Rehearsal;
import dev.genaipitch.slack.SlackAdapter;
import dev.genaipitch.slack.SlackStartException;
import dev.genaipitch.teams.TeamsAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(
    name = "serve",
    description =
        "Runs the HTTP server on PORT (default 3000): the playground at /, Slack, Teams, /healthz,"
            + " /readyz, /metrics; and the report on 127.0.0.1:ADMIN_PORT. SIGTERM stops it"
            + " gracefully.")
public final class ServeCommand implements Callable<Integer> {

  /** Exit code when the server cannot start (a port in use, say). */
  public static final int CANNOT_START = 1;

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  /**
   * The system property with which the launcher asks {@code serve} for one full collection once
   * everything is built and before it listens ({@code -Dgenai.pitch.collectBeforeListening=true}).
   */
  public static final String COLLECT_BEFORE_LISTENING = "genai.pitch.collectBeforeListening";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    BotConfig config = Main.config(spec);
    if (config == null) {
      return Main.BAD_CONFIG;
    }
    return serve(config, ServeCommand::routes, err);
  }

  /**
   * The platform routes served beside /healthz, /readyz and /metrics: Slack and Teams plug in here.
   * A platform that must pass a start-up check before taking traffic adds it to {@code readiness},
   * and registers its own metrics (Slack's Socket Mode reconnects) in {@code registry}. The
   * adapters keep their records (seen events, welcomes) in {@code shared}.
   */
  public static List<WebServer.Route> routes(
      BotConfig config,
      PitchBot bot,
      Rehearsal rehearsal,
      Readiness readiness,
      MeterRegistry registry,
      SharedState shared)
      throws SlackStartException {
    return routes(
        config,
        bot,
        rehearsal,
        readiness,
        registry,
        shared,
        UnaryOperator.identity(),
        UnaryOperator.identity());
  }

  /**
   * The same routes with the adapters' collaborators adjusted: tests inject the Slack retry
   * scheduler and clock, and short timeouts, into exactly what {@code serve} runs.
   */
  public static List<WebServer.Route> routes(
      BotConfig config,
      PitchBot bot,
      Rehearsal rehearsal,
      Readiness readiness,
      MeterRegistry registry,
      SharedState shared,
      UnaryOperator<SlackAdapter.Builder> slack,
      UnaryOperator<TeamsAdapter.Builder> teams)
      throws SlackStartException {
    List<WebServer.Route> routes = new ArrayList<>();
    SlackRoute.start(
            config.slack(),
            bot,
            readiness,
            registry,
            shared.slackThen(s -> slack.apply(s.rehearsal(rehearsal))))
        .ifPresent(routes::add);
    routes.add(
        TeamsRoute.create(
            config, bot, registry, shared.teamsThen(t -> teams.apply(t.rehearsal(rehearsal)))));
    return routes;
  }

  /**
   * Serves until SIGTERM or SIGINT, then stops gracefully and returns 0.
   *
   * @return the exit code
   */
  public static int serve(BotConfig config, PitchService.Routes routes, PrintWriter err)
      throws Exception {
    return serve(config, ContentLoad.start(config), routes, err);
  }

  /**
   * As {@link #serve(BotConfig, PitchService.Routes, PrintWriter)}, with the content's loading
   * already started ({@link Main} starts it before this class's logger sets up logging).
   */
  static int serve(
      BotConfig config, ContentLoad content, PitchService.Routes routes, PrintWriter err)
      throws Exception {
    warmUpTls();
    warmUpLocales();
    LogSetup.apply(config.logging().json());
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "guide-reload");
              t.setDaemon(true);
              return t;
            });
    PitchService service;
    try {
      service = PitchService.create(config, content, routes, Clock.systemUTC(), scheduler);
    } catch (ContentException e) {
      err.println("genai-pitch: " + e.getMessage());
      err.flush();
      scheduler.shutdownNow();
      return Main.BAD_CONTENT;
    } catch (SlackStartException e) {
      err.println("genai-pitch: " + e.getMessage());
      err.flush();
      scheduler.shutdownNow();
      return Main.BAD_CONFIG;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    if (Boolean.getBoolean(COLLECT_BEFORE_LISTENING)) {
      // The start's garbage (the content load's buffers, the libraries' set-up) that the young
      // collections promoted for want of survivor space: collected once here, with the launcher's
      // heap flags the old generation shrinks to what is live and gives the rest of its pages
      // back, instead of keeping them resident for the life of the process (docs/performance.md,
      // "thirteenth session").
      System.gc();
    }
    try {
      service.start();
    } catch (Exception e) {
      err.println(
          "genai-pitch: cannot start the server (PORT="
              + config.port()
              + ", ADMIN_PORT="
              + config.adminPort()
              + "): "
              + describe(e));
      err.flush();
      service.stop();
      scheduler.shutdownNow();
      return CANNOT_START;
    }
    LOG.atInfo()
        .addKeyValue("port", service.port())
        .addKeyValue("admin_port", service.adminPort())
        .addKeyValue("guide", service.bot().guide().origin())
        .log("genai-pitch listening on http://localhost:{}/", service.port());
    if (config.playground().enabled()) {
      LOG.info(
          "Playground: http://localhost:{}/ (ask a question, see the answer as Slack and Teams show"
              + " it)",
          service.port());
    }

    stop.await();
    LOG.atInfo()
        .addKeyValue("in_flight", service.inFlight())
        .addKeyValue("shutdown_timeout_ms", config.server().shutdownTimeout().toMillis())
        .log("stopping: no new connections, finishing in-flight requests");
    service.stop();
    scheduler.shutdownNow();
    LOG.info("stopped");
    return 0;
  }

  /**
   * Starts the JDK's TLS set-up (reading the trust store's certificates, the protocols and cipher
   * suites) on a thread of its own, beside the content load: the Teams connector's and the Slack
   * SDK's HTTP clients both need it before the server is ready, it needs nothing the content load
   * does, and the JDK keeps the result (the default context, the trusted certificates) for every
   * client made after it. A failure here is left to the clients, which report it where they use
   * TLS.
   */
  private static void warmUpTls() {
    Thread t =
        new Thread(
            () -> {
              try {
                SSLContext.getDefault();
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
                    .init((KeyStore) null);
              } catch (GeneralSecurityException | RuntimeException e) {
                // the clients meet the same problem, and report it, when they set up TLS
              }
            },
            "tls-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts, on a thread of its own, what two libraries do once per process when the server is set
   * up and that takes the main thread's time: Jetty's {@code MimeTypes} asks for the JDK's
   * available locales (every one of ~1,100 made into a {@code Locale} for each locale service), and
   * Jackson's {@code ObjectMapper} builds its default date format from the calendar's locale data.
   * The JDK and the libraries keep both for the process; the main thread finds them done (or waits
   * for the class being initialised, as it would have waited for itself). A failure here is left to
   * the main thread, which meets and reports it where it uses them.
   */
  private static void warmUpLocales() {
    Thread t =
        new Thread(
            () -> {
              try {
                Class.forName("org.eclipse.jetty.http.MimeTypes");
                new ObjectMapper();
              } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // the main thread meets the same problem, and reports it
              }
            },
            "locale-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static String describe(Exception e) {
    StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      out.append(": ").append(t.getMessage());
    }
    return out.toString();
  }
}
