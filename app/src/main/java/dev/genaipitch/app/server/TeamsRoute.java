package dev.genaipitch.app.server;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.teams.TeamsAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teams in {@code serve}: on with an app id (tokens checked) or TEAMS_EMULATOR (loopback only);
 * otherwise {@code /api/messages} answers 404 saying Teams is off, and sends nothing anywhere.
 */
public final class TeamsRoute {

  private static final Logger LOG = LoggerFactory.getLogger(TeamsRoute.class);

  private TeamsRoute() {}

  /**
   * @param registry where the adapter counts replies it could not send
   * @param options the adapter's collaborators adjusted (tests' short timeouts)
   */
  public static WebServer.Route create(
      BotConfig config,
      PitchBot bot,
      MeterRegistry registry,
      UnaryOperator<TeamsAdapter.Builder> options) {
    if (!config.teams().enabled()) {
      LOG.info(
          "Teams is off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to turn it on"
              + " (TEAMS_EMULATOR=true for the Bot Framework Emulator on this machine)");
      return new WebServer.Route(TeamsAdapter.PATH, new Off());
    }
    TeamsAdapter teams =
        options
            .apply(
                TeamsAdapter.builder(config.teams(), bot)
                    .maxBodyBytes(config.server().maxBodyBytes())
                    .maxWaitingReplies(Math.max(1, config.server().maxThreads() / 4))
                    .meterRegistry(registry))
            .build();
    // Stopping the route closes the adapter (late activities 503, reply clients closed).
    return new WebServer.Route(
        TeamsAdapter.PATH, new ClosingWith(teams.endpoint(), teams.maxBodyBytes(), teams));
  }

  /** {@code /api/messages} while Teams is off. */
  private static final class Off extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Response.writeError(
          request, response, callback, HttpStatus.NOT_FOUND_404, "Teams is off on this server");
      return true;
    }
  }
}
