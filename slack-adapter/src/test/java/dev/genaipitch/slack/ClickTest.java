package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.Click.Surface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A button's value: written as the tree of the same fields would be, and read back whole. */
final class ClickTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void encode_anyText_sameAsTheTreeOfItsFields() {
    List<Click> clicks =
        List.of(
            new Click("need-both", "", Surface.PREVIEW),
            new Click("need-both", "do we need both?", Surface.VISIBLE),
            new Click("ref:need-both+analogy#2", "quote \" back\\slash </script>", Surface.DIRECT),
            new Click("help", "line\nbreak\ttab\u0001control \u2028 separators", Surface.HOME),
            new Click("none", "emoji 🚀 and “curly” quotes, é, 日本", Surface.PREVIEW));
    for (Click click : clicks) {
      ObjectNode tree = JSON.createObjectNode();
      tree.put("i", click.intent());
      if (!click.question().isEmpty()) {
        tree.put("q", click.question());
      }
      tree.put("s", click.surface().code);

      assertThat(click.encode()).isEqualTo(tree.toString());
      assertThat(Click.decode(click.encode())).contains(click);
    }
  }
}
