package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.app.cli.Main;
import dev.genaipitch.app.redis.RedisServer;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Two replicas of {@code serve} sharing one real Redis (REDIS_URL), as two pods behind a load
 * balancer: what Slack or Teams sends twice is acted on once, whichever replica each copy reaches.
 */
final class FleetTest {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static final String PARTIAL = "Start with Bedrock, it proves value fast.";
  private static final Pattern THREAD = Pattern.compile("thread_ts=(1700000000\\.\\d+)");

  private RedisServer redis;
  private RunningService first;
  private RunningService second;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.startOrSkip();
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

  @Test
  void slackFollowUp_onTheOtherReplica_inTheSameThread_isReadInContext() {
    first.slack.post(
        first.slack.eventBody("Ev0CTX1", first.slack.mention("<@UBOT> when to use bedrock")),
        SlackSide.JSON_TYPE);
    assertThat(first.slackApi.awaitDelivered("chat.postMessage", 1)).hasSize(1);

    ObjectNode followUp = second.slack.mention("<@UBOT> and sagemaker?");
    followUp
        .put("ts", "1700000000.000301")
        .put("event_ts", "1700000000.000301")
        .put("thread_ts", "1700000000.000300");
    second.slack.post(second.slack.eventBody("Ev0CTX2", followUp), SlackSide.JSON_TYPE);
    assertThat(second.slackApi.awaitDelivered("chat.postMessage", 1)).hasSize(1);

    assertThat(second.service.scrape())
        .contains("section=\"when-sagemaker\"")
        .doesNotContain("section=\"none\"");
  }

  @Test
  void playgroundFollowUp_onTheOtherReplica_inTheSameSession_isReadInContext() throws Exception {
    first.wire.post(
        "/playground/ask",
        "{\"question\":\"when to use bedrock\",\"conversation\":\"tab-fleet-1\"}",
        JSON);

    JsonNode followUp =
        second
            .wire
            .post(
                "/playground/ask",
                "{\"question\":\"and sagemaker?\",\"conversation\":\"tab-fleet-1\"}",
                JSON)
            .json();
    JsonNode elsewhere =
        second
            .wire
            .post(
                "/playground/ask",
                "{\"question\":\"and sagemaker?\",\"conversation\":\"tab-fleet-2\"}",
                JSON)
            .json();

    assertThat(followUp.path("intent").asText()).isEqualTo("when-sagemaker");
    assertThat(elsewhere.path("intent").asText()).isEqualTo("none");
    try (RedisClient admin = RedisClient.create(URI.create(redis.url()))) {
      String key = "genai-pitch:conversation:web:tab-fleet-1";
      assertThat(admin.lrange(key, 0, -1))
          .hasSize(2)
          .allMatch(e -> e.matches("[a-z0-9-]+:-?\\d+"))
          .first()
          .asString()
          .startsWith("when-sagemaker:");
      assertThat(admin.pttl(key))
          .isPositive()
          .isLessThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    }
  }

  @Test
  void practiceRound_startedOnOneReplica_isGradedOnTheOther_andNoAnswerIsKept() {
    String rep = "{\"rep\":\"visitor-fleet1\"";
    Wire.Reply question =
        first.wire.post("/playground/practice/start", rep + ",\"section\":\"need-both\"}", JSON);
    assertThat(question.status()).isEqualTo(200);
    assertThat(question.json().path("prompt").asText())
        .isEqualTo("Do we really need both of these?");

    JsonNode grade =
        second
            .wire
            .post("/playground/practice/answer", rep + ",\"answer\":\"" + PARTIAL + "\"}", JSON)
            .json();
    assertThat(grade.path("grade").asText()).isEqualTo("partial");
    assertThat(grade.path("carried").findValuesAsText("point")).containsExactly("start-bedrock");

    // One answer per asking holds across the fleet: the first replica sees it was graded.
    assertThat(
            first
                .wire
                .post("/playground/practice/answer", rep + ",\"answer\":\"" + PARTIAL + "\"}", JSON)
                .status())
        .isEqualTo(409);
    assertThat(
            first
                .wire
                .post("/playground/practice/again", rep + "}", JSON)
                .json()
                .path("attempt")
                .asInt())
        .isEqualTo(2);

    try (RedisClient admin = RedisClient.create(URI.create(redis.url()))) {
      List<String> keys = new ArrayList<>(admin.keys("genai-pitch:practice:*"));
      assertThat(keys).hasSize(1);
      String state = admin.get(keys.get(0));
      assertThat(state).contains("need-both").contains("partial").doesNotContain("proves value");
      assertThat(admin.pttl(keys.get(0)))
          .isPositive()
          .isGreaterThan(Duration.ofDays(29).toMillis())
          .isLessThanOrEqualTo(Duration.ofDays(30).toMillis());
    }
  }

