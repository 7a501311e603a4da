package dev.genaipitch.core.content;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/** Turns the Markdown body of a content file into the answer model's blocks. */
final class MarkdownBlocks {

  /** The body's first level-1 heading, and the blocks after it. */
  record Body(String heading, List<Block> blocks) {}

  private static final Parser PARSER =
      Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS)
          .build();

  private MarkdownBlocks() {}

  /**
   * Parses {@code markdown}; {@code firstLine} is the 1-based line of the file where it starts, so
   * that problems name the file's own line numbers.
   */
  static Body parse(String markdown, String file, int firstLine, List<ContentProblem> problems) {
    Node document = PARSER.parse(markdown);
    String heading = null;
    List<Block> blocks = new ArrayList<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      int line = firstLine + startLine(node);
      if (node instanceof Heading h && h.getLevel() == 1 && heading == null && blocks.isEmpty()) {
        heading = Inline.plainText(inlines(h, false, false));
      } else if (node instanceof Heading h) {
        blocks.add(new Block.Heading(h.getLevel(), inlines(h, false, false)));
      } else if (node instanceof Paragraph p) {
        blocks.add(new Block.Paragraph(inlines(p, false, false)));
      } else if (node instanceof BlockQuote q) {
        blocks.add(new Block.Quote(quoteLines(q)));
      } else if (node instanceof BulletList || node instanceof OrderedList) {
        blocks.add(new Block.BulletList(listItems((ListBlock) node)));
      } else if (node instanceof TableBlock t) {
        blocks.add(table(t));
      } else if (node instanceof ThematicBreak) {
        // A rule only separates; it carries nothing to say.
      } else {
        problems.add(
            new ContentProblem(
                file,
                line,
                "unsupported Markdown here ("
                    + node.getClass().getSimpleName()
                    + "): use paragraphs, '>' quotes, '*' lists, '###' headings and tables"));
      }
    }
    if (heading == null) {
      problems.add(
          new ContentProblem(
              file, firstLine, "the text must start with a '# ' heading (the script's heading)"));
      heading = "";
    }
    if (blocks.isEmpty()) {
      problems.add(new ContentProblem(file, firstLine, "the text after the heading is empty"));
    }
    return new Body(heading, blocks);
  }

  private static int startLine(Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    return spans.isEmpty() ? 0 : spans.get(0).getLineIndex();
  }

  /** A quote's lines: each paragraph's soft and hard breaks end a line. */
  private static List<List<Inline>> quoteLines(BlockQuote quote) {
    List<List<Inline>> lines = new ArrayList<>();
    for (Node child = quote.getFirstChild(); child != null; child = child.getNext()) {
      List<Inline> current = new ArrayList<>();
      for (Inline run : inlines(child, false, false)) {
        String[] parts = run.text().split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
          if (i > 0) {
            lines.add(trimmed(current));
            current = new ArrayList<>();
          }
          if (!parts[i].isEmpty()) {
            current.add(new Inline(parts[i], run.strong(), run.emphasis()));
          }
        }
      }
      if (!current.isEmpty()) {
        lines.add(trimmed(current));
      }
    }
    return lines;
  }

  /**
   * Drops blank runs at either end of a line; blank runs between words are the spaces between them.
   */
  private static List<Inline> trimmed(List<Inline> runs) {
    int from = 0;
    int to = runs.size();
    while (from < to && runs.get(from).text().isBlank()) {
      from++;
    }
    while (to > from && runs.get(to - 1).text().isBlank()) {
      to--;
    }
    return List.copyOf(runs.subList(from, to));
  }

  private static List<List<Inline>> listItems(ListBlock list) {
    List<List<Inline>> items = new ArrayList<>();
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      items.add(inlines(item, false, false));
    }
    return items;
  }

  private static Block.Table table(TableBlock table) {
    List<String> header = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
      for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
        if (!(row instanceof TableRow)) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
          if (cell instanceof TableCell) {
            cells.add(Inline.plainText(inlines(cell, false, false)).strip());
          }
        }
        if (part instanceof TableHead) {
          header = cells;
        } else {
          rows.add(cells);
        }
      }
    }
    return new Block.Table(header, rows);
  }

  /** Flattens a node's inline children into runs, merging neighbours with the same emphasis. */
  private static List<Inline> inlines(Node parent, boolean strong, boolean emphasis) {
    List<Inline> runs = new ArrayList<>();
    collect(parent, strong, emphasis, runs);
    return runs;
  }

  private static void collect(Node parent, boolean strong, boolean emphasis, List<Inline> out) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Text t) {
        append(out, new Inline(t.getLiteral(), strong, emphasis));
      } else if (node instanceof Code c) {
        append(out, new Inline(c.getLiteral(), strong, emphasis));
      } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
        append(out, new Inline("\n", strong, emphasis));
      } else if (node instanceof StrongEmphasis) {
        collect(node, true, emphasis, out);
      } else if (node instanceof Emphasis) {
        collect(node, strong, true, out);
      } else {
        // Paragraphs inside list items or quotes, links: keep their words.
        if (!out.isEmpty() && node instanceof Paragraph && node.getPrevious() != null) {
          append(out, new Inline("\n", strong, emphasis));
        }
        collect(node, strong, emphasis, out);
      }
    }
  }

  private static void append(List<Inline> out, Inline run) {
    if (!out.isEmpty()) {
      Inline last = out.get(out.size() - 1);
      if (last.strong() == run.strong() && last.emphasis() == run.emphasis()) {
        out.set(out.size() - 1, new Inline(last.text() + run.text(), run.strong(), run.emphasis()));
        return;
      }
    }
    out.add(run);
  }
}
