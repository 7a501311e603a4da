package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The script's sections are rendered once and written as their JSON text: every message must carry
 * exactly the blocks the rendering gives, in place, and a message must not change another's.
 */
final class BlockKitContentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PitchBot BOT = SlackFixture.BOT;

  @Test
  void content_everySection_writesWhatItsRenderingWrites() throws Exception {
    List<Section> sections = BOT.guide().sections();
    assertThat(sections).isNotEmpty();
    for (Section section : sections) {
      List<ObjectNode> rendered = BlockKit.render(section.blocks());
      List<JsonNode> content = BlockKit.content(section.blocks());

      assertThat(content).hasSameSizeAs(rendered);
      for (int i = 0; i < rendered.size(); i++) {
        assertThat(content.get(i).toString()).isEqualTo(rendered.get(i).toString());
        assertThat(JSON.readTree(content.get(i).toString())).isEqualTo(rendered.get(i));
      }
    }
  }

  @Test
  void preview_everySection_carriesItsRenderedBlocksInPlace() throws Exception {
    for (Section section : BOT.guide().sections()) {
      Answer answer = BOT.open(section.id());
      JsonNode message =
          JSON.readTree(BlockKit.preview(answer, "a question", false).body().toString());
      ArrayNode blocks = (ArrayNode) message.get("blocks");
      List<JsonNode> written = new ArrayList<>();
      blocks.forEach(written::add);

      List<ObjectNode> expected = new ArrayList<>(BlockKit.render(answer.blocks()));
      assertThat(written).as(section.id()).containsSequence(expected.toArray(new JsonNode[0]));
      // the same section shown twice, with another question: the shared blocks are unchanged
      String again = BlockKit.preview(answer, "another", true).body().toString();
      assertThat(JSON.readTree(again).get("blocks").toString())
          .contains(expected.get(0).toString());
    }
  }
}
