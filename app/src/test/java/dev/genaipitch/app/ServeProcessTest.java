package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.app.cli.Main;
import dev.genaipitch.app.cli.ServeCommand;
import dev.genaipitch.testing.RawHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real application in a child process: SIGTERM during a request, JSON logs, and start-up
 * refusals, with the exit codes an orchestrator sees.
 */
final class ServeProcessTest {

  private static final String SECRET = "xoxb-never-print-this";

  @Test
  void sigterm_duringARequest_stopsAcceptingLetsItFinishAndExitsZero() throws Exception {
    try (ChildServer child =
        ChildServer.start(
            TestServeMain.class,
            Map.of("PORT", "0", "ADMIN_PORT", "0", "SHUTDOWN_TIMEOUT", "30s"))) {
      int port = child.port();

      try (RawHttp http = RawHttp.connect(port)) {
        http.startPost("/test/hold", 5, "hello");
        child.awaitLine(l -> l.equals(TestServeMain.HOLD_STARTED));

        child.sigterm();
        child.awaitLine(
            l -> l.contains("stopping: no new connections, finishing in-flight requests"));
        assertThat(RawHttp.awaitRefused(port, Duration.ofSeconds(30)))
            .as("new connections refused")
            .isTrue();
        assertThat(child.process().isAlive()).as("still finishing the request").isTrue();

        child.tell("release");
        RawHttp.Reply reply = http.read();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("held 5 bytes");
      }
      List<String> output = child.awaitExit();
      assertThat(child.exitCode()).contains(0);
      assertThat(output).anyMatch(l -> l.endsWith("ServeCommand - stopped"));
      assertThat(output)
          .as("start-up names the playground's address")
          .anyMatch(l -> l.contains("ServeCommand - Playground: http://localhost:" + port + "/ "));
    }
  }

  @Test
  void askedToCollectBeforeListening_runsOneFullCollectionAndThenListens() throws Exception {
    try (ChildServer child =
        ChildServer.start(
            List.of("-D" + ServeCommand.COLLECT_BEFORE_LISTENING + "=true", "-Xlog:gc:stdout"),
            TestServeMain.class,
            Map.of("PORT", "0", "ADMIN_PORT", "0"))) {
      String first = child.awaitLine(l -> l.contains("(System.gc())") || l.contains("listening"));
      assertThat(first).as("the first of the two").contains("Pause Full (System.gc())");
      int port = child.port();

      assertThat(ask(port, "how much does lambda cost")).isEqualTo("none");
    }
  }

  @Test
  void notAskedToCollect_listensWithoutAFullCollection() throws Exception {
    try (ChildServer child =
        ChildServer.start(
            List.of("-Xlog:gc:stdout"),
            TestServeMain.class,
            Map.of("PORT", "0", "ADMIN_PORT", "0"))) {
      String first = child.awaitLine(l -> l.contains("(System.gc())") || l.contains("listening"));
      assertThat(first).contains("genai-pitch listening on");
    }
  }

  @Test
  void jsonLogFormat_writesEveryLogLineAsOneJsonObject() throws Exception {
    try (ChildServer child =
        ChildServer.start(
            TestServeMain.class, Map.of("PORT", "0", "ADMIN_PORT", "0", "LOG_FORMAT", "json"))) {
      int port = child.port();
      HttpClient client = HttpClient.newHttpClient();
      String question = URLEncoder.encode("how much does lambda cost", StandardCharsets.UTF_8);
      HttpResponse<String> asked =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/test/ask?q=" + question))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(asked.body()).isEqualTo("none");
      child.awaitLine(l -> l.contains("\"answered\""));

      child.sigterm();
      List<String> output = child.awaitExit();

      assertThat(child.exitCode()).contains(0);
      ObjectMapper json = new ObjectMapper();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : output) {
        lines.add(json.readTree(line));
      }
      assertThat(lines).allMatch(JsonNode::isObject);
      JsonNode answered =
          lines.stream()
              .filter(l -> l.path("formattedMessage").asText().equals("answered"))
              .findFirst()
              .orElseThrow();
      assertThat(answered.get("kvpList").toString())
          .contains(
              "{\"platform\":\"test\"}",
              "{\"outcome\":\"none\"}",
              "{\"section\":\"none\"}",
              "\"latency_ms\"")
          .doesNotContain("lambda");
      assertThat(lines)
          .anyMatch(
              l -> l.path("formattedMessage").asText().startsWith("genai-pitch listening on"));
    }
  }

  @Test
  void portInUse_exitsOneSayingWhy() throws Exception {
    try (java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ChildServer child =
            ChildServer.start(
                Main.class,
                Map.of("PORT", "0", "ADMIN_PORT", Integer.toString(taken.getLocalPort())),
                "serve")) {
      List<String> output = child.awaitExit();

      assertThat(child.exitCode()).contains(ServeCommand.CANNOT_START);
      assertThat(output)
          .anyMatch(
              l ->
                  l.startsWith(
                          "genai-pitch: cannot start the server (PORT=0, ADMIN_PORT="
                              + taken.getLocalPort()
                              + "): ")
                      && l.contains("Address already in use"));
    }
  }

  @Test
  void invalidConfiguration_exitsTwoListingEveryProblemWithoutSecrets() throws Exception {
    try (ChildServer child =
        ChildServer.start(
            Main.class,
            Map.of("PORT", "eighty", "READ_TIMEOUT", "0", "SLACK_BOT_TOKEN", SECRET),
            "serve")) {
      List<String> output = child.awaitExit();

      assertThat(child.exitCode()).contains(Main.BAD_CONFIG);
      assertThat(output)
          .containsExactly(
              "genai-pitch: invalid configuration (3 problems):",
              "  PORT='eighty' is not a whole number",
              "  SLACK_SIGNING_SECRET is missing: Slack needs SLACK_BOT_TOKEN with"
                  + " SLACK_SIGNING_SECRET (Request URL) or with SLACK_APP_TOKEN (Socket Mode)",
              "  READ_TIMEOUT='0' must be longer than zero");
      assertThat(String.join("\n", output)).doesNotContain(SECRET);
    }
  }

  private static String ask(int port, String question) throws Exception {
    String q = URLEncoder.encode(question, StandardCharsets.UTF_8);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/ask?q=" + q))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
