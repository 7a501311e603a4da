package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.testing.FakeBotConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Bot Connector misbehaving under the assembled service: answering 500, and hanging past the
 * reply timeout (400 ms here). The activity is still acknowledged, a reply is delivered at most
 * once, what cannot be delivered is logged with its conversation id and never with a secret, and
 * the bot answers everyone else meanwhile.
 */
final class FaultBotConnectorTest {

  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static RunningService running;
  private static FakeBotConnector connector;

  @BeforeAll
  static void start() throws Exception {
    running =
        RunningService.builder().teams(teams -> teams.replyTimeout(Duration.ofMillis(400))).start();
    connector = running.connector;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  @BeforeEach
  void forget() {
    running.reset();
  }

  @Test
  void reply_connectorFailingOnce_isDeliveredOnce() {
    connector.answerNext(500, 1);

    assertThat(running.teams.post(running.teams.personal("do we need both?")).status())
        .isEqualTo(200);

    assertThat(connector.received())
        .extracting(FakeBotConnector.Received::status)
        .containsExactly(500, 200);
    assertThat(connector.delivered())
        .singleElement()
        .satisfies(reply -> assertThat(reply.text()).contains(NEED_BOTH));
  }

  @Test
  void
      reply_connectorFailingEveryTime_isLoggedWithTheConversation_andTheActivityStillAcknowledged() {
    connector.answerNext(500, 10);

    assertThat(running.teams.post(running.teams.channelMention("do we need both?")).status())
        .isEqualTo(200);

    String failure = running.logs.awaitLine(l -> l.contains("Teams reply to conversation"), WAIT);
    assertThat(failure).startsWith("WARN").contains(TeamsSide.CHANNEL).contains("HTTP 500");
    assertThat(running.wire.get("/metrics").body())
        .contains(
            "genai_pitch_delivery_failures_total{operation=\"reply\",platform=\"teams\"} 1.0");
    assertThat(connector.delivered()).isEmpty();
    assertThat(connector.received()).hasSizeBetween(1, 4);
    Verdicts.assertNoSecret(running.logs.lines(), SlackSide.TOKEN, "Slack bot token");
    Verdicts.assertNoSecret(running.logs.lines(), SlackSide.SECRET, "Slack signing secret");
  }

  @Test
  void reply_connectorHangingPastTheTimeout_isLogged_andTheNextReplyGoesThrough() {
    connector.hangNext(4);

    assertThat(running.teams.post(running.teams.personal("do we need both?")).status())
        .isEqualTo(200);

    String failure = running.logs.awaitLine(l -> l.contains("Teams reply to conversation"), WAIT);
    assertThat(failure).contains(TeamsSide.PERSONAL).contains("no answer within 400 ms");
    connector.releaseHung();
    connector.reset();
    assertThat(running.teams.post(running.teams.personal("do we need both?")).status())
        .isEqualTo(200);
    assertThat(connector.delivered()).hasSize(1);
  }

  // Regression: each Teams message holds a request thread while its reply waits on the connector
  // (up to twice the reply timeout plus a second), so a hanging connector and a burst of Teams
  // messages took every thread, and Slack, /healthz and everything else went unanswered. Now at
  // most a quarter of MAX_THREADS wait on the connector; replies beyond that are dropped and
  // logged.
  @Test
  void hangingConnector_doesNotStarveOtherRequests() throws Exception {
    // MAX_THREADS=8: two may wait on the connector. Replies hang until released here.
    try (RunningService stuck =
        RunningService.builder()
            .env("MAX_THREADS", "8")
            .teams(teams -> teams.replyTimeout(Duration.ofSeconds(30)))
            .start()) {
      int burst = 8;
      stuck.connector.hangNext(burst);
      List<CompletableFuture<Wire.Reply>> teams = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        teams.add(
            CompletableFuture.supplyAsync(
                () -> stuck.teams.post(stuck.teams.personal("do we need both?"))));
      }
      stuck.connector.awaitReceived(2);
      // Every other reply is dropped: wait for all of them, so that none is still on its way when
      // the connector is reset below (one was, on a busy machine, and reached the reset connector).
      String dropped = stuck.logs.awaitLines(l -> l.contains("not sent"), burst - 2, WAIT).get(0);

      Wire.Reply slack = stuck.slack.command("do we need both?");
      Wire.Reply health = stuck.wire.get("/healthz");

      assertThat(slack.status()).isEqualTo(200);
      assertThat(slack.body()).contains(NEED_BOTH);
      assertThat(health.status()).isEqualTo(200);
      assertThat(teams)
          .as("Teams requests still waiting on the connector")
          .anyMatch(reply -> !reply.isDone());
      assertThat(dropped)
          .startsWith("WARN")
          .contains(TeamsSide.PERSONAL)
          .contains("2 replies are already waiting on the connector");

      // The connector recovers: the hung replies are cut off, every activity was acknowledged.
      stuck.connector.reset();
      stuck.connector.releaseHung();
      for (CompletableFuture<Wire.Reply> reply : teams) {
        assertThat(reply.get().status()).isEqualTo(200);
      }
      assertThat(stuck.connector.received())
          .as("replies sent once the connector was back")
          .isEmpty();
    }
  }
}
