package dev.genaipitch.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bar for the grader against careful human coaches: exact agreement at least 80% and strong/off
 * confusions at most 3% on eval/graded/test.jsonl, answers written and graded by a writer who saw
 * neither the grader nor the development set. That file is only ever scored here and in
 * docs/rehearsal.md; the grader is tuned on eval/graded/dev.jsonl alone.
 */
final class GradingBarTest {

  private static final Path EVAL = Path.of("..", "eval");
  private static AnswerGrader grader;

  @BeforeAll
  static void load() throws ContentException {
    grader = AnswerGrader.of(GuideLoader.builtIn().practice());
  }

  @Test
  void heldOutSet_meetsTheBar() throws IOException {
    GradingReport report =
        GradingEvaluation.run(grader, GradingEvaluation.read(EVAL.resolve("graded/test.jsonl")));

    assertThat(report.results()).hasSize(170);
    assertThat(report.agreement()).as(report.describe(false)).isGreaterThanOrEqualTo(0.80);
    assertThat(report.severeRate()).as(report.describe(false)).isLessThanOrEqualTo(0.03);
  }

  @Test
  void developmentSet_staysWhereTuningLeftIt() throws IOException {
    GradingReport report =
        GradingEvaluation.run(grader, GradingEvaluation.read(EVAL.resolve("graded/dev.jsonl")));

    assertThat(report.agreement()).as(report.describe(true)).isGreaterThanOrEqualTo(0.90);
    assertThat(report.severe()).as(report.describe(true)).isEmpty();
  }

  @Test
  void gradedSets_coverTheSevenSectionsWithTheContractsIds() throws IOException {
    for (String file : List.of("graded/dev.jsonl", "graded/test.jsonl")) {
      List<GradedAnswer> answers = GradingEvaluation.read(EVAL.resolve(file));

      assertThat(answers).as(file).hasSizeGreaterThanOrEqualTo(150);
      assertThat(answers).extracting(GradedAnswer::section).as(file).containsAll(grader.sections());
      assertThat(answers)
          .extracting(GradedAnswer::grade)
          .as(file)
          .allMatch(Set.of("strong", "partial", "off")::contains);
    }
  }
}
