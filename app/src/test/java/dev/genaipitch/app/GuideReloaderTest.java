package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentProblem;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.testing.LogCapture;
import dev.genaipitch.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GuideReloaderTest {

  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final String OLD_WORDS = "Customers often ask:";
  private static final String NEW_WORDS = "Customers ask this every week:";

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2025-05-01T09:00:00Z");
  private final List<String> outcomes = new ArrayList<>();
  private PitchBot bot;
  private GuideReloader reloader;
  private Path needBoth;

  @BeforeEach
  void setUp() throws Exception {
    Fixtures.guideIn(dir);
    needBoth = dir.resolve("07-need-both.md");
    String initial = ContentLoad.fingerprint(dir);
    bot = PitchBot.create(GuideLoader.load(dir));
    reloader =
        new GuideReloader(
            dir,
            initial,
            clock,
            QUIET,
            bot::replaceGuide,
            new GuideReloader.Outcomes() {
              @Override
              public void applied(Guide guide) {
                outcomes.add("applied");
              }

              @Override
              public void rejected(List<ContentProblem> problems) {
                outcomes.add("rejected " + problems);
              }
            });
  }

  @Test
  void poll_nothingChanged_isUnchanged() {
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.UNCHANGED);
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.UNCHANGED);
    assertThat(outcomes).isEmpty();
  }

  @Test
  void poll_changeThatSettled_servesTheNewContent() throws IOException {
    Fixtures.replaceLine(needBoth, OLD_WORDS, NEW_WORDS);

    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.WAITING);
    assertThat(answerText()).contains(OLD_WORDS);
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.APPLIED);

    assertThat(answerText()).contains(NEW_WORDS).doesNotContain(OLD_WORDS);
    assertThat(outcomes).containsExactly("applied");
    assertThat(reloader.stale()).isFalse();
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.UNCHANGED);
  }

  @Test
  void poll_filesStillChanging_waitsForThemToSettle() throws IOException {
    Fixtures.replaceLine(needBoth, OLD_WORDS, "Customers ask");
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.WAITING);
    clock.advance(QUIET);
    Fixtures.replaceLine(needBoth, "Customers ask", NEW_WORDS);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.WAITING);
    clock.advance(QUIET.minusMillis(1));
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.WAITING);
    assertThat(answerText()).contains(OLD_WORDS);

    clock.advance(Duration.ofMillis(1));
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.APPLIED);
    assertThat(answerText()).contains(NEW_WORDS);
  }

  @Test
  void poll_brokenContent_keepsServingTheOldContentAndLogsFileAndLine() throws IOException {
    Fixtures.replaceLine(needBoth, OLD_WORDS, NEW_WORDS);
    Fixtures.replaceLine(needBoth, "  - not-competing\n", "  - no-such-section\n");

    try (LogCapture log = LogCapture.of(GuideReloader.class)) {
      reloader.poll();
      clock.advance(QUIET);
      assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.REJECTED);

      ILoggingEvent error = log.events().get(0);
      assertThat(error.getLevel()).isEqualTo(Level.ERROR);
      assertThat(error.getFormattedMessage())
          .startsWith("guide reload rejected, still serving the previous content: ")
          .contains("07-need-both.md:6: follow-up 'no-such-section' is not a known section id")
          .doesNotContain("\n");
    }
    assertThat(answerText()).contains(OLD_WORDS).doesNotContain(NEW_WORDS);
    assertThat(bot.guide().section("need-both").orElseThrow().followUps())
        .contains("not-competing");
    assertThat(reloader.stale()).isTrue();
    assertThat(outcomes).hasSize(1).allMatch(o -> o.startsWith("rejected"));
  }

  @Test
  void poll_brokenContentLeftAsItIs_isRejectedOnce() throws IOException {
    Fixtures.replaceLine(needBoth, "  - not-competing\n", "  - no-such-section\n");
    reloader.poll();
    clock.advance(QUIET);
    reloader.poll();

    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.UNCHANGED);
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.UNCHANGED);
    assertThat(outcomes).hasSize(1);
  }

  @Test
  void poll_brokenThenFixed_servesTheFix() throws IOException {
    Fixtures.replaceLine(needBoth, "  - not-competing\n", "  - no-such-section\n");
    reloader.poll();
    clock.advance(QUIET);
    reloader.poll();

    Fixtures.replaceLine(needBoth, "  - no-such-section\n", "  - not-competing\n");
    Fixtures.replaceLine(needBoth, OLD_WORDS, NEW_WORDS);
    reloader.poll();
    clock.advance(QUIET);

    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.APPLIED);
    assertThat(answerText()).contains(NEW_WORDS);
    assertThat(reloader.stale()).isFalse();
  }

  @Test
  void poll_directoryRemoved_keepsServingTheOldContent() throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }

    reloader.poll();
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.REJECTED);
    assertThat(answerText()).contains(OLD_WORDS);
  }

  @Test
  void poll_practiceFileChanged_servesTheNewPracticeContent() throws IOException {
    Path practice = dir.resolve("practice").resolve("need-both.md");
    Fixtures.replaceLine(
        practice,
        "prompt: Do we really need both of these?",
        "prompt: Do we have to run two platforms?");

    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.WAITING);
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.APPLIED);
    assertThat(bot.guide().practice().set("need-both").orElseThrow().prompts())
        .startsWith("Do we have to run two platforms?");
  }

  @Test
  void poll_brokenPracticeFile_keepsServingTheOldContentAndNamesFileAndLine() throws IOException {
    Path practice = dir.resolve("practice").resolve("need-both.md");
    Fixtures.replaceLine(practice, "section: need-both", "section: needs-both");

    reloader.poll();
    clock.advance(QUIET);

    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.REJECTED);
    assertThat(outcomes.get(0))
        .contains("practice/need-both.md:3: section 'needs-both' is not a known section id");
    assertThat(bot.guide().practice().set("need-both")).isPresent();
  }

  @Test
  void poll_exampleAdded_teachesTheMatcherTheNewQuestion() throws IOException {
    String question = "zebra crossing protocol";
    assertThat(bot.ask(question, "test").intent()).isEqualTo("none");
    Path examples = dir.resolve("examples/analogy.txt");
    Files.writeString(
        examples,
        Files.readString(examples, StandardCharsets.UTF_8)
            + "\nwhat is the zebra crossing protocol\nzebra crossing protocol line\n"
            + "the zebra crossing protocol analogy\n",
        StandardCharsets.UTF_8);

    reloader.poll();
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.APPLIED);

    assertThat(bot.ask(question, "test").intent()).isEqualTo("analogy");
  }

  @Test
  void poll_exampleTaughtTwice_isRejectedWithBothFilesAndLines() throws IOException {
    Path analogy = dir.resolve("examples/analogy.txt");
    String first = Files.readAllLines(analogy, StandardCharsets.UTF_8).get(0);
    Path needBothExamples = dir.resolve("examples/need-both.txt");
    Files.writeString(
        needBothExamples,
        Files.readString(needBothExamples, StandardCharsets.UTF_8) + first + "\n",
        StandardCharsets.UTF_8);
    int line = Files.readAllLines(needBothExamples, StandardCharsets.UTF_8).size();

    reloader.poll();
    clock.advance(QUIET);
    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.REJECTED);
    assertThat(outcomes.get(0))
        .contains(
            "examples/need-both.txt:"
                + line
                + ": this question is already an example in examples/analogy.txt:1");
  }

  @Test
  void poll_nonMarkdownFileChanged_isUnchanged() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not content");

    assertThat(reloader.poll()).isEqualTo(GuideReloader.Result.UNCHANGED);
  }

  private String answerText() {
    return bot.ask(Fixtures.NEED_BOTH, "test").plainText();
  }
}
