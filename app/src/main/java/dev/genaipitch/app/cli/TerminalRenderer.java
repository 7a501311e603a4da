package dev.genaipitch.app.cli;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import dev.genaipitch.core.Part;
import dev.genaipitch.core.Topic;
import dev.genaipitch.core.content.Guide;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an answer for a terminal: the heading, the script's text wrapped to the width, the
 * say-it-out-loud quotes set off with a bar, bullets, the stage table with aligned columns, and
 * numbered follow-ups. ANSI styling only when asked for (a real terminal without NO_COLOR).
 */
final class TerminalRenderer {

  private static final String BOLD = "\u001b[1m";
  private static final String ITALIC = "\u001b[3m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  /** Under the heading of a section's short form ({@link Answer#brief}). */
  static final String IN_BRIEF = "In brief: the whole section is one number away.";

  /** The choice of a short form that opens the whole section. */
  static final String WHOLE_SECTION = "The whole section";

  private final boolean ansi;
  private final int width;

  TerminalRenderer(boolean ansi, int width) {
    this.ansi = ansi;
    this.width = Math.max(40, width);
  }

  /** Styling on for an interactive terminal unless NO_COLOR is set. */
  static TerminalRenderer forConsole() {
    boolean tty = System.console() != null && System.getenv("NO_COLOR") == null;
    return new TerminalRenderer(tty, 80);
  }

  /**
   * The answer, then its numbered choices; returns the ids in the order they were numbered. Each
   * topic gets one number, however many lists would offer it.
   */
  String render(Answer answer, List<String> numbered) {
    StringBuilder out = new StringBuilder();
    if (!answer.keyLine().isEmpty()) {
      for (String line : wrap("The script says: “" + answer.keyLine() + "”", width)) {
        out.append(style(BOLD, line)).append('\n');
      }
      out.append('\n');
    }
    out.append(style(BOLD, answer.heading())).append("\n");
    if (answer.brief()) {
      out.append(style(DIM, IN_BRIEF)).append('\n');
    }
    out.append('\n');
    for (Block block : answer.blocks()) {
      renderBlock(block, out);
      out.append('\n');
    }
    for (Part part : answer.parts()) {
      out.append(style(BOLD, part.heading())).append("\n\n");
      for (Block block : part.blocks()) {
        renderBlock(block, out);
        out.append('\n');
      }
    }
    for (String notCovered : answer.notCovered()) {
      for (String line :
          wrap("Not in the script, so no answer here: “" + notCovered + "”", width)) {
        out.append(style(DIM, line)).append('\n');
      }
      out.append('\n');
    }
    switch (answer.kind()) {
      case NONE -> {
        List<Topic> closest = new ArrayList<>(answer.alternatives());
        closest.add(new Topic(Guide.HELP, "All topics", ""));
        choices("Closest topics:", closest, numbered, out);
      }
      case HELP -> choices("Topics:", answer.menu(), numbered, out);
      case SECTION -> {
        List<String> alternatives = answer.alternatives().stream().map(Topic::id).toList();
        choices(
            "Follow-ups:",
            answer.followUps().stream()
                .filter(t -> !alternatives.contains(t.id()))
                .map(
                    t ->
                        answer.brief() && t.id().equals(answer.intent())
                            ? new Topic(t.id(), WHOLE_SECTION, t.summary())
                            : t)
                .toList(),
            numbered,
            out);
        choices("Did you mean:", answer.alternatives(), numbered, out);
      }
    }
    return out.toString();
  }

  private void choices(String label, List<Topic> topics, List<String> numbered, StringBuilder out) {
    if (topics.isEmpty()) {
      return;
    }
    out.append(style(BOLD, label)).append('\n');
    for (Topic t : topics) {
      if (numbered.contains(t.id())) {
        continue;
      }
      numbered.add(t.id());
      out.append(
          String.format(
              "  [%d] %s %s%n", numbered.size(), t.title(), style(DIM, "(" + t.id() + ")")));
      if (!t.summary().isEmpty() && label.equals("Topics:")) {
        for (String line : wrap(t.summary(), width - 6)) {
          out.append("      ").append(style(DIM, line)).append('\n');
        }
      }
    }
    out.append('\n');
  }

