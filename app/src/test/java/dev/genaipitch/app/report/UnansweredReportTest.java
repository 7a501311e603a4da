package dev.genaipitch.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.app.Fixtures;
import dev.genaipitch.core.Answer;
import dev.genaipitch.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class UnansweredReportTest {

  private static final Answer NONE = Fixtures.answer(Answer.Kind.NONE, "none", 0.9);
  private static final Answer WEAK = Fixtures.answer(Answer.Kind.SECTION, "when-bedrock", 0.32);
  private static final Answer STRONG = Fixtures.answer(Answer.Kind.SECTION, "need-both", 0.99);
  private static final Answer MENU = Fixtures.answer(Answer.Kind.HELP, "help", 0.2);

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2025-05-01T09:00:00Z");

  @Test
  void answered_noneOrBelowLowScore_isCounted() {
    UnansweredReport report = report(10, Optional.empty());

    report.answered(Fixtures.asked("slack", "what does lambda cost", NONE));
    report.answered(Fixtures.asked("teams", "bedrock", WEAK));
    report.answered(Fixtures.asked("slack", "do we need both?", STRONG));
    report.answered(Fixtures.asked("slack", "help", MENU));

    UnansweredReport.Snapshot s = report.snapshot("server", 10);
    assertThat(s.unanswered())
        .extracting(UnansweredReport.Row::question, UnansweredReport.Row::lastAnswer)
        .containsExactlyInAnyOrder(
            tuple("what does lambda cost", "none"), tuple("bedrock", "when-bedrock"));
    assertThat(s.questions()).isEqualTo(2);
  }

  @Test
  void answered_sameQuestionWrittenDifferently_countsAsOne() {
    UnansweredReport report = report(10, Optional.empty());

    report.answered(Fixtures.asked("slack", "What's Lambda's price?!", NONE));
    clock.advance(Duration.ofMinutes(3));
    report.answered(Fixtures.asked("teams", "  whats   lambdas PRICE ", NONE));

    assertThat(report.snapshot("server", 10).unanswered())
        .containsExactly(
            new UnansweredReport.Row(
                "whats lambdas price",
                2,
                clock.instant().minus(Duration.ofMinutes(3)),
                clock.instant(),
                "none",
                0.9));
  }

  @Test
  void snapshot_listsTheMostAskedFirstThenTheMostRecent() {
    UnansweredReport report = report(10, Optional.empty());
    ask(report, "a", 1);
    ask(report, "b", 3);
    ask(report, "c", 2);
    ask(report, "d", 2);

    assertThat(report.snapshot("server", 3).unanswered())
        .extracting(UnansweredReport.Row::question)
        .containsExactly("b", "d", "c");
  }

  @Test
  void record_atCapacity_dropsTheRarestAndOldest() {
    UnansweredReport report = report(2, Optional.empty());
    ask(report, "frequent", 3);
    ask(report, "old", 1);
    ask(report, "new", 1);

    UnansweredReport.Snapshot s = report.snapshot("server", 10);
    assertThat(s.unanswered())
        .extracting(UnansweredReport.Row::question)
        .containsExactly("frequent", "new");
    assertThat(s.dropped()).isEqualTo(1);
    assertThat(s.distinct()).isEqualTo(2);
    assertThat(s.questions()).isEqualTo(5);
  }

  @Test
  void answered_onlyPunctuation_isNotCounted() {
    UnansweredReport report = report(10, Optional.empty());

    report.answered(Fixtures.asked("slack", "?!", NONE));

    assertThat(report.snapshot("server", 10).questions()).isZero();
  }

  @Test
  void feedback_isCountedPerSection() {
    UnansweredReport report = report(10, Optional.empty());

    report.feedback("slack", "need-both", true);
    report.feedback("teams", "need-both", true);
    report.feedback("teams", "need-both", false);
    report.feedback("slack", "analogy", false);

    assertThat(report.snapshot("server", 10).feedback())
        .containsExactly(
            new UnansweredReport.Feedback("analogy", 0, 1),
            new UnansweredReport.Feedback("need-both", 2, 1));
  }

  @Test
  void normalize_keepsLettersAndDigitsInLowerCase() {
    assertThat(UnansweredReport.normalize("What’s  the PRICE of SageMaker-2?\n"))
        .isEqualTo("whats the price of sagemaker 2");
    assertThat(UnansweredReport.normalize("Ｂｅｄｒｏｃｋ")).isEqualTo("bedrock");
    assertThat(UnansweredReport.normalize("x".repeat(500))).hasSize(200);
    assertThat(UnansweredReport.normalize(null)).isEmpty();
  }

  @Test
  void file_getsOneJsonLinePerUnansweredQuestionAndClick() throws IOException {
    Path file = dir.resolve("report.jsonl");
    UnansweredReport report = report(10, Optional.of(new ReportFile(file, Runnable::run)));

    report.answered(Fixtures.asked("slack", "what does \"lambda\"\ncost", NONE));
    report.answered(Fixtures.asked("slack", "do we need both?", STRONG));
    report.feedback("teams", "need-both", false);

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("type").asText()).isEqualTo("unanswered");
    assertThat(first.get("time").asText()).isEqualTo("2025-05-01T09:00:00Z");
    assertThat(first.get("platform").asText()).isEqualTo("slack");
    assertThat(first.get("question").asText()).isEqualTo("what does \"lambda\"\ncost");
    assertThat(first.get("answer").asText()).isEqualTo("none");
    assertThat(lines.get(1))
        .isEqualTo(
            "{\"type\":\"feedback\",\"time\":\"2025-05-01T09:00:00Z\",\"platform\":\"teams\","
                + "\"section\":\"need-both\",\"helpful\":false}");
  }

  @Test
  void read_fileWrittenByTheServer_rebuildsTheReport() throws IOException {
    Path file = dir.resolve("report.jsonl");
    UnansweredReport written = report(10, Optional.of(new ReportFile(file, Runnable::run)));
    written.answered(Fixtures.asked("slack", "lambda cost", NONE));
    clock.advance(Duration.ofHours(1));
    written.answered(Fixtures.asked("teams", "Lambda cost?", NONE));
    written.answered(Fixtures.asked("teams", "bedrock", WEAK));
    written.feedback("slack", "need-both", true);
    Files.writeString(
        file,
        "not json\n{\"type\":\"mystery\"}\n\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    UnansweredReport read = new UnansweredReport(100, 0.5, clock, Optional.empty());
    ReportFile.ReadResult result = ReportFile.read(file, read);

    assertThat(result).isEqualTo(new ReportFile.ReadResult(4, 2));
    UnansweredReport.Snapshot s = read.snapshot(file.toString(), 10);
    assertThat(s.unanswered())
        .extracting(UnansweredReport.Row::question, UnansweredReport.Row::count)
        .containsExactly(tuple("lambda cost", 2L), tuple("bedrock", 1L));
    assertThat(s.since()).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
    assertThat(s.feedback()).containsExactly(new UnansweredReport.Feedback("need-both", 1, 0));
  }

  @Test
  void file_unwritable_dropsRecordsWithoutFailingTheAsker() {
    Path file = dir.resolve("missing-dir").resolve("report.jsonl");
    ReportFile reportFile = new ReportFile(file, Runnable::run);
    UnansweredReport report = report(10, Optional.of(reportFile));

    report.answered(Fixtures.asked("slack", "lambda cost", NONE));

    assertThat(reportFile.dropped()).isEqualTo(1);
    assertThat(report.snapshot("server", 10).questions()).isEqualTo(1);
  }

  @Test
  void json_roundTrips() {
    UnansweredReport report = report(10, Optional.empty());
    ask(report, "lambda cost", 2);
    report.feedback("slack", "need-both", true);
    UnansweredReport.Snapshot s = report.snapshot("server", 10);

    assertThat(ReportJson.read(ReportJson.write(s))).isEqualTo(s);
  }

  private UnansweredReport report(int capacity, Optional<ReportFile> file) {
    return new UnansweredReport(capacity, 0.5, clock, file);
  }

  private void ask(UnansweredReport report, String question, int times) {
    for (int i = 0; i < times; i++) {
      clock.advance(Duration.ofSeconds(1));
      report.answered(Fixtures.asked("slack", question, NONE));
    }
  }
}
