package dev.genaipitch.app.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.app.report.RedisReport;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.core.SeenOnce;
import dev.genaipitch.core.practice.PracticeState;
import dev.genaipitch.core.practice.PracticeStore;
import dev.genaipitch.testing.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * The record replicas share in a real Redis, and what happens when Redis goes away or slows down:
 * every offer still gets an answer (from this process's record), the outage is logged once, and the
 * shared record comes back on its own.
 */
final class SharedRedisTest {

  private static final Duration TTL = Duration.ofMinutes(10);
  private static final Duration PROBE = Duration.ofMillis(50);
  private static final Duration LONG_WAIT = Duration.ofSeconds(60);

  private RedisServer redis;
  private LogCapture logs;
  private final List<SharedRedis> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.startOrSkip();
    logs = LogCapture.of(SharedRedis.class);
  }

  @AfterEach
  void stop() {
    clients.forEach(SharedRedis::close);
    if (logs != null) {
      logs.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void practiceUpdate_fromTwoReplicasAtOnce_losesNoChange() throws Exception {
    List<PracticeStore> replicas = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      replicas.add(
          new RedisPracticeStore(
              connect(redis.url(), Duration.ofSeconds(5), new SimpleMeterRegistry()),
              RedisPracticeStore.KEEP_FOR,
              false,
              PracticeStore.inMemory(16)));
    }
    int threads = 4;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        PracticeStore store = replicas.get(t % 2);
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    store.update("slack:U1", SharedRedisTest::oneMoreRound);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(replicas.get(0).get("slack:U1").sections().get("need-both").rounds())
        .isEqualTo(threads * each);
  }

  @Test
  void practiceState_roundTripsThroughRedis_withAnswersOnlyWhenKept() {
    SharedRedis client = connect(redis.url(), Duration.ofSeconds(5), new SimpleMeterRegistry());
    PracticeStore dropping =
        new RedisPracticeStore(
            client, RedisPracticeStore.KEEP_FOR, false, PracticeStore.inMemory(16));
    PracticeStore keeping =
        new RedisPracticeStore(
            client, RedisPracticeStore.KEEP_FOR, true, PracticeStore.inMemory(16));
    Instant at = Instant.parse("2026-12-05T19:00:00Z");
    PracticeState state =
        new PracticeState(
            new PracticeState.OpenRound(
                "analogy", 1, 2, "slack:thread:C1:1700000000.000100", false),
            Map.of(
                "need-both",
                new PracticeState.SectionRecord("need-both", 3, "partial", 0.5, at, "my answer")));

    dropping.update("rep-a", s -> state);
    keeping.update("rep-b", s -> state);

    PracticeStore elsewhere =
        new RedisPracticeStore(
            connect(redis.url(), Duration.ofSeconds(5), new SimpleMeterRegistry()),
            RedisPracticeStore.KEEP_FOR,
            true,
            PracticeStore.inMemory(16));
    PracticeState withoutAnswer = elsewhere.get("rep-a");
    assertThat(withoutAnswer.round()).isEqualTo(state.round());
    assertThat(withoutAnswer.sections().get("need-both"))
        .isEqualTo(new PracticeState.SectionRecord("need-both", 3, "partial", 0.5, at, null));
    assertThat(elsewhere.get("rep-b")).isEqualTo(state);
    assertThat(elsewhere.get("rep-never")).isEqualTo(PracticeState.EMPTY);
    try (RedisClient admin = RedisClient.create(URI.create(redis.url()))) {
      assertThat(admin.get("genai-pitch:practice:rep-a")).doesNotContain("my answer");
    }
  }

  private static PracticeState oneMoreRound(PracticeState s) {
    PracticeState.SectionRecord r = s.sections().get("need-both");
    Map<String, PracticeState.SectionRecord> next = new LinkedHashMap<>(s.sections());
    next.put(
        "need-both",
        new PracticeState.SectionRecord(
            "need-both", r == null ? 1 : r.rounds() + 1, "off", 0, Instant.EPOCH, null));
    return new PracticeState(s.round(), next);
  }

  @Test
  void firstTime_isTrueOnce_acrossReplicas_underNamespacedExpiringKeys() {
    SeenOnce here =
        seenOnce(connect(redis.url(), Duration.ofSeconds(5), new SimpleMeterRegistry()));
    SeenOnce there =
        seenOnce(connect(redis.url(), Duration.ofSeconds(5), new SimpleMeterRegistry()));

    assertThat(here.firstTime("slack-event:Ev1")).isTrue();
    assertThat(there.firstTime("slack-event:Ev1")).isFalse();
    assertThat(here.firstTime("slack-event:Ev1")).isFalse();
    assertThat(there.firstTime("slack-event:Ev2")).isTrue();
    assertThat(there.firstTime("teams-welcome:" + "19:x".repeat(100))).isTrue();
    assertThat(here.firstTime("teams-welcome:" + "19:x".repeat(100))).isFalse();

    try (RedisClient admin = RedisClient.create(URI.create(redis.url()))) {
      Set<String> keys = admin.keys("*");
      assertThat(keys).allMatch(k -> k.startsWith("genai-pitch:"));
      assertThat(keys.stream().filter(k -> k.startsWith("genai-pitch:seen:")))
          .hasSize(3)
          .contains("genai-pitch:seen:slack-event:Ev1", "genai-pitch:seen:slack-event:Ev2")
          .anyMatch(k -> k.startsWith("genai-pitch:seen:sha256:"));
      assertThat(keys).allSatisfy(k -> assertThat(admin.pttl(k)).isBetween(1L, TTL.toMillis()));
    }
  }

  @Test
  void redisKilledAndRestarted_answersFromThisProcess_oneWarn_thenSharedAgainWithOneInfo()
      throws Exception {
    MeterRegistry metrics = new SimpleMeterRegistry();
    SeenOnce here = seenOnce(connect(redis.url(), Duration.ofSeconds(5), metrics));
    SeenOnce there =
        seenOnce(connect(redis.url(), Duration.ofSeconds(5), new SimpleMeterRegistry()));
    assertThat(here.firstTime("before")).isTrue();

    redis.kill();
    List<Boolean> during = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      during.add(here.firstTime("during-" + i));
      during.add(here.firstTime("during-" + i));
    }

    assertThat(during).containsOnly(true, false).hasSize(100);
    for (int i = 0; i < 100; i += 2) {
      assertThat(during.get(i)).as("a new key, answered in process").isTrue();
      assertThat(during.get(i + 1)).as("the same key again, caught in process").isFalse();
    }
    assertThat(here.firstTime("before")).as("seen here before the outage").isFalse();
    assertThat(warnings()).singleElement().asString().contains("is not answering");
    assertThat(metrics.get("genai.pitch.redis.up").gauge().value()).isZero();
    assertThat(metrics.get("genai.pitch.redis.outages").counter().count()).isEqualTo(1);
    assertThat(metrics.get("genai.pitch.redis.fallbacks").counter().count()).isPositive();

    redis.restart();
    logs.awaitLine(l -> l.startsWith("INFO") && l.contains("answers again"), LONG_WAIT);

    assertThat(metrics.get("genai.pitch.redis.up").gauge().value()).isEqualTo(1);
    assertThat(here.firstTime("after")).isTrue();
    // The other replica had nothing to do during the outage: its first command meets the
    // connection Redis dropped (and falls back); the next connects afresh.
    there.firstTime("warm-up");
    assertThat(there.firstTime("after")).as("shared again").isFalse();
    assertThat(warnings()).hasSize(1);
    assertThat(logs.lines().stream().filter(l -> l.contains("answers again"))).hasSize(1);
  }

  @Test
  void slowRedis_isAnOutage_commandsStillAnswered_andRecoversOnItsOwn() {
    MeterRegistry metrics = new SimpleMeterRegistry();
    SeenOnce here = seenOnce(connect(redis.url(), Duration.ofMillis(100), metrics));
    assertThat(here.firstTime("before")).isTrue();

    try (RedisClient admin = RedisClient.create(URI.create(redis.url()))) {
      // Redis holds every write for a minute: as slow as a Redis gets while still up.
      admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "60000", "WRITE");
      List<Boolean> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(here.firstTime("slow-" + i));
      }

      assertThat(answers).containsOnly(true).hasSize(10);
      assertThat(warnings())
          .singleElement()
          .asString()
          .contains("is not answering", "SocketTimeoutException");
      assertThat(metrics.get("genai.pitch.redis.up").gauge().value()).isZero();

      admin.sendCommand(Protocol.Command.CLIENT, "UNPAUSE");
    }
    logs.awaitLine(l -> l.contains("answers again"), LONG_WAIT);
    assertThat(warnings()).hasSize(1);
  }

  @Test
  void aclUserInTheUrl_isUsed_andAWrongPasswordIsAnOutageNamedWithoutIt() {
    try (RedisClient admin = RedisClient.create(URI.create(redis.url()))) {
      admin.sendCommand(
          Protocol.Command.ACL,
          "SETUSER",
          "pitch-bot",
          "on",
          ">right-Pa55word",
          "~genai-pitch:*",
          "+@all");
      admin.sendCommand(Protocol.Command.CONFIG, "SET", "requirepass", "default-pass");
    }
    String hostPort = "127.0.0.1:" + redis.port() + "/0";

    SeenOnce right =
        seenOnce(
            connect(
                "redis://pitch-bot:right-Pa55word@" + hostPort,
                Duration.ofSeconds(5),
                new SimpleMeterRegistry()));
    assertThat(right.firstTime("k")).isTrue();
    assertThat(right.firstTime("k")).isFalse();
    assertThat(warnings()).isEmpty();

    connect(
        "redis://pitch-bot:wrong-Pa55word@" + hostPort,
        Duration.ofSeconds(5),
        new SimpleMeterRegistry());
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("is not answering", "127.0.0.1:" + redis.port() + "/0")
        .containsIgnoringCase("WRONGPASS");
    assertThat(String.join("\n", logs.lines()))
        .doesNotContain("wrong-Pa55word")
        .doesNotContain("right-Pa55word");
  }

  @Test
  void report_keepsTheMostAskedWithinItsCapacity_underExpiringKeys() {
    SharedRedis client = connect(redis.url(), Duration.ofSeconds(5), new SimpleMeterRegistry());
    RedisReport report = new RedisReport(client, 2, 0.5);
    Instant t0 = Instant.parse("2025-05-01T09:00:00Z");

    assertThat(report.unanswered("lambda cost", 1, t0, t0, "none", 0)).isTrue();
    report.unanswered("lambda cost", 1, t0.plusSeconds(60), t0.plusSeconds(60), "pricing", 0.31);
    report.unanswered("weather in paris", 1, t0.plusSeconds(30), t0.plusSeconds(30), "none", 0);
    report.unanswered("what is s3", 3, t0.minusSeconds(60), t0.plusSeconds(90), "none", 0);
    report.feedback("need-both", 1, 0);
    report.feedback("need-both", 0, 1);
    report.feedback("need-both", 1, 0);

    UnansweredReport.Snapshot s = report.snapshot(10, t0).orElseThrow();
    assertThat(s.questions()).isEqualTo(6);
    assertThat(s.distinct()).isEqualTo(2);
    assertThat(s.dropped()).isEqualTo(1);
    assertThat(s.since()).isEqualTo(t0.minusSeconds(60));
    assertThat(s.unanswered())
        .containsExactly(
            new UnansweredReport.Row(
                "what is s3", 3, t0.minusSeconds(60), t0.plusSeconds(90), "none", 0),
            new UnansweredReport.Row("lambda cost", 2, t0, t0.plusSeconds(60), "pricing", 0.31));
    assertThat(s.feedback()).containsExactly(new UnansweredReport.Feedback("need-both", 2, 1));
    try (RedisClient admin = RedisClient.create(URI.create(redis.url()))) {
      assertThat(admin.keys("genai-pitch:report:*"))
          .hasSize(4)
          .allSatisfy(
              k -> assertThat(admin.pttl(k)).isBetween(1L, RedisReport.KEPT_FOR.toMillis()));
    }
  }

  private List<String> warnings() {
    return logs.lines().stream().filter(l -> l.startsWith("WARN")).toList();
  }

  private SharedRedis connect(String url, Duration timeout, MeterRegistry metrics) {
    SharedRedis client = SharedRedis.connect(URI.create(url), timeout, PROBE, metrics);
    clients.add(client);
    return client;
  }

  private static SeenOnce seenOnce(SharedRedis client) {
    return new RedisSeenOnce(client, TTL, SeenOnce.inProcess(TTL, 1000, Clock.systemUTC()));
  }
}
