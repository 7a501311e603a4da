package dev.genaipitch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ask, chat, match and eval, as a terminal user runs them. */
final class CommandLineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void ask_doWeNeedBoth_printsSectionSevenWithItsFollowUps() {
    int code = run(new byte[0], "ask", "do", "we", "need", "both?");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith(
            "7\uFE0F\u20E3 Address the Common Customer Confusion (Without Sounding Defensive)")
        .contains("┃ “Most enterprises start with Bedrock to prove value quickly.")
        .contains("Follow-ups:\n  [1] Not competing: two stages of the journey (not-competing)")
        .doesNotContain("\u001b["); // not a terminal: no colour codes
  }

  @Test
  void ask_doWeNeedBoth_carriesTheAnalogyUnderItsOwnHeading_afterTheJourneyAnswer() {
    run(new byte[0], "ask", "do we need both?");

    String answer = out.toString();
    assertThat(answer)
        .contains("3\uFE0F\u20E3 The Analogy That Makes It Instantly Clear (This Wins Respect)")
        .contains("┃ “Think of Bedrock like Amazon RDS for AI models.")
        .contains("┃ “SageMaker is like EC2 plus a full data science platform.")
        .doesNotContain("Use this analogy — it works"); // the companion's quotes only
    assertThat(answer.indexOf("Most enterprises start")).isLessThan(answer.indexOf("Amazon RDS"));
    assertThat(answer.indexOf("Amazon RDS")).isLessThan(answer.indexOf("Follow-ups:"));
  }

  @Test
  void ask_outOfScope_offersTheTwoClosestTopicsAndTheMenu_eachOnce() {
    run(new byte[0], "ask", "how do I migrate RDS to Aurora?");

    String answer = out.toString();
    assertThat(answer).contains("Closest topics:").contains("All topics (help)");
    assertThat(answer).doesNotContain("Topics:\n");
    assertThat(answer.lines().filter(l -> l.matches("  \\[\\d+] .*")).count()).isBetween(2L, 3L);
  }

  @Test
  void chat_numberOutOfRange_saysWhichNumbersThereAre_andKeepsTheChoices() {
    run(utf8("do we need both?\n7\n2\nquit\n"), "chat");

    String transcript = out.toString();
    assertThat(transcript).contains("There is no [7]; pick 1–2, or type a question.");
    assertThat(transcript.substring(transcript.indexOf("There is no [7]")))
        .contains("8\uFE0F\u20E3 Executive Summary (You Can Say This in 60 Seconds)");
  }

  @Test
  void ask_stageTable_printsAlignedColumns() {
    run(new byte[0], "ask", "stage table");

    assertThat(out.toString())
        .contains("  Stage                    │  Service")
        .contains("  Customize & evolve AI    │  SageMaker");
  }

  @Test
  void chat_numberOfAFollowUp_opensIt() {
    int code = run(utf8("do we need both?\n2\nquit\n"), "chat");

    assertThat(code).isZero();
    String transcript = out.toString();
    assertThat(transcript).contains("Most enterprises start with Bedrock to prove value quickly.");
    assertThat(transcript.substring(transcript.indexOf("Most enterprises start")))
        .contains("8\uFE0F\u20E3 Executive Summary (You Can Say This in 60 Seconds)");
  }

  @Test
  void chat_topicId_opensIt() {
    run(utf8("analogy\n"), "chat");

    assertThat(out.toString()).contains("Think of Bedrock like Amazon RDS for AI models.");
  }

  @Test
  void match_writesOneJsonObjectPerLine_inOrder_withTheContractsFields() throws IOException {
    int code = run(utf8("do we need both?\nwhat's the weather tomorrow?\nhi\n"), "match");

    assertThat(code).isZero();
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(3);
    assertThat(lines)
        .extracting(l -> l.get("intent").asText())
        .containsExactly("need-both", "none", "help");
    JsonNode first = lines.get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("question", "intent", "score", "alternatives", "alsoAsked", "notCovered");
    assertThat(first.get("question").asText()).isEqualTo("do we need both?");
    assertThat(first.get("alsoAsked")).isEmpty();
    assertThat(first.get("notCovered")).isEmpty();
    assertThat(first.get("score").asDouble()).isBetween(0.3, 1.0);
    assertThat(first.get("alternatives"))
        .allSatisfy(
            a -> {
              assertThat(a.fieldNames()).toIterable().containsExactly("intent", "score");
              assertThat(a.get("score").asDouble())
                  .isLessThanOrEqualTo(first.get("score").asDouble());
            });
  }

  @Test
  void match_questionInSeveralParts_carriesTheOtherCoveredPartsAndNamesTheUncoveredOnes()
      throws IOException {
    run(
        utf8("need both? also give me the RDS line\n60-sec version + which regions is it in?\n"),
        "match");

    List<JsonNode> lines = jsonLines();
    assertThat(lines.get(0).get("intent").asText()).isEqualTo("need-both");
    assertThat(lines.get(0).get("alsoAsked"))
        .extracting(JsonNode::asText)
        .containsExactly("analogy");
    assertThat(lines.get(0).get("notCovered")).isEmpty();
    assertThat(lines.get(1).get("intent").asText()).isEqualTo("executive-summary");
    assertThat(lines.get(1).get("alsoAsked")).isEmpty();
    assertThat(lines.get(1).get("notCovered"))
        .extracting(JsonNode::asText)
        .containsExactly("which regions is it in?");
  }

  @Test
  void match_survivesEmptyHugeBinaryAndEmojiLines_answeringEveryOne() throws IOException {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write("\n".getBytes(StandardCharsets.UTF_8));
    input.write(
        ("tell me " + "about the analogy ".repeat(6_000) + "\n")
            .getBytes(StandardCharsets.UTF_8)); // ~100 KB
    input.write(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28, (byte) 0x80, '\n'});
    input.write("🚀🔥🤔\n".getBytes(StandardCharsets.UTF_8));
    input.write("do we need both?".getBytes(StandardCharsets.UTF_8)); // no newline at the end

    int code = run(input.toByteArray(), "match");

    assertThat(code).isZero();
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0).get("intent").asText()).isEqualTo("help");
    assertThat(lines.get(1).get("question").asText()).hasSizeGreaterThan(100_000);
    assertThat(lines.get(2).get("intent").asText()).isIn("help", "none");
    assertThat(lines.get(3).get("intent").asText()).isEqualTo("help");
    assertThat(lines.get(3).get("question").asText()).isEqualTo("🚀🔥🤔");
    assertThat(lines.get(4).get("intent").asText()).isEqualTo("need-both");
  }

  @Test
  void match_conversation_writesEachMessageAsMatchDoes_readAfterTheOnesBefore() throws IOException {
    run(utf8("when to use bedrock\nand sagemaker?\n"), "match");
    List<JsonNode> alone = jsonLines();
    out.getBuffer().setLength(0);

    int code =
        run(
            utf8("[\"when to use bedrock\", \"and sagemaker?\"]\n[\"and sagemaker?\"]\n"),
            "match",
            "--conversation");

    assertThat(code).isZero();
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).fieldNames()).toIterable().containsExactly("turns");
    JsonNode turns = lines.get(0).get("turns");
    assertThat(turns).hasSize(2);
    assertThat(turns.get(0)).isEqualTo(alone.get(0)); // the first message has no context
    assertThat(turns.get(1).fieldNames())
        .toIterable()
        .containsExactly("question", "intent", "score", "alternatives", "alsoAsked", "notCovered");
    assertThat(turns.get(1).get("question").asText()).isEqualTo("and sagemaker?");
    assertThat(turns.get(1).get("intent").asText()).isEqualTo("when-sagemaker");
    assertThat(alone.get(1).get("intent").asText()).isEqualTo("none");
    assertThat(lines.get(1).get("turns")).containsExactly(alone.get(1)); // a new conversation
  }

  @Test
  void match_conversation_lineThatIsNotOne_getsAReason_theOthersAnAnswer_exitOne()
      throws IOException {
    int code =
        run(
            utf8("[\"do we need both?\"]\nnot json\n{\"q\": 1}\n[1, 2]\n\n[\"analogy\"]\n"),
            "match",
            "--conversation");

    assertThat(code).isEqualTo(1);
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0).get("turns").get(0).get("intent").asText()).isEqualTo("need-both");
    for (int i = 1; i <= 3; i++) {
      assertThat(lines.get(i).get("turns")).isEmpty();
      assertThat(lines.get(i).get("error").asText())
          .isEqualTo(
              "line " + (i + 1) + " is not a conversation: give a JSON array of its messages");
    }
    assertThat(lines.get(4).get("turns")).isEmpty(); // a blank line: a conversation of nothing
    assertThat(lines.get(4).has("error")).isFalse();
    assertThat(lines.get(5).get("turns").get(0).get("intent").asText()).isEqualTo("analogy");
    assertThat(err.toString()).contains("line 2 is not a conversation");
  }

  @Test
  void chat_followUp_isReadAfterTheAnswerBefore() {
    int code = run(utf8("when to use bedrock\nand sagemaker?\nquit\n"), "chat");

    assertThat(code).isZero();
    String transcript = out.toString();
    assertThat(transcript).contains("When to Use Amazon SageMaker");
    assertThat(transcript).doesNotContain("That’s not in the script");
  }

  @Test
  void chat_shorter_isTheSectionsKeyMessage_andItsNumberOpensTheWholeSection() {
    int code = run(utf8("when should I use sagemaker\nshorter\n1\nquit\n"), "chat");

    assertThat(code).isZero();
    String transcript = out.toString();
    String brief = transcript.substring(transcript.indexOf("In brief"));
    assertThat(brief.substring(0, brief.indexOf("[2]")))
        .contains(
            "SageMaker is for organizations that want to own their models",
            "consume them.",
            "[1] The whole section (when-sagemaker)")
        .doesNotContain("Typical SageMaker Use Cases");
    assertThat(brief).contains("[2] The 60-second executive summary (executive-summary)");
    assertThat(brief.substring(brief.indexOf("[2]"))).contains("Typical SageMaker Use Cases");
  }

  @Test
  void eval_conversationFile_scoresTheLastMessages_andListsTheMisses() throws IOException {
    Path file = dir.resolve("conversations.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"turns\": [{\"q\": \"when to use bedrock\", \"expect\": [\"when-bedrock\"]},"
                + " {\"q\": \"and sagemaker?\", \"expect\": [\"when-sagemaker\"]}],"
                + " \"kind\": \"fragment\"}",
            "{\"turns\": [{\"q\": \"when to use bedrock\", \"expect\": [\"when-bedrock\"]},"
                + " {\"q\": \"do we need both?\", \"expect\": [\"analogy\"]}],"
                + " \"kind\": \"complete\"}"),
        StandardCharsets.UTF_8);

    int code = run(new byte[0], "eval", file.toString(), "--min-last", "0.9");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("2 conversations")
        .contains("last messages answered right       50.0%")
        .contains("complete questions hijacked         0.0% (0 of 1)")
        .contains("misses (1):\n  line 2, complete:");
  }

  @Test
  void eval_labeledFile_printsFiguresPerIntentAndMisses() throws IOException {
    Path file = dir.resolve("questions.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"q\": \"do we need both?\", \"expect\": [\"need-both\"]}",
            "{\"q\": \"what is the RDS analogy\", \"expect\": [\"analogy\"]}",
            "{\"q\": \"what's the weather tomorrow?\", \"expect\": []}",
            "{\"q\": \"do we need both?\", \"expect\": [\"analogy\"]}"),
        StandardCharsets.UTF_8);

    int code = run(new byte[0], "eval", file.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("4 questions (3 in scope, 1 out of scope)")
        .contains("in-scope top-1 accuracy     66.7%")
        .contains("out-of-scope rejection     100.0%")
        .contains("threshold for none          0.30")
        .contains("misses (1):\n  line 4: expected analogy, got need-both");
  }

  @Test
  void eval_belowTheBar_exitsOne() throws IOException {
    Path file = dir.resolve("questions.jsonl");
    Files.writeString(
        file, "{\"q\": \"do we need both?\", \"expect\": [\"analogy\"]}\n", StandardCharsets.UTF_8);

    assertThat(run(new byte[0], "eval", file.toString(), "--min-in-scope", "0.95")).isEqualTo(1);
  }

  @Test
  void eval_malformedLine_exitsOneNamingTheLine() throws IOException {
    Path file = dir.resolve("questions.jsonl");
    Files.writeString(file, "{\"q\": \"ok\", \"expect\": []}\nnot json\n", StandardCharsets.UTF_8);

    assertThat(run(new byte[0], "eval", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("questions.jsonl:2: not JSON");
  }

  @Test
  void eval_crossValidate_scoresTheGuidesOwnExamplesFoldByFold() {
    int code =
        run(
            new byte[0],
            "eval",
            "--cross-validate",
            "2",
            "--min-in-scope",
            "0.85",
            "--min-out-of-scope",
            "0.85");

    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).startsWith("2-fold cross-validation over the guide's examples: ");
  }

  @Test
  void eval_neitherFileNorCrossValidation_isAUsageError() {
    assertThat(run(new byte[0], "eval")).isEqualTo(2);
    assertThat(err.toString()).contains("give a FILE or --cross-validate FOLDS");
  }

  @Test
  void eval_missingFile_saysNoSuchFile_asAUsageError() {
    assertThat(run(new byte[0], "eval", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file: ").contains("missing.jsonl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ask", "chat", "match", "eval", "validate", "config", "report", "serve"})
  void help_ofEverySubcommand_printsItsUsage_exitZero(String command) {
    assertThat(run(new byte[0], command, "--help")).isZero();
    assertThat(out.toString()).startsWith("Usage: genai-pitch " + command);
  }

  @Test
  void match_scoresAreOneDistributionWithFixedDecimals() throws IOException {
    run(
        utf8("do we need both?\nwhat's the weather tomorrow?\nhi\nrds line + which regions?\n"),
        "match");

    for (String line : out.toString().split("\n")) {
      assertThat(line).doesNotContainPattern("\\d[eE]-?\\d");
      assertThat(line).containsPattern("\"score\":\\d\\.\\d{4}[,}]");
      JsonNode node = JSON.readTree(line);
      double sum = node.get("score").asDouble();
      for (JsonNode a : node.get("alternatives")) {
        sum += a.get("score").asDouble();
      }
      assertThat(sum).as(line).isLessThanOrEqualTo(1.0001);
    }
  }

  @Test
  void validate_builtInGuide_saysOk() {
    assertThat(run(new byte[0], "validate")).isZero();
    assertThat(out.toString())
        .startsWith("built-in: OK, 10 sections (overview, opening, definitions,");
  }

  private int run(byte[] stdin, String... args) {
    return Main.run(
        Map.of(),
        new ByteArrayInputStream(stdin),
        new PrintWriter(out),
        new PrintWriter(err),
        args);
  }

  private List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
