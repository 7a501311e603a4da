package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of {@code serve} sharing one real Redis (REDIS_URL), as two pods behind a load
 * balancer: what Slack or Teams sends twice is acted on once, whichever replica each copy reaches.
 */
final class FleetTest {

  private RedisServer redis;
  private RunningService first;
  private RunningService second;

  @BeforeEach
  void start() throws Exception {
    if (!RedisServer.required()) {
      assumeTrue(
          RedisServer.available(),
          "redis-server is not installed (apt-get install redis-server); skipping");
    }
    redis = RedisServer.start();
    first = replica();
    second = replica();
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {first, second, redis}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void slackEvent_retriedOntoTheOtherReplica_isAnsweredOnce() {
    String body =
        first.slack.eventBody("Ev0FLEET1", first.slack.mention("<@UBOT> do we need both?"));

    Wire.Reply original = first.slack.post(body, SlackSide.JSON_TYPE);
    // Slack's retry: the same event, signed again a second later, to whichever replica.
    Wire.Reply retry = retry(second, body, first.slack.now() + 1);

    assertThat(original.status()).isEqualTo(200);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(first.slackApi.awaitDelivered("chat.postMessage", 1)).hasSize(1);
    assertThat(questionsAsked(first) + questionsAsked(second)).isEqualTo(1);
    assertThat(second.slackApi.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void slackCommand_replayedOntoTheOtherReplica_isActedOnOnce() {
    String body = first.slack.commandBody("/genai-pitch", "do we need both?");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>(SlackSide.signed(first.slack.now(), bytes));
    headers.put("Content-Type", SlackSide.FORM);

    Wire.Reply original = first.slack.postWith(body, headers);
    Wire.Reply replayed = second.slack.postWith(body, headers);

    assertThat(original.status()).isEqualTo(200);
    assertThat(original.body()).contains("RDS");
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.body()).isEmpty();
    assertThat(second.logs.lines()).anyMatch(l -> l.contains("Ignored a replayed Slack request"));
    assertThat(questionsAsked(first) + questionsAsked(second)).isEqualTo(1);
  }

  @Test
  void teamsBotAdded_toldToBothReplicas_isWelcomedOnce() {
    var added = first.teams.activity("conversationUpdate", "channel", TeamsSide.CHANNEL);
    added.putArray("membersAdded").addObject().put("id", TeamsSide.BOT_ID);

    assertThat(first.teams.post(added).status()).isEqualTo(200);
    assertThat(second.teams.post(added).status()).isEqualTo(200);

    // Both replicas reply to the one serviceUrl the activity names: the first replica's fake.
    assertThat(first.connector.received()).hasSize(1);
  }

  @Test
  void metrics_sayRedisIsUp_andNothingFellBack() {
    first.slack.event(first.slack.mention("<@UBOT> do we need both?"));

    assertThat(first.service.scrape())
        .contains("genai_pitch_redis_up 1.0")
        .contains("genai_pitch_redis_fallbacks_total 0.0")
        .contains("genai_pitch_redis_outages_total 0.0");
  }

  private RunningService replica() throws Exception {
    return RunningService.builder()
        .env("REDIS_URL", redis.url())
        // Generous: on a busy machine a slow command must not turn into a second answer.
        .env("REDIS_TIMEOUT", "5s")
        .start();
  }

  private static Wire.Reply retry(RunningService replica, String body, long epochSeconds) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>(SlackSide.signed(epochSeconds, bytes));
    headers.put("Content-Type", SlackSide.JSON_TYPE);
    headers.put("X-Slack-Retry-Num", "1");
    headers.put("X-Slack-Retry-Reason", "http_timeout");
    return replica.slack.postWith(body, headers);
  }

  /** The questions a replica put to the bot, from its {@code /metrics}. */
  static long questionsAsked(RunningService replica) {
    return replica
        .service
        .scrape()
        .lines()
        .filter(l -> l.startsWith("genai_pitch_questions_total{"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
