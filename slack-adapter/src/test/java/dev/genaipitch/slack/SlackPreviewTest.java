package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import dev.genaipitch.core.Topic;
import dev.genaipitch.testing.Blocks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Block Kit the asker sees, as the web playground gets it from {@link
 * SlackPreview#previewJson}.
 */
final class SlackPreviewTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Topic NEXT = new Topic("next", "Next topic", "What comes next.");

  @Test
  void previewJson_isTheBlocksOfTheMessage() throws Exception {
    JsonNode preview =
        preview(section(List.of(new Block.Paragraph(List.of(Inline.plain("Say this."))))));

    assertThat(preview.properties()).extracting(e -> e.getKey()).containsExactly("blocks");
    assertThat(Blocks.types(preview))
        .containsExactly("context", "header", "section", "actions", "context", "actions");
    assertThat(Blocks.labels(preview)).containsExactly("Post in channel", "Next topic", "👍", "👎");
  }

  @Test
  void previewJson_escapesTheScriptsOwnText() throws Exception {
    JsonNode preview =
        preview(
            section(
                List.of(
                    new Block.Paragraph(
                        List.of(Inline.plain("R&D <!channel> <https://x.example|y> 2 > 1"))))));

    assertThat(Blocks.text(preview))
        .contains("R&amp;D &lt;!channel&gt; &lt;https://x.example|y&gt; 2 &gt; 1");
  }

  @Test
  void previewJson_mapsTheScriptsEmphasisToMrkdwn() throws Exception {
    JsonNode preview =
        preview(
            section(
                List.of(
                    new Block.Paragraph(
                        List.of(
                            Inline.plain("Start with "),
                            new Inline("their problem ", true, false),
                            Inline.plain("and "),
                            new Inline("teams that want to ", true, false),
                            new Inline("use", true, true),
                            new Inline(" models", true, false),
                            Inline.plain(", "),
                            new Inline("intentionally", false, true),
                            Inline.plain("."))))));

    assertThat(Blocks.text(preview))
        .contains(
            "Start with *their problem* and *teams that want to _use_ models*, _intentionally_.");
  }

  @Test
  void previewJson_setsSayItOutLoudLinesApartAsQuotes() throws Exception {
    JsonNode preview =
        preview(
            section(
                List.of(
                    new Block.Quote(
                        List.of(
                            List.of(Inline.plain("“First line.")),
                            List.of(new Inline("Second line.”", true, false)))))));

    assertThat(Blocks.text(preview)).contains("> “First line.\n> *Second line.”*");
  }

  @Test
  void previewJson_listsBulletsAndSubheadings() throws Exception {
    JsonNode preview =
        preview(
            section(
                List.of(
                    new Block.Heading(3, List.of(Inline.plain("Typical Use Cases"))),
                    new Block.BulletList(
                        List.of(
                            List.of(Inline.plain("Chatbots")), List.of(Inline.plain("Q&A")))))));

    assertThat(Blocks.text(preview)).contains("*Typical Use Cases*\n\n• Chatbots\n• Q&amp;A");
  }

  @Test
  void previewJson_wideTable_becomesAlignedMonospacedLines() throws Exception {
    JsonNode preview =
        preview(
            section(
                List.of(
                    new Block.Table(
                        List.of("Stage", "Service", "Why"),
                        List.of(
                            List.of("Use AI quickly", "Bedrock", "fast"),
                            List.of("Own models", "SageMaker", "control <&>"))))));

    assertThat(Blocks.text(preview))
        .contains(
            "```Stage           Service    Why\n"
                + "Use AI quickly  Bedrock    fast\n"
                + "Own models      SageMaker  control &lt;&amp;&gt;```");
  }

  @Test
  void previewJson_staysWithinBlockKitLimits() throws Exception {
    String longWords = "word ".repeat(1500);
    Topic longTopic = new Topic("long", "T".repeat(120), "summary");
    Answer answer =
        new Answer(
            Answer.Kind.SECTION,
            "s",
            "Title",
            "H".repeat(200),
            List.of(new Block.Paragraph(List.of(Inline.plain(longWords + "\n" + longWords)))),
            List.of(longTopic),
            List.of(),
            List.of(),
            0.9,
            "q".repeat(5000));

    JsonNode preview = JSON.readTree(SlackPreview.previewJson(answer));

    assertThat(preview.at("/blocks/1/text/text").asText()).hasSizeLessThanOrEqualTo(150);
    for (JsonNode block : preview.path("blocks")) {
      assertThat(block.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(3000);
    }
    for (Blocks.Button button : Blocks.buttons(preview)) {
      assertThat(button.label()).hasSizeLessThanOrEqualTo(75);
      assertThat(button.value()).hasSizeLessThanOrEqualTo(2000);
      assertThat(button.actionId()).hasSizeLessThanOrEqualTo(255);
    }
    assertThat(preview.path("blocks").size()).isLessThanOrEqualTo(50);
  }

  @Test
  void previewJson_actionIdsAreUniqueWithinTheMessage() throws Exception {
    List<Topic> topics = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      topics.add(new Topic("t" + i, "Topic " + i, "s"));
    }
    Answer answer =
        new Answer(
            Answer.Kind.SECTION,
            "s",
            "Title",
            "Heading",
            List.of(),
            topics,
            topics.subList(0, 2),
            List.of(),
            0.5,
            "q");

    List<String> ids =
        Blocks.buttons(JSON.readTree(SlackPreview.previewJson(answer))).stream()
            .map(Blocks.Button::actionId)
            .toList();

    assertThat(ids).doesNotHaveDuplicates();
  }

  private static JsonNode preview(Answer answer) throws Exception {
    return JSON.readTree(SlackPreview.previewJson(answer));
  }

  private static Answer section(List<Block> blocks) {
    return new Answer(
        Answer.Kind.SECTION,
        "s",
        "Title",
        "Heading",
        blocks,
        List.of(NEXT),
        List.of(),
        List.of(),
        0.9,
        "question");
  }
}
