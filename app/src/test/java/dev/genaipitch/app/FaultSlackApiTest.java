package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.RecordingScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's Web API and response URLs misbehaving under the assembled service: 429 with Retry-After,
 * 500, and hanging past the client timeout (300 ms here). Retries wait what Slack asked for
 * (recorded by the injected scheduler, not waited for), each answer reaches Slack exactly once when
 * Slack recovers, what cannot be delivered is logged with its channel and never with a secret, and
 * the bot answers everyone else meanwhile.
 */
final class FaultSlackApiTest {

  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String POST = "chat.postMessage";

  private static final RecordingScheduler scheduler = new RecordingScheduler();
  private static RunningService running;
  private static FakeSlack slackApi;

  @BeforeAll
  static void start() throws Exception {
    running =
        RunningService.builder()
            .slack(
                slack -> slack.scheduler(scheduler::schedule).httpTimeout(Duration.ofMillis(300)))
            .start();
    slackApi = running.slackApi;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  @BeforeEach
  void forget() {
    running.reset();
    scheduler.clear();
  }

  @Test
  void postMessage_rateLimited_isRetriedAfterRetryAfterAndDeliveredOnce() {
    slackApi.answerNext(POST, 429, "7");

    mention("C0RATE", "do we need both?");

    slackApi.awaitDelivered(POST, 1);
    assertThat(slackApi.calls(POST)).extracting(FakeSlack.Call::status).containsExactly(429, 200);
    assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(7));
    assertDeliveredOnceTo(POST, "C0RATE");
    assertNoSecretLogged();
  }

