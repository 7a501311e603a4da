package dev.genaipitch.core.match;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits what people type into lower-case word tokens: accents, emoji, punctuation, markup and
 * zero-width characters are dropped; apostrophes join ("what's" is "whats"); "&" reads "and".
 */
final class Tokenizer {

  /** Long messages are matched on their opening; no question needs more. */
  static final int MAX_CHARS = 2_000;

  private Tokenizer() {}

  static List<String> tokens(String text) {
    String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    if (!isPlainAscii(s)) {
      s = Normalizer.normalize(s, Normalizer.Form.NFKD);
    }
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
        continue;
      }
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.FORMAT
          || c == '\''
          || c == '\u2019'
          || c == '\u2018'
          || c == '`') {
        continue; // accents, keycaps, zero-width joiners, apostrophes: stay inside the word
      }
      flush(word, tokens);
      if (c == '&') {
        tokens.add("and");
      }
    }
    flush(word, tokens);
    return tokens;
  }

  private static void flush(StringBuilder word, List<String> tokens) {
    if (word.length() > 0) {
      String w = word.toString().toLowerCase(Locale.ROOT);
      if (w.length() <= 40) {
        tokens.add(w);
      }
      word.setLength(0);
    }
  }

  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
