package dev.genaipitch.app;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.slack.SlackStartException;
import dev.genaipitch.teams.TeamsAdapter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "serve", description = "Runs the HTTP server on PORT (default 3000): Slack, Teams, health.")
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
    BotConfig config = Main.config(err);
    if (config == null) {
      return Main.BAD_CONFIG;
    }
    Guide guide = Main.guide(config, err);
    if (guide == null) {
      return Main.BAD_CONTENT;
    }
    PitchBot bot = PitchBot.create(guide);
    List<PitchServer.Route> routes = new ArrayList<>();
    // Slack (slack-adapter): POST /slack/events
    try {
      SlackRoute.start(config.slack(), bot).ifPresent(routes::add);
    } catch (SlackStartException e) {
      err.println("genai-pitch: " + e.getMessage());
      err.flush();
      return Main.BAD_CONFIG;
    }
    // Teams (teams-adapter): POST /api/messages
    routes.add(new PitchServer.Route(TeamsAdapter.PATH, TeamsAdapter.create(bot, config).handler()));
    PitchServer server = new PitchServer(config, () -> true, routes);
    server.start();
    LOG.info("genai-pitch listening on http://localhost:{}/ (guide: {})", server.port(), guide.origin());

    CountDownLatch stopped = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop(server, stopped));
    Signal.handle(new Signal("INT"), signal -> stop(server, stopped));
    stopped.await();
    return 0;
  }

  private static void stop(PitchServer server, CountDownLatch stopped) {
    new Thread(() -> {
      try {
        LOG.info("stopping: finishing in-flight requests");
        server.stop();
      } catch (Exception e) {
        LOG.warn("stopped with an error: {}", e.toString());
      } finally {
        stopped.countDown();
      }
    }, "shutdown").start();
  }
}
