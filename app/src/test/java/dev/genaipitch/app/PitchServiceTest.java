package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.app.cli.Main;
import dev.genaipitch.app.report.ReportJson;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.app.server.OpsHandlers;
import dev.genaipitch.app.server.WebServer;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.testing.MutableClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled service, in-process: health, readiness, metrics, the report and reload wiring. */
final class PitchServiceTest {

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();
  private final MutableClock clock = MutableClock.at("2025-05-01T09:00:00Z");
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicBoolean slackChecked = new AtomicBoolean();
  private PitchService service;

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.stop();
    }
    scheduler.shutdownNow();
  }

  @Test
  void healthz_isOk() throws Exception {
    start(Map.of());

    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @Test
  void readyz_contentLoadedAndNoOtherChecks_isReady() throws Exception {
    start(Map.of());

    HttpResponse<String> response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ready\n");
  }

  @Test
  void readyz_aPlatformCheckNotPassed_is503NamingIt() throws Exception {
    start(
        Map.of(),
        (config, bot, rehearsal, readiness, registry, shared) -> {
          readiness.add("slack", slackChecked::get);
          return List.of();
        });

    HttpResponse<String> before = get("/readyz");
    slackChecked.set(true);
    HttpResponse<String> after = get("/readyz");

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).isEqualTo("not ready: slack\n");
    assertThat(after.statusCode()).isEqualTo(200);
  }

  @Test
  void readyz_whileStopping_isNotReady() throws Exception {
    start(Map.of());

    service.stop();

    assertThat(service.readiness().failing()).containsExactly("running");
    service = null;
  }

  @Test
  void metrics_afterSomeAsks_countsQuestionsAnswersScoresLatencyAndFeedback() throws Exception {
    start(Map.of());
    PitchBot bot = service.bot();

    bot.ask(Fixtures.NEED_BOTH, "slack");
    bot.ask(Fixtures.NEED_BOTH, "teams");
    bot.ask(Fixtures.OFF_SCRIPT, "slack");
    bot.ask(Fixtures.VAGUE, "teams");
    bot.feedback("slack", "need-both", true);
    bot.feedback("teams", "need-both", false);
    bot.feedback("teams", "made-up-section", false);
    get("/healthz");
    Fixtures.awaitMetrics(
        service::scrape,
        "http_server_requests_seconds_count{method=\"GET\",port=\"public\",route=\"/healthz\",status=\"200\"}"
            + " 1");
    awaitScheduler();

    HttpResponse<String> response = get("/metrics");
    List<String> lines = Fixtures.lines(response.body());
    // The vague question's score falls in the first bucket at or above it (buckets every 10%).
    double vaguePercent = bot.match(Fixtures.VAGUE).score() * 100;
    String vagueBucket =
        String.format(
            java.util.Locale.ROOT,
            "genai_pitch_match_score_percent_bucket{le=\"%.1f\"}",
            Math.ceil(vaguePercent / 10) * 10);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(lines)
        .contains(
            "genai_pitch_questions_total{outcome=\"answered\",platform=\"slack\"} 1.0",
            "genai_pitch_questions_total{outcome=\"answered\",platform=\"teams\"} 1.0",
            "genai_pitch_questions_total{outcome=\"none\",platform=\"slack\"} 1.0",
            "genai_pitch_questions_total{outcome=\"low_score\",platform=\"teams\"} 1.0",
            "genai_pitch_answers_total{section=\"need-both\"} 2.0",
            "genai_pitch_answers_total{section=\"none\"} 1.0",
            "genai_pitch_answers_total{section=\"when-bedrock\"} 1.0",
            "genai_pitch_match_score_percent_count 4",
            "genai_pitch_match_score_percent_bucket{le=\"30.0\"} 0",
            vagueBucket + " 1",
            "genai_pitch_match_score_percent_bucket{le=\"90.0\"} 1",
            "genai_pitch_match_score_percent_bucket{le=\"100.0\"} 4",
            "genai_pitch_answer_latency_seconds_count{platform=\"slack\"} 2",
            "genai_pitch_feedback_total{helpful=\"true\",platform=\"slack\",section=\"need-both\"}"
                + " 1.0",
            "genai_pitch_feedback_total{helpful=\"false\",platform=\"teams\",section=\"need-both\"}"
                + " 1.0",
            "genai_pitch_content_sections 10.0",
            "genai_pitch_content_stale 0.0",
            "http_server_requests_seconds_count{method=\"GET\",port=\"public\",route=\"/healthz\",status=\"200\"}"
                + " 1");
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith(
                    "genai_pitch_answer_latency_seconds_bucket{platform=\"teams\",le=\"0.001\"}"));
    assertThat(lines).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"));
    // The core refused the click on a section the guide does not have: no label was minted for it.
    assertThat(lines).noneMatch(l -> l.contains("made-up-section") || l.contains("\"other\""));
    assertThat(lines).anyMatch(l -> l.startsWith("jvm_gc_"));
    assertThat(lines).anyMatch(l -> l.startsWith("jvm_threads_live_threads "));
    assertThat(lines).anyMatch(l -> l.startsWith("process_uptime_seconds "));
    assertThat(lines).anyMatch(l -> l.startsWith("jetty_threads_busy "));
  }

  // Questions are asked through the core here, as every adapter does. ReportEndToEndTest asks them
  // through a signed Slack slash command and Teams messages instead.
  @Test
  void report_afterUnansweredQuestions_listsThemOnTheAdminListenerOnly() throws Exception {
    start(Map.of());
    PitchBot bot = service.bot();

    bot.ask(Fixtures.OFF_SCRIPT, "slack");
    clock.advance(java.time.Duration.ofMinutes(5));
    bot.ask("How much does Lambda cost?!", "teams");
    bot.ask(Fixtures.WEATHER, "cli");
    bot.ask(Fixtures.NEED_BOTH, "slack");
    bot.feedback("slack", "need-both", true);

    HttpResponse<String> admin = send("http://127.0.0.1:" + service.adminPort() + "/report?top=5");
    UnansweredReport.Snapshot report = ReportJson.read(admin.body());

    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(report.unanswered())
        .extracting(UnansweredReport.Row::question, UnansweredReport.Row::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("how much does lambda cost", 2L),
            org.assertj.core.groups.Tuple.tuple("what is the weather in paris", 1L));
    assertThat(report.unanswered().get(0).lastSeen()).isEqualTo(clock.instant());
    assertThat(report.feedback()).containsExactly(new UnansweredReport.Feedback("need-both", 1, 0));
    assertThat(get("/report").statusCode()).isEqualTo(404);
  }

  @Test
  void reportCommand_againstTheRunningServer_listsTheMostFrequentUnansweredQuestions()
      throws Exception {
    start(Map.of());
    service.bot().ask(Fixtures.OFF_SCRIPT, "slack");
    service.bot().ask(Fixtures.OFF_SCRIPT, "teams");
    service.bot().ask(Fixtures.WEATHER, "slack");
    service.bot().ask(Fixtures.VAGUE, "slack");
    service.bot().feedback("teams", "need-both", false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            Map.of("ADMIN_PORT", Integer.toString(service.adminPort())),
            new PrintWriter(out),
            new PrintWriter(err),
            "report");

    assertThat(code).isZero();
    assertThat(err.toString()).isEmpty();
    List<String> lines = Fixtures.lines(out.toString());
    assertThat(lines.get(0))
        .isEqualTo("Unanswered questions: answered `none` or scoring below 0.50, most asked first");
    assertThat(lines.get(2)).isEqualTo("4 asked, 3 distinct");
    assertThat(lines.get(5))
        .matches("      2  2025-05-01 09:00  none                  how much does lambda cost");
    assertThat(lines.get(6))
        .matches(
            "      1  2025-05-01 09:00  (none|when-bedrock 0\\.\\d\\d) +(what is the weather in"
                + " paris|bedrock)");
    assertThat(out.toString()).contains("  need-both                      0       1");
  }

  @Test
  void reload_brokenContent_keepsServingTheOldContentAndShowsInMetrics() throws Exception {
    Fixtures.guideIn(dir);
    start(Map.of("GUIDE_DIR", dir.toString(), "RELOAD_INTERVAL", "1h"));
    GuideReloader reloader = service.reloader().orElseThrow();
    String before = service.bot().ask(Fixtures.NEED_BOTH, "test").plainText();

    Fixtures.replaceLine(
        dir.resolve("07-need-both.md"), "Customers often ask:", "Customers ask every week:");
    Fixtures.replaceLine(
        dir.resolve("07-need-both.md"), "  - not-competing\n", "  - no-such-section\n");
    reloader.poll();
    clock.advance(java.time.Duration.ofHours(1));
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.REJECTED);

    assertThat(service.bot().ask(Fixtures.NEED_BOTH, "test").plainText()).isEqualTo(before);
    assertThat(Fixtures.lines(get("/metrics").body()))
        .contains(
            "genai_pitch_content_reloads_total{result=\"rejected\"} 1.0",
            "genai_pitch_content_stale 1.0");
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void reload_goodContent_isServed() throws Exception {
    Fixtures.guideIn(dir);
    start(Map.of("GUIDE_DIR", dir.toString(), "RELOAD_INTERVAL", "1h"));
    GuideReloader reloader = service.reloader().orElseThrow();

    Fixtures.replaceLine(
        dir.resolve("07-need-both.md"), "Customers often ask:", "Customers ask every week:");
    reloader.poll();
    clock.advance(java.time.Duration.ofHours(1));
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.APPLIED);

    assertThat(service.bot().ask(Fixtures.NEED_BOTH, "test").plainText())
        .contains("Customers ask every week:");
    assertThat(Fixtures.lines(get("/metrics").body()))
        .contains("genai_pitch_content_reloads_total{result=\"applied\"} 1.0");
  }

  @Test
  void create_withoutGuideDir_doesNotReload() throws Exception {
    start(Map.of());

    assertThat(service.reloader()).isEmpty();
  }

  @Test
  void platformRoutes_areServedBesideTheOperationsRoutes() throws Exception {
    start(
        Map.of(),
        (config, bot, rehearsal, readiness, registry, shared) ->
            List.of(new WebServer.Route("/platform", OpsHandlers.health())));

    assertThat(get("/platform").statusCode()).isEqualTo(200);
  }

  private void start(Map<String, String> settings) throws Exception {
    start(settings, (config, bot, rehearsal, readiness, registry, shared) -> new ArrayList<>());
  }

  private void start(Map<String, String> settings, PitchService.Routes routes) throws Exception {
    Map<String, String> env = new HashMap<>(settings);
    env.put("PORT", "0");
    env.put("ADMIN_PORT", "0");
    BotConfig config = BotConfig.load(env);
    service = PitchService.create(config, routes, clock, scheduler);
    service.start();
  }

  /** Waits for what start() handed the scheduler (the JVM metrics) to have run. */
  private void awaitScheduler() throws Exception {
    scheduler.submit(() -> {}).get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("http://127.0.0.1:" + service.port() + path);
  }

  private HttpResponse<String> send(String uri) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
