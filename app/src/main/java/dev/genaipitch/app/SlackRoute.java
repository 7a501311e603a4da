package dev.genaipitch.app;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.slack.SlackAdapter;
import dev.genaipitch.slack.SlackStartException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack in {@code serve}: on when both Slack secrets are set, otherwise one log line saying how to
 * turn it on.
 */
final class SlackRoute {

  private static final Logger LOG = LoggerFactory.getLogger(SlackRoute.class);

  private SlackRoute() {}

  /**
   * The route for {@code POST /slack/events}, or empty when Slack is not configured.
   *
   * @throws SlackStartException when Slack rejects the token or cannot be reached
   */
  static Optional<PitchServer.Route> start(
      BotConfig.Slack config, PitchBot bot, Readiness readiness) throws SlackStartException {
    return start(config, bot, readiness, UnaryOperator.identity());
  }

  /**
   * As {@link #start(BotConfig.Slack, PitchBot, Readiness)}, with the adapter's collaborators
   * (scheduler, clock, timeouts) adjusted by {@code options}: how tests inject faults' delays.
   */
  static Optional<PitchServer.Route> start(
      BotConfig.Slack config,
      PitchBot bot,
      Readiness readiness,
      UnaryOperator<SlackAdapter.Builder> options)
      throws SlackStartException {
    if (!config.enabled()) {
      LOG.info("Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on");
      return Optional.empty();
    }
    SlackAdapter slack = options.apply(SlackAdapter.builder(config, bot)).start();
    readiness.add("slack", slack::ready);
    return Optional.of(new PitchServer.Route(SlackAdapter.PATH, new ClosingWith(slack)));
  }

  /**
   * The adapter's handler, closing the adapter (letting its sends finish) when the server stops.
   */
  private static final class ClosingWith extends Handler.Wrapper {
    private final SlackAdapter slack;

    ClosingWith(SlackAdapter slack) {
      super(slack.handler());
      this.slack = slack;
    }

    @Override
    protected void doStop() throws Exception {
      super.doStop();
      slack.close();
    }
  }
}
