package dev.genaipitch.slack;

import dev.genaipitch.core.Inline;
import java.util.ArrayList;
import java.util.List;

/**
 * Slack's mrkdwn: escaping and the script's emphasis. Everything that ends up in a mrkdwn field
 * goes through {@link #escape}, so neither the script nor a user can ping {@code <!channel>},
 * mention someone or forge a link.
 */
final class Mrkdwn {

  private Mrkdwn() {}

  /** Escapes the three characters Slack treats as control characters in mrkdwn. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Undoes Slack's own escaping of message text (Slack sends {@code &amp;}, {@code &lt;} and {@code
   * &gt;}), so that the matcher sees what the user typed and {@link #escape} never escapes twice.
   */
  static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  /**
   * The script's runs as mrkdwn: bold as {@code *bold*}, italic as {@code _italic_}. Consecutive
   * bold runs share one pair of asterisks so that italics nested in bold stay readable.
   */
  static String inline(List<Inline> runs) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < runs.size()) {
      if (runs.get(i).strong()) {
        StringBuilder bold = new StringBuilder();
        while (i < runs.size() && runs.get(i).strong()) {
          Inline run = runs.get(i++);
          bold.append(run.emphasis() ? wrap("_", escape(run.text())) : escape(run.text()));
        }
        sb.append(wrap("*", bold.toString()));
      } else {
        Inline run = runs.get(i++);
        sb.append(run.emphasis() ? wrap("_", escape(run.text())) : escape(run.text()));
      }
    }
    return sb.toString();
  }

  /**
   * Wraps each line of {@code text} in {@code marker}, keeping surrounding whitespace outside:
   * Slack ignores {@code * bold*} and markers that span a line break.
   */
  static String wrap(String marker, String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      int start = 0;
      int end = line.length();
      while (start < end && Character.isWhitespace(line.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
        end--;
      }
      if (start == end) {
        out.add(line);
      } else {
        out.add(
            line.substring(0, start)
                + marker
                + line.substring(start, end)
                + marker
                + line.substring(end));
      }
    }
    return String.join("\n", out);
  }

  /** Cuts {@code text} to at most {@code max} characters, ending with an ellipsis when cut. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max - 1;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "…";
  }
}
