package dev.genaipitch.core;

/**
 * A user's words made safe to show back as one line of text, whatever the platform: every character
 * they typed stays visible and in place, and nothing they typed can act on the text around it.
 *
 * <p>Renderers still put the result where the platform does not parse markup (Slack's {@code
 * plain_text}, a Teams {@code TextRun}, a text node); this only deals with what no markup setting
 * covers: control characters and the Unicode controls that reorder text.
 */
public final class UserWords {

  private UserWords() {}

  /**
   * {@code words} as one line to show: line breaks, tabs and other spacing controls become a space;
   * any other control character (C0, DEL, C1) becomes a visible symbol (U+2400 "␀" to U+241F,
   * U+2421 "␡", U+FFFD "�" for C1) instead of acting or vanishing; and the bidirectional
   * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are dropped, so that typed
   * words cannot reverse or reorder the text after them (the closing quote, a name). Right-to-left
   * words need none of these to read right: Unicode's algorithm orders them by their letters.
   */
  public static String shown(String words) {
    StringBuilder sb = new StringBuilder(words.length());
    for (int i = 0; i < words.length(); i++) {
      char c = words.charAt(i);
      if ((c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0x2028 || c == 0x2029) {
        sb.append(' ');
      } else if (c < 0x20) {
        sb.append((char) (0x2400 + c));
      } else if (c == 0x7f) {
        sb.append('\u2421');
      } else if (c >= 0x80 && c <= 0x9f) {
        sb.append('\ufffd');
      } else if (!reorders(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean reorders(char c) {
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }
}
