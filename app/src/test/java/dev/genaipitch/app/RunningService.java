package dev.genaipitch.app;

import dev.genaipitch.app.cli.ServeCommand;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.slack.SlackAdapter;
import dev.genaipitch.teams.TeamsAdapter;
import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.LogCapture;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/**
 * What {@code serve} runs, in-process on a random port: {@link PitchService} with the real Slack
 * and Teams routes ({@link ServeCommand#routes}), Slack pointed at a {@link FakeSlack} and the
 * activities' serviceUrl at a {@link FakeBotConnector}, and a client for each side. Everything the
 * service logs under {@code dev.genaipitch} is captured.
 */
final class RunningService implements AutoCloseable {

  final FakeSlack slackApi;
  final FakeBotConnector connector;
  final PitchService service;
  final Wire wire;
  final SlackSide slack;
  final TeamsSide teams;
  final LogCapture logs;
  private final ScheduledExecutorService scheduler;

  private RunningService(Builder b) throws Exception {
    slackApi = new FakeSlack(b.fakeThreads);
    connector = new FakeBotConnector(b.fakeThreads);
    logs = LogCapture.of("dev.genaipitch");
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "test-service-scheduler");
              t.setDaemon(true);
              return t;
            });
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("ADMIN_PORT", "0");
    env.put("SLACK_SIGNING_SECRET", SlackSide.SECRET);
    env.put("SLACK_BOT_TOKEN", SlackSide.TOKEN);
    env.put("SLACK_API_URL", slackApi.apiUrl());
    if (!b.env.containsKey("MICROSOFT_APP_ID")) {
      // Teams is off without settings: these tests talk to it as the Emulator does, on loopback.
      env.put("TEAMS_EMULATOR", "true");
    }
    env.putAll(b.env);
    BotConfig config = BotConfig.load(env);
    Clock clock = b.clock;
    Clock slackClock = b.slackClock == null ? clock : b.slackClock;
    UnaryOperator<SlackAdapter.Builder> slackOptions = b.slackOptions;
    UnaryOperator<TeamsAdapter.Builder> teamsOptions = b.teamsOptions;
    service =
        PitchService.create(
            config,
            (c, bot, rehearsal, readiness, registry, shared) ->
                ServeCommand.routes(
                    c,
                    bot,
                    rehearsal,
                    readiness,
                    registry,
                    shared,
                    s -> slackOptions.apply(s.clock(slackClock)),
                    teamsOptions),
            clock,
            scheduler);
    service.start();
    wire = new Wire(service.port(), b.clientExecutor);
    slack = new SlackSide(wire, slackApi, slackClock);
    teams = new TeamsSide(wire, connector.serviceUrl());
  }

  static Builder builder() {
    return new Builder();
  }

  int port() {
    return service.port();
  }

  /** Forgets what the fakes received and what was logged, between tests sharing one service. */
  void reset() {
    slackApi.reset();
    connector.reset();
    logs.clear();
  }

  @Override
  public void close() {
    try {
      service.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the service", e);
    } finally {
      scheduler.shutdownNow();
      slackApi.close();
      connector.close();
      logs.close();
    }
  }

  /** Settings and seams; every one has a default. */
  static final class Builder {
    private final Map<String, String> env = new HashMap<>();
    private UnaryOperator<SlackAdapter.Builder> slackOptions = UnaryOperator.identity();
    private UnaryOperator<TeamsAdapter.Builder> teamsOptions = UnaryOperator.identity();
    private Clock clock = Clock.systemUTC();
    private Clock slackClock;
    private int fakeThreads = 8;
    private java.util.concurrent.Executor clientExecutor;

    Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Adjusts the Slack adapter (scheduler, timeouts) beyond its clock ({@link #slackClock}). */
    Builder slack(UnaryOperator<SlackAdapter.Builder> options) {
      this.slackOptions = options;
      return this;
    }

    Builder teams(UnaryOperator<TeamsAdapter.Builder> options) {
      this.teamsOptions = options;
      return this;
    }

    /**
     * The service's clock: content reload, the report, and Slack signatures unless {@link
     * #slackClock} is set.
     */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The clock Slack signatures are made and checked with, when not {@link #clock}'s. */
    Builder slackClock(Clock clock) {
      this.slackClock = clock;
      return this;
    }

    Builder fakeThreads(int threads) {
      this.fakeThreads = threads;
      return this;
    }

    Builder clientExecutor(java.util.concurrent.Executor executor) {
      this.clientExecutor = executor;
      return this;
    }

    RunningService start() throws Exception {
      return new RunningService(this);
    }
  }
}
