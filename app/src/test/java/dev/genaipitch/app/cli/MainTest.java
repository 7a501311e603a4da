package dev.genaipitch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.app.Fixtures;
import dev.genaipitch.app.report.ReportJson;
import dev.genaipitch.config.Setting;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, with a test's environment. */
final class MainTest {

  private static final String SIGNING_SECRET = "signing-secret-value";
  private static final String BOT_TOKEN = "xoxb-bot-token-value";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void config_printsEveryEffectiveValueWithSecretsMasked() {
    int code =
        run(
            Map.of(
                "SLACK_SIGNING_SECRET",
                SIGNING_SECRET,
                "SLACK_BOT_TOKEN",
                BOT_TOKEN,
                "PORT",
                "8080"),
            "config");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith(
            "# genai-pitch configuration; secrets are masked\n"
                + "# file: none (GENAI_PITCH_CONFIG is not set)\n")
        .contains("PORT=8080                                        # environment\n")
        .contains("ADMIN_PORT=3001                                  # default\n")
        .contains("SLACK_SIGNING_SECRET=********                    # environment\n")
        .contains("SLACK_BOT_TOKEN=********                         # environment\n")
        .doesNotContain(SIGNING_SECRET)
        .doesNotContain(BOT_TOKEN);
    assertThat(Fixtures.lines(out.toString())).hasSize(2 + Setting.values().length);
  }

  @Test
  void config_fromAFile_namesTheFileAndTheSource() throws IOException {
    Path file = dir.resolve("genai-pitch.properties");
    Files.writeString(file, "LOG_FORMAT=json\n", StandardCharsets.UTF_8);

    int code = run(Map.of("GENAI_PITCH_CONFIG", file.toString()), "config");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("# file: " + file + "\n")
        .contains("LOG_FORMAT=json                                  # file\n");
  }