  @Test
  void redisDown_conversationsAndPracticeGoOnInTheReplica() {
    redis.kill();

    first.wire.post(
        "/playground/ask",
        "{\"question\":\"when to use bedrock\",\"conversation\":\"tab-alone-1\"}",
        JSON);
    JsonNode followUp =
        first
            .wire
            .post(
                "/playground/ask",
                "{\"question\":\"and sagemaker?\",\"conversation\":\"tab-alone-1\"}",
                JSON)
            .json();
    String rep = "{\"rep\":\"visitor-alone1\"";
    Wire.Reply question =
        first.wire.post("/playground/practice/start", rep + ",\"section\":\"need-both\"}", JSON);
    JsonNode grade =
        first
            .wire
            .post("/playground/practice/answer", rep + ",\"answer\":\"" + PARTIAL + "\"}", JSON)
            .json();

    assertThat(followUp.path("intent").asText()).isEqualTo("when-sagemaker");
    assertThat(question.status()).isEqualTo(200);
    assertThat(grade.path("grade").asText()).isEqualTo("partial");
    assertThat(first.logs.lines().stream().filter(l -> l.startsWith("WARN") && l.contains("Redis")))
        .hasSize(1)
        .allMatch(l -> l.contains("is not answering"));
  }

  @Test
  void report_spansReplicas_onEveryReplicaAndInTheReportCommand() {
    first.slack.command("How much does Lambda cost?");
    second.slack.command("how much does lambda cost");
    second.slack.command("What is the weather in Paris?");
    first.teams.post(feedbackClick(first, true));
    second.teams.post(feedbackClick(second, false));
    second.teams.post(feedbackClick(second, true));

    for (RunningService replica : List.of(first, second)) {
      UnansweredReport.Snapshot report = replica.service.report().snapshot("server", 20);
      assertThat(report.source()).isEqualTo("Redis at 127.0.0.1:" + redis.port() + "/0");
      assertThat(report.questions()).isEqualTo(3);
      assertThat(report.unanswered())
          .extracting(UnansweredReport.Row::question, UnansweredReport.Row::count)
          .containsExactly(
              tuple("how much does lambda cost", 2L), tuple("what is the weather in paris", 1L));
      assertThat(report.feedback())
          .containsExactly(new UnansweredReport.Feedback("need-both", 2, 1));
    }

    StringWriter out = new StringWriter();
    int code =
        Main.run(
            Map.of("REDIS_URL", redis.url()),
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "report");

    assertThat(code).isZero();
    List<String> lines = Fixtures.lines(out.toString());
    assertThat(lines)
        .contains("3 asked, 2 distinct")
        .anyMatch(
            l -> l.startsWith("From Redis at 127.0.0.1:" + redis.port() + "/0, every replica"))
        .anyMatch(l -> l.matches(" +2  [0-9-]+ [0-9:]+  none +how much does lambda cost"))
        .anyMatch(l -> l.matches(" +need-both +2 +1"));
  }

  @Test
  void report_duringAnOutage_isThisReplicas_andReachesRedisOnceItIsBack() throws Exception {
    first.slack.command("How much does Lambda cost?");
    redis.kill();
    first.slack.command("how much does lambda cost");
    first.slack.command("What is the weather in Paris?");
    first.teams.post(feedbackClick(first, true));

    UnansweredReport.Snapshot alone = first.service.report().snapshot("server", 20);
    assertThat(alone.source()).isEqualTo(UnansweredReport.REPLICA_ALONE);
    assertThat(alone.unanswered())
        .extracting(UnansweredReport.Row::question, UnansweredReport.Row::count)
        .containsExactlyInAnyOrder(
            tuple("how much does lambda cost", 1L), tuple("what is the weather in paris", 1L));

    redis.restart();
    first.logs.awaitLine(l -> l.contains("answers again"), Duration.ofSeconds(60));

    // Redis came back empty (no persistence): what the replica kept is all it can hand over.
    UnansweredReport.Snapshot fleet = second.service.report().snapshot("server", 20);
    assertThat(fleet.source()).startsWith("Redis at ");
    assertThat(fleet.unanswered())
        .extracting(UnansweredReport.Row::question, UnansweredReport.Row::count)
        .containsExactlyInAnyOrder(
            tuple("how much does lambda cost", 1L), tuple("what is the weather in paris", 1L));
    assertThat(fleet.feedback()).containsExactly(new UnansweredReport.Feedback("need-both", 1, 0));
    assertThat(first.service.report().snapshot("server", 20).questions()).isEqualTo(2);
  }

