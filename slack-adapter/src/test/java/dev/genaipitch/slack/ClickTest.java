package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import dev.genaipitch.slack.Click.Surface;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
            new Click("none", "emoji 🚀 and “curly” quotes, é, 日本", Surface.PREVIEW),
            new Click("none", "lone \uD83D surrogate, \uDE80 other half", Surface.PREVIEW),
            new Click(
                "all\u0000\u001F\u007F\u0080\u00A0\u2029\uFEFF\uFFFF", everyAscii(), Surface.HOME));
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

  @Test
  void encode_everyEvaluationQuestion_sameAsTheTreeOfItsFields() throws IOException {
    List<String> questions = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("..", "eval"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        Evaluation.read(f).stream().map(LabeledQuestion::question).forEach(questions::add);
      }
    }
    assertThat(questions).hasSizeGreaterThan(1_000);
    for (String question : questions) {
      Click click = new Click("ref:" + question, question, Surface.VISIBLE);
      ObjectNode tree = JSON.createObjectNode();
      tree.put("i", click.intent());
      tree.put("q", click.question());
      tree.put("s", click.surface().code);

      assertThat(click.encode()).isEqualTo(tree.toString());
    }
  }

  private static String everyAscii() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      sb.append(c);
    }
    return sb.toString();
  }
}
