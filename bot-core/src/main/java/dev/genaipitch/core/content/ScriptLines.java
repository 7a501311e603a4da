package dev.genaipitch.core.content;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A section's text as single lines, the unit a one-fact question is answered with: each
 * sub-heading, bullet item and table row ("Use AI quickly | Bedrock"), and each sentence of the
 * paragraphs and of the lines to say out loud, without their quotation marks. A sentence of fewer
 * than four words stays with its neighbour ("Pause. Let it land."), as the script says them
 * together.
 */
final class ScriptLines {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+(?=\\S)");
  private static final int SHORTEST_ALONE = 4;

  private ScriptLines() {}

  static List<String> of(List<Block> blocks) {
    List<String> out = new ArrayList<>();
    for (Block block : blocks) {
      if (block instanceof Block.Heading h) {
        add(out, Inline.plainText(h.text()));
      } else if (block instanceof Block.Paragraph p) {
        for (String line : Inline.plainText(p.text()).split("\n")) {
          sentences(out, line);
        }
      } else if (block instanceof Block.Quote q) {
        for (List<Inline> line : q.lines()) {
          sentences(out, unquoted(Inline.plainText(line)));
        }
      } else if (block instanceof Block.BulletList l) {
        for (List<Inline> item : l.items()) {
          add(out, Inline.plainText(item).replace('\n', ' '));
        }
      } else if (block instanceof Block.Table t) {
        for (List<String> row : t.rows()) {
          add(out, String.join(" | ", row.stream().map(String::strip).toList()));
        }
      }
    }
    return List.copyOf(out);
  }

  private static void sentences(List<String> out, String line) {
    List<String> merged = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(line.strip())) {
      boolean shortOne = words(sentence) < SHORTEST_ALONE;
      if (!merged.isEmpty()
          && (shortOne || words(merged.get(merged.size() - 1)) < SHORTEST_ALONE)) {
        merged.set(merged.size() - 1, merged.get(merged.size() - 1) + " " + sentence);
      } else {
        merged.add(sentence);
      }
    }
    merged.forEach(s -> add(out, s));
  }

  private static int words(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }

  private static String unquoted(String line) {
    String s = line.strip();
    if (s.startsWith("“") || s.startsWith("\"")) {
      s = s.substring(1);
    }
    if (s.endsWith("”") || s.endsWith("\"")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.strip();
  }

  private static void add(List<String> out, String line) {
    String s = line.strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
