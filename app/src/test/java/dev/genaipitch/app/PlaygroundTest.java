package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.testing.MutableClock;
import dev.genaipitch.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The playground's page and JSON API over HTTP, in the assembled service (no browser). */
final class PlaygroundTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static PitchService service;

  @BeforeAll
  static void start() throws Exception {
    BotConfig config = BotConfig.load(Map.of("PORT", "0", "ADMIN_PORT", "0"));
    service =
        PitchService.create(
            config,
            (c, bot, rehearsal, readiness, registry, shared) -> new ArrayList<>(),
            MutableClock.at("2025-05-01T09:00:00Z"),
            SCHEDULER);
    service.start();
  }

  @AfterAll
  static void stop() throws Exception {
    service.stop();
    SCHEDULER.shutdownNow();
  }

  @Test
  void page_atTheRoot_isTheHtmlWithItsOwnFilesOnly() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
    assertThat(page.body())
        .contains(
            "<label for=\"question\"", "/playground/playground.js", "/playground/playground.css")
        .doesNotContain("http://", "https://");
    for (String file :
        List.of(
            "/playground/playground.js", "/playground/playground.css", "/playground/icon.svg")) {
      HttpResponse<String> response = get(file);
      assertThat(response.statusCode()).as(file).isEqualTo(200);
      assertThat(response.body())
          .as(file + " loads nothing from elsewhere")
          .doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)");
    }
  }

  @Test
  void page_unchanged_is304ForItsETag() throws Exception {
    String etag = get("/").headers().firstValue("etag").orElseThrow();

    HttpResponse<String> again =
        CLIENT.send(
            request("/").header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void ask_aQuestion_answersTheSectionWithBothRenderings() throws Exception {
    HttpResponse<String> response = post("/playground/ask", "{\"question\":\"do we need both?\"}");
    JsonNode answer = JSON.readTree(response.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(answer.path("kind").asText()).isEqualTo("section");
    assertThat(answer.path("intent").asText()).isEqualTo("need-both");
    assertThat(answer.path("title").asText()).isEqualTo("Do we need both?");
    assertThat(answer.path("question").asText()).isEqualTo("do we need both?");
    assertThat(answer.path("score").asDouble()).isBetween(0.5, 1.0);
    assertThat(answer.path("reported").asBoolean()).isFalse();
    assertThat(answer.path("text").asText())
        .contains("Most enterprises start with Bedrock to prove value quickly")
        .contains("Think of Bedrock like Amazon RDS for AI models.");
    assertThat(answer.path("parts").get(0).path("role").asText()).isEqualTo("companion");
    assertThat(answer.path("parts").get(0).path("intent").asText()).isEqualTo("analogy");
    assertThat(answer.path("ref").asText()).isEqualTo("need-both");
    assertThat(answer.path("followUps").findValuesAsText("id"))
        .containsExactly("not-competing", "executive-summary");
    assertThat(answer.path("slack").path("blocks").isArray()).isTrue();
    assertThat(answer.path("slack").toString())
        .contains(
            "Most enterprises start with Bedrock to prove value quickly",
            "Think of Bedrock like Amazon RDS for AI models.",
            "post_in_channel");
    assertThat(answer.path("teams").path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(answer.path("teams").toString())
        .contains(
            "Most enterprises start with Bedrock to prove value quickly",
            "Think of Bedrock like Amazon RDS for AI models.");
  }

  @Test
  void ask_outOfScope_isReportedAsPlatformWeb() throws Exception {
    JsonNode answer =
        JSON.readTree(
            post("/playground/ask", "{\"question\":\"what is the weather in Paris?\"}").body());

    assertThat(answer.path("kind").asText()).isEqualTo("none");
    assertThat(answer.path("reported").asBoolean()).isTrue();
    assertThat(service.report().snapshot("test", 10).unanswered())
        .extracting(UnansweredReport.Row::question)
        .contains("what is the weather in paris");
    assertThat(Fixtures.lines(service.scrape()))
        .anyMatch(
            l -> l.startsWith("genai_pitch_questions_total{outcome=\"none\",platform=\"web\"} "));
  }

  @Test
  void ask_lowScore_saysTheQuestionGoesToTheReport() throws Exception {
    JsonNode answer =
        JSON.readTree(post("/playground/ask", "{\"question\":\"" + Fixtures.VAGUE + "\"}").body());

    assertThat(answer.path("kind").asText()).isEqualTo("section");
    assertThat(answer.path("score").asDouble()).isLessThan(0.5);
    assertThat(answer.path("reported").asBoolean()).isTrue();
  }

  @Test
  void ask_userTextWithMarkup_isEscapedInTheRenderings() throws Exception {
    JsonNode answer =
        JSON.readTree(
            post(
                    "/playground/ask",
                    "{\"question\":\"<script>alert(1)</script> <!channel> do we need both?\"}")
                .body());

    // The page shows what the adapters send; Slack's mrkdwn escaping is theirs, the page's text
    // nodes are the browser test's.
    assertThat(answer.path("question").asText()).startsWith("<script>");
    assertThat(
            answer
                .path("slack")
                .path("blocks")
                .get(0)
                .path("elements")
                .get(0)
                .path("text")
                .asText())
        .isEqualTo(
            "You asked: “&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; do we need both?”");
  }

  @Test
  void open_aSectionId_answersThatSection() throws Exception {
    JsonNode answer = JSON.readTree(get("/playground/open?id=executive-summary").body());

    assertThat(answer.path("intent").asText()).isEqualTo("executive-summary");
    assertThat(answer.path("question").asText()).isEmpty();
    assertThat(answer.path("text").asText())
        .contains("Bedrock helps you move fast, SageMaker helps you go deep");
  }

  @Test
  void open_help_isTheTopicMenu() throws Exception {
    JsonNode answer = JSON.readTree(get("/playground/open?id=help").body());

    assertThat(answer.path("kind").asText()).isEqualTo("help");
    assertThat(answer.path("menu").findValuesAsText("id"))
        .hasSize(10)
        .contains("need-both", "executive-summary");
  }

  @Test
  void open_anUnknownId_isTheTopicMenu() throws Exception {
    assertThat(
            JSON.readTree(get("/playground/open?id=gone-since-the-page-loaded").body())
                .path("kind")
                .asText())
        .isEqualTo("help");
  }

  @Test
  void ask_followUpInTheSameSession_isReadAfterTheAnswerBefore() throws Exception {
    post("/playground/ask", "{\"question\":\"when to use bedrock\",\"conversation\":\"tab-0001\"}");

    JsonNode followUp =
        JSON.readTree(
            post(
                    "/playground/ask",
                    "{\"question\":\"and sagemaker?\",\"conversation\":\"tab-0001\"}")
                .body());
    JsonNode alone =
        JSON.readTree(
            post(
                    "/playground/ask",
                    "{\"question\":\"and sagemaker?\",\"conversation\":\"tab-0002\"}")
                .body());
    JsonNode noSession =
        JSON.readTree(post("/playground/ask", "{\"question\":\"and sagemaker?\"}").body());

    assertThat(followUp.path("intent").asText()).isEqualTo("when-sagemaker");
    assertThat(alone.path("intent").asText()).isEqualTo("none");
    assertThat(noSession.path("intent").asText()).isEqualTo("none");
  }

  @Test
  void open_inASession_isTheContextOfTheNextQuestion() throws Exception {
    get("/playground/open?id=when-bedrock&conversation=tab-0003");

    JsonNode followUp =
        JSON.readTree(
            post("/playground/ask", "{\"question\":\"shorter\",\"conversation\":\"tab-0003\"}")
                .body());

    // "shorter" stays on the section shown: its short form alone, the whole of it a click away.
    assertThat(followUp.path("intent").asText()).isEqualTo("when-bedrock");
    assertThat(followUp.path("brief").asBoolean()).isTrue();
    assertThat(followUp.path("text").asText())
        .contains("Bedrock is ideal when GenAI is a feature, not the core research problem.")
        .doesNotContain("Typical Bedrock Use Cases");
    assertThat(followUp.path("followUps").findValuesAsText("id"))
        .containsExactly("when-bedrock", "executive-summary");
    assertThat(followUp.path("ref").asText()).isEqualTo("when-bedrock!brief");
  }

  @Test
  void aShortForm_isShownWithItsButtons_andTheWholeSectionOpensFromIt() throws Exception {
    get("/playground/open?id=when-sagemaker&conversation=tab-0004");
    JsonNode brief =
        JSON.readTree(
            post("/playground/ask", "{\"question\":\"tl;dr\",\"conversation\":\"tab-0004\"}")
                .body());

    String slack = brief.path("slack").toString();
    assertThat(slack)
        .contains("Post in channel", "when-sagemaker!brief", "The whole section", "In brief");
    assertThat(brief.path("teams").toString()).contains("The whole section");

    JsonNode shared = JSON.readTree(get("/playground/open?id=when-sagemaker!brief").body());
    assertThat(shared.path("text").asText()).isEqualTo(brief.path("text").asText());
    JsonNode whole =
        JSON.readTree(get("/playground/open?id=when-sagemaker&conversation=tab-0004").body());
    assertThat(whole.path("brief").asBoolean()).isFalse();
    assertThat(whole.path("text").asText())
        .contains("Typical SageMaker Use Cases", "not just consume them");
  }

  @Test
  void aSessionKeyThatIsNotOne_is400WithTheRule() throws Exception {
    String rule = "\"conversation\" must be 8 to 64 letters, digits, '-' or '_'";
    assertError(
        post("/playground/ask", "{\"question\":\"shorter\",\"conversation\":42}"), 400, rule);
    assertError(
        post("/playground/ask", "{\"question\":\"shorter\",\"conversation\":\"short\"}"),
        400,
        rule);
    assertError(
        post(
            "/playground/ask",
            "{\"question\":\"shorter\",\"conversation\":\"" + "a".repeat(65) + "\"}"),
        400,
        rule);
    assertError(get("/playground/open?id=analogy&conversation=a%20b%20c%20d%20e"), 400, rule);
  }

  @Test
  void feedback_isRecordedForPlatformWeb() throws Exception {
    HttpResponse<String> response =
        post("/playground/feedback", "{\"intent\":\"analogy\",\"helpful\":true}");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(Fixtures.lines(service.scrape()))
        .contains(
            "genai_pitch_feedback_total{helpful=\"true\",platform=\"web\",section=\"analogy\"}"
                + " 1.0");
  }

  @Test
  void badRequests_get4xxWithAReason() throws Exception {
    assertError(post("/playground/ask", "do we need both?"), 400, "the body is not valid JSON");
    assertError(
        post("/playground/ask", "[\"do we need both?\"]"), 400, "the body must be a JSON object");
    assertError(post("/playground/ask", "{}"), 400, "missing field \"question\"");
    assertError(post("/playground/ask", "{\"question\":42}"), 400, "\"question\" must be a string");
    assertError(post("/playground/ask", "{\"question\":\"   \"}"), 400, "\"question\" is empty");
    assertError(
        post("/playground/ask", "{\"question\":\"" + "a".repeat(1001) + "\"}"),
        400,
        "\"question\" is longer than 1000 characters");
    assertError(
        post("/playground/ask", "{\"question\":\"" + "a".repeat(20_000) + "\"}"),
        413,
        "the body is larger than 16384 bytes");
    assertError(
        send(
            request("/playground/ask")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))),
        415,
        "send JSON with Content-Type: application/json");
    assertError(
        send(
            request("/playground/ask")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {'{', '"', 'q', '"', ':', '"', (byte) 0xff, '"', '}'}))),
        400,
        "the body is not UTF-8");
    assertError(get("/playground/ask"), 405, "use POST");
    assertError(
        get("/playground/open"),
        400,
        "missing query parameter \"id\" (a section id, or help for the topic menu)");
    assertError(
        post("/playground/feedback", "{\"intent\":\"analogy\"}"),
        400,
        "\"helpful\" must be true or false");
    assertError(get("/playground/nothing-here"), 404, "Not Found");
    assertError(post("/", "{}"), 405, "Method Not Allowed");
  }

  @Test
  void aBodyOverTheServerLimit_is413BeforeThePlaygroundReadsIt() throws Exception {
    // The head announces 2 MiB; the server answers before any of it is sent.
    try (RawHttp http = RawHttp.connect(service.port())) {
      RawHttp.Reply reply = http.startPost("/playground/ask", 2 * 1024 * 1024, "").read();

      assertThat(reply.status()).isEqualTo(413);
      assertThat(reply.body()).contains("the body is larger than 1048576 bytes");
    }
  }

  @Test
  void requestMetrics_labelTheRootRouteSlash() throws Exception {
    get("/");
    get("/no-such-page");
    String root =
        "http_server_requests_seconds_count{method=\"GET\",port=\"public\",route=\"/\",status=\"200\"}";
    String unmatched =
        "http_server_requests_seconds_count{method=\"GET\",port=\"public\",route=\"unmatched\",status=\"404\"}";
    Fixtures.awaitMetrics(service::scrape, root, unmatched);

    assertThat(Fixtures.lines(service.scrape()))
        .anyMatch(l -> l.startsWith(root))
        .anyMatch(l -> l.startsWith(unmatched));
  }

  private static void assertError(HttpResponse<String> response, int status, String message)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("status").asInt()).isEqualTo(status);
    assertThat(error.path("message").asText()).isEqualTo(message);
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
