package dev.genaipitch.teams;

import dev.genaipitch.core.Inline;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes text as the Markdown subset Adaptive Cards render in Teams: bold, italic, lists, links.
 */
final class Markdown {

  /** Characters that would start emphasis, a link, code or an HTML tag. */
  private static final String SPECIAL = "\\*_[]`~<>";

  /** A line that would otherwise become a list item or heading. */
  private static final Pattern BLOCK_START =
      Pattern.compile("(?m)^(\\s*)([-+#]|\\d+[.)])(?=\\s|$)");

  private Markdown() {}

  /** {@code text} shown literally. */
  static String escape(String text) {
    return escapeLineStarts(escapeCharacters(text));
  }

  private static String escapeCharacters(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String escapeLineStarts(String markdown) {
    return BLOCK_START
        .matcher(markdown)
        .replaceAll(
            m -> {
              String marker = m.group(2);
              String escaped =
                  Character.isDigit(marker.charAt(0))
                      ? marker.substring(0, marker.length() - 1)
                          + "\\"
                          + marker.charAt(marker.length() - 1)
                      : "\\" + marker;
              return java.util.regex.Matcher.quoteReplacement(m.group(1) + escaped);
            });
  }

  /** A line of runs that starts a text block, so that it cannot turn into a list or heading. */
  static String line(List<Inline> runs) {
    return escapeLineStarts(inline(runs));
  }

  /**
   * Runs as Markdown: {@code **bold**}, {@code _italic_}, text escaped. Neighbouring runs of the
   * same style are joined first, since {@code **a****b**} would not render as bold.
   */
  static String inline(List<Inline> runs) {
    StringBuilder sb = new StringBuilder();
    for (Inline run : merge(runs)) {
      String text = run.text();
      if (!run.strong() && !run.emphasis()) {
        sb.append(escapeCharacters(text));
        continue;
      }
      // Markers must touch the words: " **bold** ", never "** bold **".
      int start = 0;
      int end = text.length();
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (start == end) {
        sb.append(text);
        continue;
      }
      String open = (run.strong() ? "**" : "") + (run.emphasis() ? "_" : "");
      String close = (run.emphasis() ? "_" : "") + (run.strong() ? "**" : "");
      sb.append(text, 0, start)
          .append(open)
          .append(escapeCharacters(text.substring(start, end)))
          .append(close)
          .append(text, end, text.length());
    }
    return sb.toString();
  }

  private static List<Inline> merge(List<Inline> runs) {
    List<Inline> out = new ArrayList<>();
    for (Inline run : runs) {
      int last = out.size() - 1;
      if (last >= 0
          && out.get(last).strong() == run.strong()
          && out.get(last).emphasis() == run.emphasis()) {
        out.set(last, new Inline(out.get(last).text() + run.text(), run.strong(), run.emphasis()));
      } else {
        out.add(run);
      }
    }
    return out;
  }
}
