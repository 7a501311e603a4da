package dev.genaipitch.app;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.slack.SlackAdapter;
import dev.genaipitch.slack.SlackStartException;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Slack in {@code serve}: on when both Slack secrets are set, otherwise one log line saying how to turn it on. */
final class SlackRoute {

  private static final Logger LOG = LoggerFactory.getLogger(SlackRoute.class);

  private SlackRoute() {}

  /**
   * The route for {@code POST /slack/events}, or empty when Slack is not configured.
   *
   * @throws SlackStartException when Slack rejects the token or cannot be reached
   */
  static Optional<PitchServer.Route> start(BotConfig.Slack config, PitchBot bot, Readiness readiness)
      throws SlackStartException {
    if (!config.enabled()) {
      LOG.info("Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn it on");
      return Optional.empty();
    }
    SlackAdapter slack = SlackAdapter.start(config, bot);
    readiness.add("slack", slack::ready);
    return Optional.of(new PitchServer.Route(SlackAdapter.PATH, new ClosingWith(slack)));
  }

  /** The adapter's handler, closing the adapter (letting its sends finish) when the server stops. */
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