  private void renderBlock(Block block, StringBuilder out) {
    if (block instanceof Block.Heading h) {
      out.append(style(BOLD, Inline.plainText(h.text()))).append('\n');
    } else if (block instanceof Block.Paragraph p) {
      for (String line : paragraphLines(p.text(), width)) {
        out.append(line).append('\n');
      }
    } else if (block instanceof Block.Quote q) {
      for (List<Inline> line : q.lines()) {
        for (String wrapped : wrap(Inline.plainText(line), width - 4)) {
          out.append(style(CYAN, "  ┃ " + wrapped)).append('\n');
        }
      }
    } else if (block instanceof Block.BulletList l) {
      for (List<Inline> item : l.items()) {
        List<String> lines = wrap(Inline.plainText(item), width - 4);
        for (int i = 0; i < lines.size(); i++) {
          out.append(i == 0 ? "  • " : "    ").append(lines.get(i)).append('\n');
        }
      }
    } else if (block instanceof Block.Table t) {
      renderTable(t, out);
    }
  }

  private void renderTable(Block.Table table, StringBuilder out) {
    int columns = table.header().size();
    int[] widths = new int[columns];
    List<List<String>> all = new ArrayList<>();
    all.add(table.header());
    all.addAll(table.rows());
    for (List<String> row : all) {
      for (int c = 0; c < columns && c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (int r = 0; r < all.size(); r++) {
      StringBuilder line = new StringBuilder("  ");
      List<String> row = all.get(r);
      for (int c = 0; c < columns; c++) {
        String cell = c < row.size() ? row.get(c) : "";
        line.append(String.format("%-" + widths[c] + "s", cell));
        if (c < columns - 1) {
          line.append("  │  ");
        }
      }
      out.append(r == 0 ? style(BOLD, line.toString()) : line.toString()).append('\n');
      if (r == 0) {
        StringBuilder rule = new StringBuilder("  ");
        for (int c = 0; c < columns; c++) {
          rule.append("─".repeat(widths[c]));
          if (c < columns - 1) {
            rule.append("──┼──");
          }
        }
        out.append(rule).append('\n');
      }
    }
  }

  /** A word of a paragraph with its style, and whether a space comes before it. */
  private record Word(String text, Inline style, boolean spaceBefore, boolean lineBreakBefore) {}

  /**
   * Wraps styled runs to {@code max} columns, keeping each word's style and the script's line
   * breaks.
   */
  private List<String> paragraphLines(List<Inline> runs, int max) {
    List<Word> words = new ArrayList<>();
    boolean space = false;
    boolean lineBreak = false;
    for (Inline run : runs) {
      StringBuilder current = new StringBuilder();
      for (int i = 0; i <= run.text().length(); i++) {
        char c = i < run.text().length() ? run.text().charAt(i) : ' ';
        boolean end = i == run.text().length();
        if (c == ' ' || c == '\n') {
          if (current.length() > 0) {
            words.add(new Word(current.toString(), run, space, lineBreak));
            current.setLength(0);
            space = false;
            lineBreak = false;
          }
          if (!end) {
            space = true;
            lineBreak |= c == '\n';
          }
        } else {
          current.append(c);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int visible = 0;
    for (Word w : words) {
      boolean wrapHere =
          w.lineBreakBefore() || (visible > 0 && visible + 1 + w.text().length() > max);
      if (wrapHere && visible > 0) {
        lines.add(line.toString());
        line.setLength(0);
        visible = 0;
      } else if (w.spaceBefore() && visible > 0) {
        line.append(' ');
        visible++;
      }
      line.append(styleRun(w.style(), w.text()));
      visible += w.text().length();
    }
    if (visible > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private String styleRun(Inline run, String word) {
    if (!ansi || (!run.strong() && !run.emphasis())) {
      return word;
    }
    return (run.strong() ? BOLD : "") + (run.emphasis() ? ITALIC : "") + word + RESET;
  }

  private String style(String code, String text) {
    return ansi ? code + text + RESET : text;
  }

  static List<String> wrap(String text, int max) {
    List<String> lines = new ArrayList<>();
    for (String hard : text.split("\n")) {
      StringBuilder line = new StringBuilder();
      for (String word : hard.split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        if (line.length() + word.length() + 1 > max && line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
