package dev.genaipitch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** grade and practice, as a terminal user and a measuring script run them. */
final class PracticeCommandLineTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STRONG_NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly, and as they mature SageMaker"
          + " comes in for deeper customization or governance.";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void grade_writesOneJsonObjectPerLine_inOrder_withTheContractsFields() throws IOException {
    String in =
        line("need-both", "Do we need both?", STRONG_NEED_BOTH)
            + line(
                "need-both",
                "Do we need both?",
                "Most enterprises start with SageMaker to prove value quickly, and as they mature"
                    + " Bedrock comes in for deeper customization or governance.")
            + line("when-sagemaker", "When SageMaker?", "When AI is core to your business.");

    int code = run(in, "grade");

    assertThat(code).isZero();
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(3);
    JsonNode strong = lines.get(0);
    assertThat(iterable(strong.fieldNames()))
        .containsExactly("grade", "score", "carried", "missed");
    assertThat(strong.get("grade").asText()).isEqualTo("strong");
    assertThat(strong.get("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(JSON.convertValue(strong.get("carried"), List.class))
        .contains("start-bedrock", "sagemaker-later");
    assertThat(lines.get(1).get("grade").asText()).isEqualTo("off");
    assertThat(lines.get(2).get("grade").asText()).isEqualTo("partial");
    assertThat(JSON.convertValue(lines.get(2).get("carried"), List.class))
        .containsExactly("ai-core");
    assertThat(JSON.convertValue(lines.get(2).get("missed"), List.class))
        .containsExactly("use-cases", "why-sagemaker", "own-models");
  }

  @Test
  void grade_badLines_getAClearGradeOrErrorEach_andTheRestIsGraded() throws IOException {
    String in =
        "\n"
            + "not json\n"
            + "[1,2]\n"
            + "{\"prompt\":\"x\",\"answer\":\"y\"}\n"
            + line("opening", "x", "y")
            + "{\"section\":\"analogy\",\"answer\":42}\n"
            + line("analogy", "x", "")
            + line("analogy", "x", "B".repeat(10_000))
            + line("need-both", "x", "Wir fangen mit Bedrock an, später kommt SageMaker dazu.")
            + line("need-both", "x", STRONG_NEED_BOTH);

    int code = run(in, "grade");

    assertThat(code).isZero();
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0).get("error").asText()).startsWith("empty line");
    assertThat(lines.get(1).get("error").asText()).startsWith("not JSON");
    assertThat(lines.get(2).get("error").asText()).startsWith("not a JSON object");
    assertThat(lines.get(3).get("error").asText()).startsWith("missing \"section\"");
    assertThat(lines.get(4).get("error").asText())
        .isEqualTo(
            "unknown section 'opening': practice sections are definitions, analogy, when-bedrock,"
                + " when-sagemaker, not-competing, need-both, executive-summary");
    assertThat(lines.get(5).get("error").asText()).isEqualTo("\"answer\" must be a string");
    assertThat(lines.get(6).get("grade").asText()).isEqualTo("off");
    assertThat(lines.get(7).get("grade").asText()).isEqualTo("off");
    assertThat(lines.get(8).has("grade")).isTrue();
    assertThat(lines.get(9).get("grade").asText()).isEqualTo("strong");
  }

  @Test
  void practice_fullRound_gradesCoachesAndOffersTheThreeChoices() {
    int code =
        run(
            "Start with Bedrock, it proves value fast.\n3\n1\n" + STRONG_NEED_BOTH + "\n1\nquit\n",
            "practice",
            "--section",
            "need-both");

    assertThat(code).isZero();
    String transcript = out.toString();
    assertThat(transcript)
        .startsWith("Practice: Do we need both? (need-both)\nCustomer: “Do we really need both of")
        .contains("Grade: PARTIAL")
        .contains("  ✓ start-bedrock")
        .contains("  ✗ sagemaker-later")
        .contains(
            "    ┃ As maturity grows, SageMaker comes in where deeper customization or\n"
                + "    ┃ governance is required.")
        .contains("  [1] Try again\n  [2] Next question: ")
        .contains("  [3] Show the script's answer")
        .contains("The script's answer (Do we need both?):")
        .contains("┃ Most enterprises start with Bedrock to prove value quickly.")
        .contains("Practice: Do we need both? (try 2)")
        .contains("Grade: STRONG")
        .contains("Do we need both?: last strong, 2 answers")
        .doesNotContain("\u001b[");
    // "1" after a strong grade is the next question: the weakest section, never practised yet
    assertThat(transcript.substring(transcript.indexOf("Grade: STRONG")))
        .contains("Practice: One-line definitions (definitions)");
  }

  @Test
  void practice_startsWithTheWeakestSection_andEndsOnEndOfInput() {
    int code = run("", "practice");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith("Practice: One-line definitions (definitions)")
        .contains("Your practice so far:");
  }

  @Test
  void practice_unknownSection_isAUsageErrorNamingThePracticeSections() {
    int code = run("", "practice", "--section", "opening");

    assertThat(code).isEqualTo(Main.BAD_CONFIG);
    assertThat(err.toString())
        .contains("'opening' cannot be practised; sections: definitions, analogy,");
  }

  @Test
  void validate_builtInGuide_countsThePracticeContent() {
    assertThat(run("", "validate")).isZero();
    assertThat(out.toString())
        .contains(
            "practice: 7 sections (definitions, analogy, when-bedrock, when-sagemaker,"
                + " not-competing, need-both, executive-summary), 27 key points");
  }

  private int run(String stdin, String... args) {
    return Main.run(
        Map.of(),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out),
        new PrintWriter(err),
        args);
  }

  private static String line(String section, String prompt, String answer) throws IOException {
    return JSON.writeValueAsString(Map.of("section", section, "prompt", prompt, "answer", answer))
        + "\n";
  }

  private List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
