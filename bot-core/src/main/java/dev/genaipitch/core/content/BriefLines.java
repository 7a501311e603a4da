package dev.genaipitch.core.content;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import java.util.ArrayList;
import java.util.List;

/**
 * A section's short form (its front matter's {@code brief}) found among its own lines: each line of
 * its quotes, paragraphs and bullet items, with the script's emphasis kept, so that the short form
 * is shown as the script writes it and never in words of the bot's own.
 */
final class BriefLines {

  /**
   * One line of a section's text.
   *
   * @param block the index of its block in the section
   * @param quote whether it is a line of a quote (a line to say out loud)
   * @param runs its words, with the script's emphasis
   */
  record Line(int block, boolean quote, List<Inline> runs) {}

  private BriefLines() {}

  /** The section's lines a short form may name; headings and tables are not among them. */
  static List<Line> of(List<Block> blocks) {
    List<Line> out = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      Block block = blocks.get(b);
      if (block instanceof Block.Quote q) {
        for (List<Inline> line : q.lines()) {
          out.add(new Line(b, true, line));
        }
      } else if (block instanceof Block.Paragraph p) {
        for (List<Inline> line : split(p.text())) {
          out.add(new Line(b, false, line));
        }
      } else if (block instanceof Block.BulletList l) {
        for (List<Inline> item : l.items()) {
          out.add(new Line(b, false, item));
        }
      }
    }
    return out;
  }

  /**
   * The line whose words are {@code text} exactly (the script's markup, its quotation marks at
   * either end and runs of spaces aside), or null.
   */
  static Line find(List<Line> lines, String text) {
    String wanted = key(text);
    if (wanted.isEmpty()) {
      return null;
    }
    for (Line line : lines) {
      if (key(Inline.plainText(line.runs())).equals(wanted)) {
        return line;
      }
    }
    return null;
  }

  /**
   * The chosen lines as blocks, in the order named: consecutive lines of one quote stay one quote;
   * a line of a quote loses the quotation marks at its ends (the quote shows it is one, and a line
   * of a quote that runs on has only one of them); a line of a paragraph or list is a paragraph.
   */
  static List<Block> blocks(List<Line> chosen) {
    List<Block> out = new ArrayList<>();
    List<List<Inline>> quote = new ArrayList<>();
    int quoteBlock = -1;
    for (Line line : chosen) {
      if (line.quote() && line.block() == quoteBlock) {
        quote.add(unquoted(line.runs()));
        continue;
      }
      if (!quote.isEmpty()) {
        out.add(new Block.Quote(quote));
        quote = new ArrayList<>();
      }
      if (line.quote()) {
        quote.add(unquoted(line.runs()));
        quoteBlock = line.block();
      } else {
        out.add(new Block.Paragraph(line.runs()));
        quoteBlock = -1;
      }
    }
    if (!quote.isEmpty()) {
      out.add(new Block.Quote(quote));
    }
    return List.copyOf(out);
  }

  private static String key(String text) {
    String s = text.strip().replaceAll("\\s+", " ");
    while (!s.isEmpty() && isQuotationMark(s.charAt(0))) {
      s = s.substring(1).strip();
    }
    while (!s.isEmpty() && isQuotationMark(s.charAt(s.length() - 1))) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  private static boolean isQuotationMark(char c) {
    return c == '“' || c == '”' || c == '"';
  }

  /** A paragraph's lines with words in them, split where the script breaks the line. */
  private static List<List<Inline>> split(List<Inline> runs) {
    return Inline.lines(runs).stream().filter(l -> !Inline.plainText(l).isBlank()).toList();
  }

  /** {@code runs} without a quotation mark at either end (or the spaces beside it). */
  private static List<Inline> unquoted(List<Inline> runs) {
    List<Inline> out = new ArrayList<>(runs);
    trim(out, true);
    trim(out, false);
    return out;
  }

  private static void trim(List<Inline> runs, boolean start) {
    while (!runs.isEmpty()) {
      int i = start ? 0 : runs.size() - 1;
      Inline run = runs.get(i);
      String text = run.text();
      String trimmed = start ? text.stripLeading() : text.stripTrailing();
      while (!trimmed.isEmpty()
          && isQuotationMark(start ? trimmed.charAt(0) : trimmed.charAt(trimmed.length() - 1))) {
        trimmed =
            start
                ? trimmed.substring(1).stripLeading()
                : trimmed.substring(0, trimmed.length() - 1).stripTrailing();
      }
      if (trimmed.isEmpty()) {
        runs.remove(i);
        continue;
      }
      runs.set(i, new Inline(trimmed, run.strong(), run.emphasis()));
      return;
    }
  }
}