  @Test
  void replicaStoppedMidLoad_theOtherAnswersEverything_once() throws Exception {
    int events = 60;
    CountDownLatch third = new CountDownLatch(events / 3);
    AtomicBoolean secondGone = new AtomicBoolean();
    ExecutorService slack = Executors.newFixedThreadPool(4);
    List<Future<Integer>> acks = new ArrayList<>();
    try {
      for (int i = 0; i < events; i++) {
        String body = mentionBody(i);
        RunningService to = i % 2 == 0 || secondGone.get() ? first : second;
        acks.add(
            slack.submit(
                () -> {
                  int status = balance(to, body, first);
                  third.countDown();
                  return status;
                }));
      }
      assertThat(third.await(2, TimeUnit.MINUTES)).isTrue();
      // As Kubernetes stops a pod: in-flight requests finish, then it takes no more; Slack's
      // requests to it fail and go (as Slack's retries) to the other replica.
      second.service.stop();
      secondGone.set(true);
      for (Future<Integer> ack : acks) {
        assertThat(ack.get(2, TimeUnit.MINUTES)).isEqualTo(200);
      }
    } finally {
      slack.shutdownNow();
    }

    List<String> bySecond = threads(second.slackApi.delivered("chat.postMessage"));
    List<String> byFirst =
        threads(first.slackApi.awaitDelivered("chat.postMessage", events - bySecond.size()));
    List<String> all = new ArrayList<>(byFirst);
    all.addAll(bySecond);
    assertThat(all).hasSize(events).doesNotHaveDuplicates();
  }

  @Test
  void redisKilledAndRestartedMidLoad_answersNeverStop_oneWarnEach_dedupeResumes()
      throws Exception {
    int events = 90;
    CountDownLatch third = new CountDownLatch(events / 3);
    CountDownLatch twoThirds = new CountDownLatch(2 * events / 3);
    ExecutorService slack = Executors.newFixedThreadPool(4);
    List<Future<Integer>> acks = new ArrayList<>();
    try {
      for (int i = 0; i < events; i++) {
        String body = mentionBody(i);
        RunningService to = i % 2 == 0 ? first : second;
        acks.add(
            slack.submit(
                () -> {
                  int status = to.slack.post(body, SlackSide.JSON_TYPE).status();
                  third.countDown();
                  twoThirds.countDown();
                  return status;
                }));
      }
      assertThat(third.await(2, TimeUnit.MINUTES)).isTrue();
      redis.kill();
      assertThat(twoThirds.await(2, TimeUnit.MINUTES)).isTrue();
      redis.restart();
      for (Future<Integer> ack : acks) {
        assertThat(ack.get(2, TimeUnit.MINUTES)).isEqualTo(200);
      }
    } finally {
      slack.shutdownNow();
    }

    List<String> answered = threads(first.slackApi.awaitDelivered("chat.postMessage", events / 2));
    answered.addAll(threads(second.slackApi.awaitDelivered("chat.postMessage", events / 2)));
    assertThat(answered).hasSize(events).doesNotHaveDuplicates();

    // Both replicas noticed the outage: one WARN each, and each says when Redis is back.
    awaitLines(first.logs, "answers again", 2);
    assertThat(first.logs.lines().stream().filter(l -> l.startsWith("WARN") && l.contains("Redis")))
        .hasSize(2)
        .allMatch(l -> l.contains("is not answering"));

    String body =
        first.slack.eventBody("Ev0AFTER", first.slack.mention("<@UBOT> do we need both?"));
    long before = questionsAsked(first) + questionsAsked(second);
    assertThat(first.slack.post(body, SlackSide.JSON_TYPE).status()).isEqualTo(200);
    assertThat(retry(second, body, first.slack.now() + 1).status()).isEqualTo(200);
    assertThat(questionsAsked(first) + questionsAsked(second) - before).isEqualTo(1);
  }

  /** A mention with its own event id and message ts (the answer's thread), numbered {@code i}. */
  private String mentionBody(int i) {
    ObjectNode mention = first.slack.mention("<@UBOT> do we need both?");
    mention.put("ts", "1700000000." + (100_000 + i));
    return first.slack.eventBody("Ev0LOAD" + i, mention);
  }

  /**
   * What Slack and a load balancer do together: the event goes to {@code to}; if it does not
   * acknowledge (refused, or 503 while stopping), Slack retries it, and the retry reaches {@code
   * other}.
   */
  private static int balance(RunningService to, String body, RunningService other) {
    try {
      int status = to.slack.post(body, SlackSide.JSON_TYPE).status();
      if (status == 200) {
        return status;
      }
    } catch (UncheckedIOException e) {
      // refused or reset: the replica is gone
    }
    return retry(other, body, other.slack.now()).status();
  }

  /** The thread each answer went to: one per event. */
  private static List<String> threads(List<FakeSlack.Call> posts) {
    List<String> threads = new ArrayList<>();
    for (FakeSlack.Call post : posts) {
      Matcher ts = THREAD.matcher(post.body());
      threads.add(ts.find() ? ts.group(1) : "(no thread) " + post.body());
    }
    return threads;
  }

  private static void awaitLines(LogCapture logs, String text, int n) {
    for (int i = 1; i <= n; i++) {
      int count = i;
      logs.awaitLine(
          l -> logs.lines().stream().filter(x -> x.contains(text)).count() >= count,
          Duration.ofSeconds(60));
    }
  }

  private static ObjectNode feedbackClick(RunningService replica, boolean helpful) {
    ObjectNode click = replica.teams.activity("message", "personal", TeamsSide.PERSONAL);
    click
        .putObject("value")
        .put("action", "feedback")
        .put("intent", "need-both")
        .put("helpful", helpful);
    return click;
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