  @Test
  void config_invalid_exitsTwoListingEveryProblemInOneMessage() {
    int code =
        run(
            Map.of(
                "PORT",
                "http",
                "MAX_THREADS",
                "2",
                "SLACK_SIGNING_SECRET",
                SIGNING_SECRET,
                "LOG_FORMAT",
                "xml"),
            "config");

    assertThat(code).isEqualTo(Main.BAD_CONFIG);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "genai-pitch: invalid configuration (4 problems):\n"
                + "  PORT='http' is not a whole number\n"
                + "  SLACK_BOT_TOKEN is missing: Slack needs both SLACK_SIGNING_SECRET and"
                + " SLACK_BOT_TOKEN\n"
                + "  MAX_THREADS='2' is out of range (8 to 10000)\n"
                + "  LOG_FORMAT='xml' must be one of text, json\n")
        .doesNotContain(SIGNING_SECRET);
  }

  @Test
  void config_markdown_printsTheSettingsTable() {
    int code = run(Map.of(), "config", "--markdown");

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo(Setting.markdownTable());
  }

  @Test
  void serve_invalidConfiguration_exitsTwoWithoutListening() {
    int code = run(Map.of("PORT", "0", "ADMIN_PORT", "0", "IDLE_TIMEOUT", "forever"), "serve");

    assertThat(code).isEqualTo(Main.BAD_CONFIG);
    assertThat(err.toString()).contains("IDLE_TIMEOUT='forever' is not a duration");
  }

  @Test
  void noCommand_invalidConfiguration_exitsTwoAsServeDoes() {
    int code = run(Map.of("PORT", "0", "ADMIN_PORT", "0", "IDLE_TIMEOUT", "forever"));

    assertThat(code).isEqualTo(Main.BAD_CONFIG);
    assertThat(err.toString()).contains("IDLE_TIMEOUT='forever' is not a duration");
  }

  @Test
  void serve_brokenContent_exitsThreeNamingFileAndLine() throws IOException {
    Fixtures.guideIn(dir);
    Fixtures.replaceLine(
        dir.resolve("07-need-both.md"), "  - not-competing\n", "  - no-such-section\n");

    int code = run(Map.of("PORT", "0", "ADMIN_PORT", "0", "GUIDE_DIR", dir.toString()), "serve");

    assertThat(code).isEqualTo(Main.BAD_CONTENT);
    assertThat(err.toString())
        .contains("07-need-both.md:6: follow-up 'no-such-section' is not a known section id");
  }

  @Test
  void report_fromAFile_listsTheMostFrequentQuestionsAndFeedback() throws IOException {
    Path file = dir.resolve("report.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"type\":\"unanswered\",\"time\":\"2025-05-01T09:00:00Z\",\"platform\":\"slack\",\"question\":\"What"
                + " does Lambda cost?\",\"answer\":\"none\",\"score\":0.9}",
            "{\"type\":\"unanswered\",\"time\":\"2025-05-01T10:30:00Z\",\"platform\":\"teams\",\"question\":\"what"
                + " does lambda cost\",\"answer\":\"none\",\"score\":0.8}",
            "{\"type\":\"unanswered\",\"time\":\"2025-05-01T10:00:00Z\",\"platform\":\"slack\","
                + "\"question\":\"bedrock\","
                + "\"answer\":\"when-bedrock\",\"score\":0.32}",
            "{\"type\":\"feedback\",\"time\":\"2025-05-01T10:01:00Z\",\"platform\":\"slack\","
                + "\"section\":\"need-both\",\"helpful\":true}",
            ""),
        StandardCharsets.UTF_8);

    int code = run(Map.of("REPORT_FILE", file.toString()), "report", "--file");

    assertThat(code).isZero();
    assertThat(Fixtures.lines(out.toString()))
        .containsExactly(
            "Unanswered questions: answered `none` or scoring below 0.50, most asked first",
            "From " + file + " (since 2025-05-01 09:00 UTC)",
            "3 asked, 2 distinct",
            "",
            "  count  last seen (UTC)   last answer           question",
            "      2  2025-05-01 10:30  none                  what does lambda cost",
            "      1  2025-05-01 10:00  when-bedrock 0.32     bedrock",
            "",
            "Helpful? feedback per section",
            "  section                   yes 👍   no 👎",
            "  need-both                      1       0");
  }

  @Test
  void report_json_printsTheReportAsJson() throws IOException {
    Path file = dir.resolve("report.jsonl");
    Files.writeString(
        file,
        "{\"type\":\"unanswered\",\"time\":\"2025-05-01T09:00:00Z\",\"platform\":\"slack\","
            + "\"question\":\"lambda\",\"answer\":\"none\",\"score\":0.9}\n",
        StandardCharsets.UTF_8);

    int code = run(Map.of(), "report", "--file", file.toString(), "--json");

    assertThat(code).isZero();
    assertThat(ReportJson.read(out.toString()).unanswered()).hasSize(1);
  }

  @Test
  void report_noServerRunning_readsTheReportFile() throws IOException {
    Path file = dir.resolve("report.jsonl");
    Files.writeString(
        file,
        "{\"type\":\"unanswered\",\"time\":\"2025-05-01T09:00:00Z\",\"platform\":\"slack\","
            + "\"question\":\"lambda\",\"answer\":\"none\",\"score\":0.9}\n",
        StandardCharsets.UTF_8);

    int code =
        run(
            Map.of("ADMIN_PORT", Integer.toString(freePort()), "REPORT_FILE", file.toString()),
            "report");

    assertThat(code).isZero();
    assertThat(err.toString())
        .contains("no server answered on 127.0.0.1:")
        .contains("reading REPORT_FILE " + file);
    assertThat(out.toString()).contains("      1  2025-05-01 09:00  none                  lambda");
  }

  @Test
  void report_noServerAndNoFile_exitsOneExplaining() throws IOException {
    int port = freePort();

    int code = run(Map.of("ADMIN_PORT", Integer.toString(port)), "report");

    assertThat(code).isEqualTo(ReportCommand.NO_SOURCE);
    assertThat(err.toString())
        .contains("no server answered on 127.0.0.1:" + port)
        .contains("REPORT_FILE is not set");
  }

  @Test
  void validate_brokenDirectory_exitsThreeNamingFileAndLine() throws IOException {
    Fixtures.guideIn(dir);
    Fixtures.replaceLine(
        dir.resolve("07-need-both.md"), "  - not-competing\n", "  - no-such-section\n");

    int code = run(Map.of("GUIDE_DIR", dir.toString()), "validate");

    assertThat(code).isEqualTo(Main.BAD_CONTENT);
    assertThat(err.toString()).contains("07-need-both.md:6:");
  }

  private int run(Map<String, String> env, String... args) {
    return Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  /** A port nothing listens on (it was free a moment ago). */
  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
