package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.app.cli.Main;
import dev.genaipitch.app.cli.ServeCommand;
import dev.genaipitch.app.report.ReportJson;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.LogCapture;
import dev.genaipitch.testing.MutableClock;
import dev.genaipitch.testing.SlackSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The report, end to end: the service assembled as {@code serve} assembles it, with Slack on (a
 * loopback fake Slack Web API) and Teams on without authentication (replies to a loopback fake Bot
 * Connector). Questions outside the script arrive as a signed Slack slash command and as Teams 1:1
 * messages; the admin port's report and the {@code report} command list them.
 */
final class ReportEndToEndTest {

  private static final String SIGNING_SECRET = "e2e-signing-secret-not-real";
  private static final String BOT_TOKEN = "xoxb-e2e-token-not-real";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final MutableClock clock = MutableClock.at("2025-05-01T09:00:00Z");
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final FakeSlack slackApi = new FakeSlack();
  private final FakeBotConnector botConnector = new FakeBotConnector();
  private final AtomicLong activityIds = new AtomicLong(1_700_000_000_000L);
  private LogCapture logs;
  private PitchService service;

  ReportEndToEndTest() throws IOException {}

  @BeforeEach
  void start() throws Exception {
    logs = LogCapture.of(Logger.ROOT_LOGGER_NAME);
    BotConfig config =
        BotConfig.load(
            Map.of(
                "PORT",
                "0",
                "ADMIN_PORT",
                "0",
                "SLACK_SIGNING_SECRET",
                SIGNING_SECRET,
                "SLACK_BOT_TOKEN",
                BOT_TOKEN,
                "SLACK_API_URL",
                slackApi.apiUrl(),
                // Teams as the Emulator talks to it, on loopback.
                "TEAMS_EMULATOR",
                "true"));
    service = PitchService.create(config, ServeCommand::routes, clock, scheduler);
    service.start();
  }

  @AfterEach
  void stop() throws Exception {
    service.stop();
    scheduler.shutdownNow();
    slackApi.close();
    botConnector.close();
    logs.close();
  }

  @Test
  void report_listsUnansweredQuestionsAskedThroughSlackAndTeams() throws Exception {
    assertThat(service.readiness().failing()).as("Slack's start-up token check passed").isEmpty();
    assertThat(slackApi.calls("auth.test")).isNotEmpty();

    HttpResponse<String> slack = slashCommand("How much does Lambda cost?");
    HttpResponse<String> teams1 = teamsPersonalMessage("how much does lambda cost");
    clock.advance(java.time.Duration.ofMinutes(3));
    HttpResponse<String> teams2 = teamsPersonalMessage("What is the weather in Paris?");

    assertThat(slack.statusCode()).isEqualTo(200);
    assertThat(slack.body()).contains("That’s not in the script");
    assertThat(teams1.statusCode()).isEqualTo(200);
    assertThat(teams2.statusCode()).isEqualTo(200);
    assertThat(botConnector.received())
        .extracting(FakeBotConnector.Received::path)
        .as("Teams replied to both messages")
        .hasSize(2)
        .allMatch(p -> p.startsWith("/v3/conversations/a:1personal-chat/activities/"));
    assertThat(botConnector.received())
        .allMatch(r -> r.activity().toString().contains("That’s not in the script"));

    HttpResponse<String> admin =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.adminPort() + "/report"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    UnansweredReport.Snapshot report = ReportJson.read(admin.body());

    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(report.questions()).isEqualTo(3);
    assertThat(report.unanswered())
        .extracting(
            UnansweredReport.Row::question,
            UnansweredReport.Row::count,
            UnansweredReport.Row::lastAnswer)
        .containsExactly(
            tuple("how much does lambda cost", 2L, "none"),
            tuple("what is the weather in paris", 1L, "none"));
    assertThat(report.unanswered().get(0).firstSeen())
        .isEqualTo(Instant.parse("2025-05-01T09:00:00Z"));
    assertThat(report.unanswered().get(1).lastSeen())
        .isEqualTo(Instant.parse("2025-05-01T09:03:00Z"));
    // The report counts questions by their words; which platform they came from is in the metrics.
    assertThat(Fixtures.lines(service.scrape()))
        .contains(
            "genai_pitch_questions_total{outcome=\"none\",platform=\"slack\"} 1.0",
            "genai_pitch_questions_total{outcome=\"none\",platform=\"teams\"} 2.0");
    assertThat(loggedText()).doesNotContain(SIGNING_SECRET, BOT_TOKEN);
  }

  @Test
  void reportCommand_againstTheServer_listsTheQuestionsFromBothPlatforms() throws Exception {
    slashCommand("what is the weather in paris");
    teamsPersonalMessage("How much does Lambda cost?!");
    slashCommand("how much does lambda cost");
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
    assertThat(lines).contains("3 asked, 2 distinct");
    assertThat(lines)
        .anyMatch(l -> l.matches(" +2  2025-05-01 09:00  none +how much does lambda cost"));
    assertThat(lines)
        .anyMatch(l -> l.matches(" +1  2025-05-01 09:00  none +what is the weather in paris"));
    assertThat(out.toString()).doesNotContain(SIGNING_SECRET, BOT_TOKEN);
  }

  /** {@code /genai-pitch <text>} in a channel, signed as Slack signs it. */
  private HttpResponse<String> slashCommand(String text) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", "T1");
    form.put("team_domain", "acme");
    form.put("channel_id", "C0GENERAL");
    form.put("channel_name", "general");
    form.put("user_id", "U0ASKER");
    form.put("user_name", "ann");
    form.put("command", "/genai-pitch");
    form.put("text", text);
    form.put("api_app_id", "A0APP");
    form.put("response_url", slackApi.responseUrl("B1"));
    form.put("trigger_id", "1.2.trigger");
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    long timestamp = Instant.now().getEpochSecond();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/slack/events"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
            .header("X-Slack-Signature", new SlackSigner(SIGNING_SECRET).signature(timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A message in the bot's 1:1 chat, as Teams posts it (no Authorization: authentication is off).
   */
  private HttpResponse<String> teamsPersonalMessage(String text) throws Exception {
    ObjectNode activity = JSON.createObjectNode();
    activity.put("type", "message");
    activity.put("id", Long.toString(activityIds.incrementAndGet()));
    activity.put("timestamp", "2025-05-01T09:00:00.000Z");
    activity.put("channelId", "msteams");
    activity.put("serviceUrl", botConnector.serviceUrl());
    activity.put("text", text);
    activity.putObject("from").put("id", "29:alice").put("name", "Alice");
    activity
        .putObject("conversation")
        .put("id", "a:1personal-chat")
        .put("conversationType", "personal")
        .put("tenantId", "tenant-1")
        .put("isGroup", false);
    activity.putObject("recipient").put("id", "28:genai-pitch-app").put("name", "genai-pitch");
    activity.putObject("channelData").putObject("tenant").put("id", "tenant-1");
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(activity.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Everything logged during the test: messages, key-value pairs and exceptions. */
  private String loggedText() {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent event : logs.events()) {
      all.append(event.getFormattedMessage())
          .append(' ')
          .append(LogCapture.pairs(event))
          .append('\n');
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        all.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
    }
    return all.toString();
  }
}