  @Test
  void postMessage_serverErrorThenAccepted_isDeliveredOnce() {
    slackApi.answerNext(POST, 500, null);

    running.slack.event(running.slack.directMessage("exec summary").put("channel", "D0FIVE"));

    slackApi.awaitDelivered(POST, 1);
    assertThat(slackApi.calls(POST)).extracting(FakeSlack.Call::status).containsExactly(500, 200);
    assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1));
    assertDeliveredOnceTo(POST, "D0FIVE");
  }

  @Test
  void postMessage_serverErrorEveryTime_isGivenUpAndLoggedWithItsChannel() throws Exception {
    for (int i = 0; i < 4; i++) {
      slackApi.answerNext(POST, 500, null);
    }

    mention("C0DOWN", "do we need both?");

    String failure = running.logs.awaitLine(l -> l.contains("failed after 4 attempt(s)"), WAIT);
    assertThat(failure)
        .startsWith("WARN")
        .contains("chat.postMessage")
        .contains("channel C0DOWN")
        .contains("HTTP 500");
    assertThat(slackApi.calls(POST)).hasSize(4);
    assertThat(slackApi.delivered(POST)).isEmpty();
    assertThat(scheduler.delays())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    // The adapter logs the failure, then counts it.
    Fixtures.awaitMetrics(
        () -> running.wire.get("/metrics").body(),
        "genai_pitch_delivery_failures_total{operation=\"chat.postMessage\",platform=\"slack\"}"
            + " 1.0");
    assertThat(running.wire.get("/metrics").body())
        .contains(
            "genai_pitch_delivery_failures_total{operation=\"chat.postMessage\",platform=\"slack\"}"
                + " 1.0");
    assertNoSecretLogged();
  }

  @Test
  void postMessage_hangingPastTheTimeout_isRetriedAndDeliveredOnce() {
    slackApi.hangNext(POST);

    mention("C0SLOW", "do we need both?");

    slackApi.awaitDelivered(POST, 1);
    assertThat(slackApi.calls(POST)).extracting(FakeSlack.Call::status).containsExactly(0, 200);
    assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1));
    assertDeliveredOnceTo(POST, "C0SLOW");
  }

  @Test
  void postMessage_hangingEveryTime_isGivenUpAndLoggedWithItsChannel() {
    for (int i = 0; i < 4; i++) {
      slackApi.hangNext(POST);
    }

    mention("C0HUNG", "do we need both?");

    String failure = running.logs.awaitLine(l -> l.contains("failed after 4 attempt(s)"), WAIT);
    assertThat(failure).contains("channel C0HUNG");
    assertThat(slackApi.delivered(POST)).isEmpty();
    assertNoSecretLogged();
    slackApi.releaseHung();
  }

  @Test
  void rateLimit_longerThanWorthWaiting_isGivenUpAtOnceAndLoggedWithTheUser() {
    slackApi.answerNext("views.publish", 429, "3600");

    running.slack.event(running.slack.homeOpened());

    String failure =
        running.logs.awaitLine(
            l -> l.contains("views.publish") && l.contains("too long to wait"), WAIT);
    assertThat(failure).contains(SlackSide.ASKER);
    assertThat(scheduler.delays()).isEmpty();
    assertThat(slackApi.calls("views.publish")).hasSize(1);
  }

  @Test
  void
      share_throughAResponseUrlThatIsRateLimitedFailsAndHangs_isPostedOnceAndThePreviewRemovedOnce() {
    slackApi.answerNext(FakeSlack.RESPONSE_URL, 429, "2");
    slackApi.answerNext(FakeSlack.RESPONSE_URL, 500, null);
    slackApi.hangNext(FakeSlack.RESPONSE_URL);

    running.slack.click(
        "post_in_channel", "{\"i\":\"need-both\",\"q\":\"do we need both?\",\"s\":\"p\"}");

    List<FakeSlack.Call> delivered = slackApi.awaitDelivered(FakeSlack.RESPONSE_URL, 2);
    assertThat(delivered)
        .extracting(c -> c.body().contains("\"delete_original\":true"))
        .containsExactly(false, true);
    assertThat(delivered.get(0).body()).contains("in_channel").contains(NEED_BOTH);
    assertThat(slackApi.calls(FakeSlack.RESPONSE_URL))
        .extracting(FakeSlack.Call::status)
        .containsExactly(429, 500, 0, 200, 200);
    assertThat(scheduler.delays())
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertNoSecretLogged();
  }

  @Test
  void slackHanging_botAnswersEveryoneMeanwhile_andDeliversEachAnswerOnceWhenSlackRecovers()
      throws Exception {
    // Calls hang until released here, however long: a 30 s client timeout that never elapses.
    try (RunningService slow =
        RunningService.builder()
            .slack(
                slack ->
                    slack
                        .scheduler(new RecordingScheduler()::schedule)
                        .httpTimeout(Duration.ofSeconds(30)))
            .start()) {
      for (int i = 0; i < 4; i++) {
        slow.slackApi.hangNext(POST);
      }
      List<String> channels = IntStream.rangeClosed(1, 6).mapToObj(i -> "C0WAIT" + i).toList();
      channels.forEach(
          channel ->
              slow.slack.event(
                  slow.slack
                      .mention("<@" + FakeSlack.BOT_USER + "> do we need both?")
                      .put("channel", channel)));
      // Every sending thread is now stuck on Slack; two answers wait in the queue.
      slow.slackApi.awaitCalls(POST, 4);

      List<CompletableFuture<Wire.Reply>> meanwhile = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        meanwhile.add(CompletableFuture.supplyAsync(() -> slow.slack.command("do we need both?")));
        meanwhile.add(
            CompletableFuture.supplyAsync(
                () -> slow.teams.post(slow.teams.personal("do we need both?"))));
      }
      for (CompletableFuture<Wire.Reply> reply : meanwhile) {
        assertThat(reply.get().status()).isEqualTo(200);
      }
      assertThat(meanwhile.get(0).get().body()).contains(NEED_BOTH);
      assertThat(slow.connector.delivered()).hasSize(10);
      assertThat(slow.slackApi.delivered(POST))
          .as("nothing got through while Slack hung")
          .isEmpty();

      slow.slackApi.releaseHung();

      slow.slackApi.awaitDelivered(POST, channels.size());
      for (String channel : channels) {
        assertThat(slow.slackApi.delivered(POST))
            .filteredOn(c -> c.target().equals(channel))
            .as(channel)
            .hasSize(1);
      }
    }
  }

  private static void mention(String channel, String question) {
    running.slack.event(
        running.slack.mention("<@" + FakeSlack.BOT_USER + "> " + question).put("channel", channel));
  }

  private static void assertDeliveredOnceTo(String method, String target) {
    assertThat(slackApi.delivered(method))
        .extracting(FakeSlack.Call::target)
        .containsExactly(target);
  }

  private static void assertNoSecretLogged() {
    List<String> lines = running.logs.lines();
    Verdicts.assertNoSecret(lines, SlackSide.TOKEN, "bot token");
    Verdicts.assertNoSecret(lines, SlackSide.SECRET, "signing secret");
    Verdicts.assertNoSecret(lines, "r3sp0nse-s3cret", "response URL");
  }
}
