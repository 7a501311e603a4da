package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.response.Response;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import dev.genaipitch.core.Part;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.Topic;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A slash command's reply written straight to bytes is, byte for byte, what the Block Kit tree it
 * replaced wrote: for every kind of answer, asked and opened, previewed and posted in the channel.
 */
final class CommandJsonTest {

  private static final PitchBot BOT = SlackFixture.BOT;
  private static final Path EVAL = Path.of("..", "eval");

  @Test
  void preview_everyEvaluationQuestionAndEverySection_isTheTreesBytes() throws IOException {
    List<String> questions = new ArrayList<>();
    try (Stream<Path> files = Files.list(EVAL)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        Evaluation.read(f).stream().map(LabeledQuestion::question).forEach(questions::add);
      }
    }
    questions.addAll(
        List.of(
            "",
            "do we need both?",
            "what's the \"RDS/EC2\" analogy \\ really? <@U123> <!channel> & *bold* _it_ `code`",
            "bedrock vs sagemaker 🚀🤖 — quick “one-liner” please",
            "tab\there, line\u2028break, nul\u0000 and é ü ß 漢字, lone \uD83D surrogate",
            "need both? also the RDS line; and what about pricing in mars + the weather on venus",
            "zzzz qqqq nothing like the script",
            "what can you do",
            "sagmaker vs bedrok anology",
            "whats in section 9",
            "x".repeat(400) + " bedrock"));
    Set<Answer.Kind> kinds = EnumSet.noneOf(Answer.Kind.class);
    boolean keyLine = false;
    boolean parts = false;
    boolean notCovered = false;
    boolean alternatives = false;
    for (String question : questions) {
      Answer answer = BOT.ask(question, "slack");
      kinds.add(answer.kind());
      keyLine |= !answer.keyLine().isEmpty();
      parts |= !answer.parts().isEmpty();
      notCovered |= !answer.notCovered().isEmpty();
      alternatives |= !answer.alternatives().isEmpty();
      assertSameAsTree(answer, question);
    }
    for (Section section : BOT.guide().sections()) {
      assertSameAsTree(BOT.open(section.id()), "");
      assertSameAsTree(BOT.open(section.id()), section.title());
    }
    assertSameAsTree(BOT.menu(), "help");

    // Every branch of the layout was taken by the answers above.
    assertThat(questions).hasSizeGreaterThan(1_000);
    assertThat(kinds).containsExactlyInAnyOrder(Answer.Kind.values());
    assertThat(keyLine && parts && notCovered && alternatives).isTrue();
  }

  @Test
  void preview_anAnswerBeyondSlacksLimits_isTheTreesBytes() {
    List<Topic> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(new Topic("t" + i, "Topic " + i + " " + "long title ".repeat(i % 10), "sum & <b>"));
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      parts.add(
          new Part(
              Part.Role.ALSO_ASKED,
              "p" + i,
              "Part " + i,
              i == 3 ? "   " : "Heading " + i + " " + "h".repeat(i * 10),
              List.of(new Block.Paragraph(List.of(Inline.plain("part <" + i + "> & text"))))));
    }
    List<Block> blocks =
        List.of(
            new Block.Heading(2, List.of(Inline.plain("A heading"))),
            new Block.Paragraph(
                List.of(new Inline("bold", true, false), new Inline(" and it", false, true))),
            new Block.Table(
                List.of("a", "b"), List.of(List.of("1", "2 & 3"), List.of("<x>", "y"))));
    List<Answer> answers = new ArrayList<>();
    for (Answer.Kind kind : Answer.Kind.values()) {
      answers.add(
          new Answer(
              kind,
              "synthetic",
              "Title with <tags> & “quotes” 🚀",
              "",
              blocks,
              "the key <line> & more",
              parts,
              List.of("  not covered <one>  ", "y".repeat(500)),
              many,
              many.subList(2, 12),
              many,
              0.5,
              "q",
              "synthetic+p1"));
      answers.add(
          new Answer(
              kind, "plain", "Plain", "H", List.of(), List.of(), List.of(), List.of(), 1, ""));
      answers.add(
          new Answer(
              kind,
              "few",
              "Few",
              "Few heading",
              blocks,
              many.subList(0, 3),
              many.subList(0, 2),
              List.of(),
              0.4,
              "q"));
    }
    for (Answer answer : answers) {
      assertSameAsTree(answer, "asked <this> & that 🚀");
      assertSameAsTree(answer, "");
    }
  }

  private static void assertSameAsTree(Answer answer, String question) {
    assertThat(CommandJson.preview(answer, question))
        .as("preview of %s for %s", answer.intent(), question)
        .isEqualTo(tree("ephemeral", BlockKit.preview(answer, question, false)));
    for (String user : new String[] {"U0123ABCD", "W0123", "not a user <@U1>", null}) {
      assertThat(CommandJson.visible(answer, user, question))
          .as("in channel %s by %s for %s", answer.intent(), user, question)
          .isEqualTo(tree("in_channel", BlockKit.visible(answer, user, question)));
    }
  }

  /** The bytes the reply was sent as before: the tree, written by {@link JsonReply}. */
  private static byte[] tree(String type, BlockKit.Message message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("response_type", type);
    body.setAll(message.body());
    Response reply = JsonReply.of(body);
    return reply instanceof JsonReply json
        ? json.bytes()
        : reply.getBody().getBytes(StandardCharsets.UTF_8);
  }
}
