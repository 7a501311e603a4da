package dev.genaipitch.app.server;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.slack.SlackAdapter;
import dev.genaipitch.slack.SlackStartException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack in {@code serve}: on with the bot token and a way in (the signing secret for the Request
 * URL, the app-level token for Socket Mode, or both), otherwise one log line saying how to turn it
 * on. In Socket Mode, {@code /readyz} also waits for the socket ({@code slack_socket}), and the
 * socket's state and reconnects are metrics.
 */
public final class SlackRoute {

  private static final Logger LOG = LoggerFactory.getLogger(SlackRoute.class);

  private SlackRoute() {}

  /**
   * The route for {@code POST /slack/events}, or empty when Slack is not configured.
   *
   * @throws SlackStartException when Slack rejects a token or cannot be reached
   */
  public static Optional<WebServer.Route> start(
      BotConfig.Slack config, PitchBot bot, Readiness readiness, MeterRegistry registry)
      throws SlackStartException {
    return start(config, bot, readiness, registry, UnaryOperator.identity());
  }

  /**
   * As {@link #start(BotConfig.Slack, PitchBot, Readiness, MeterRegistry)}, with the adapter's
   * collaborators (scheduler, clock, timeouts) adjusted by {@code options}: how tests inject
   * faults' delays.
   */
  public static Optional<WebServer.Route> start(
      BotConfig.Slack config,
      PitchBot bot,
      Readiness readiness,
      MeterRegistry registry,
      UnaryOperator<SlackAdapter.Builder> options)
      throws SlackStartException {
    if (!config.enabled()) {
      LOG.info(
          "Slack is off: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (Request URL) or"
              + " SLACK_APP_TOKEN (Socket Mode) to turn it on");
      return Optional.empty();
    }
    SlackAdapter slack =
        options.apply(SlackAdapter.builder(config, bot).meterRegistry(registry)).start();
    readiness.add("slack", slack::ready);
    if (slack.socketMode()) {
      readiness.add("slack_socket", slack::socketConnected);
      Gauge.builder("genai.pitch.slack.socket.connected", slack, s -> s.socketConnected() ? 1 : 0)
          .description("1 while the Slack Socket Mode connection is up and taking envelopes")
          .register(registry);
      for (SlackAdapter.Reconnect why : SlackAdapter.Reconnect.values()) {
        FunctionCounter.builder(
                "genai.pitch.slack.socket.reconnects", slack, s -> s.socketReconnects(why))
            .description(
                "Slack Socket Mode connections opened again: refresh (Slack asked) or drop")
            .tag("reason", why.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }
    // Mounted in Socket Mode alone too (it answers 404 there): stopping the route closes the
    // adapter.
    return Optional.of(
        new WebServer.Route(
            SlackAdapter.PATH,
            new ClosingWith(slack.endpoint(), SlackAdapter.MAX_BODY_BYTES, slack)));
  }
}
