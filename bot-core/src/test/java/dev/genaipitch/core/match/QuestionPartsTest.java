package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shortcut for questions that ask one thing must split exactly as the patterns do. */
final class QuestionPartsTest {

  private static final Path EVAL = Path.of("..", "eval");

  @Test
  void split_everyEvaluationQuestion_sameAsThePatterns() throws IOException {
    List<String> questions = new ArrayList<>();
    try (Stream<Path> files = Files.list(EVAL)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        Evaluation.read(f).stream().map(LabeledQuestion::question).forEach(questions::add);
      }
    }
    long shortcut = questions.stream().filter(q -> !QuestionParts.mayJoin(q)).count();

    assertThat(questions).hasSizeGreaterThan(1_000);
    // Both paths are exercised: questions that ask one thing and questions that join several.
    assertThat(shortcut).isBetween(100L, questions.size() - 100L);
    for (String q : questions) {
      assertThat(QuestionParts.split(q)).as(q).isEqualTo(QuestionParts.byPatterns(q));
    }
  }

  @Test
  void split_edgesOfTheShortcut_sameAsThePatterns() {
    List<String> texts =
        List.of(
            "",
            "   ",
            "?",
            "need both?",
            "need both? ",
            "need both??",
            "need both?? ",
            "need both?\t?",
            "need both? rds line",
            "need both?\u000Brds line",
            "need both?\u00A0rds line",
            "bedrock AND sagemaker",
            "bedrock And the table",
            "what ALSO matters",
            "Plus pricing",
            "THEN regions",
            "pricing as WELL as regions",
            "pricing in Addition to regions",
            "pricing, and regions",
            "pricing & regions",
            "pricing&regions",
            "1) opener 2) one-liners",
            "(1) opener (2) one-liners",
            "opener 0) nothing",
            "opener; one-liners",
            "opener\none-liners",
            "opener + one-liners",
            "opener+one-liners",
            "- , opener .",
            "and opener",
            "and and opener",
            ", and opener",
            "the K\u212Aelvin sign and \u0130stanbul",
            "\u212Ang",
            "s\u017Fo",
            "emoji 🚀 only",
            "Bedrock vs SageMaker: which one?");
    for (String t : texts) {
      assertThat(QuestionParts.split(t)).as(t).isEqualTo(QuestionParts.byPatterns(t));
    }
    assertThat(QuestionParts.mayJoin("do we need both?")).isFalse();
    assertThat(QuestionParts.mayJoin("need both? rds line")).isTrue();
  }
}
