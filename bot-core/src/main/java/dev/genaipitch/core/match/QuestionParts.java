package dev.genaipitch.core.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a message into the questions it asks: "need both? also give me the RDS line", "60-sec
 * version + which regions?", "1) how to open 2) AWS vs Azure". Splits only where people join two
 * asks: a question mark with more after it, a line break, a semicolon, "+", "also", "plus", "then",
 * a numbered list, "&" or ", and", or "and" followed by a new question ("and what", "and how much")
 * or an article ("and the table of stages").
 */
final class QuestionParts {

  private static final Pattern STRONG =
      Pattern.compile(
          "(?<=\\?)(?=\\s*[^\\s?])|[\\n;]+|\\s\\+\\s?|\\+\\s"
              + "|(?<=\\s|^)(?:\\(?[1-9][).:]|\\([1-9]\\))\\s"
              + "|,?\\s+(?:and\\s+)?(?:also|plus|as well as|in addition|then)[,:]?\\s+",
          Pattern.CASE_INSENSITIVE);

  /**
   * Weaker joins, split only where a new ask plausibly starts: "and" (or "&") before a question
   * word or a request ("and what", "and give me"), "&" or ", and" before anything ("60 sec pitch &
   * the GPU types", "use case list, and max context window"), "and" before an article ("the defs
   * and the table of stages"). A part that asks nothing on its own is joined back (see {@code
   * IntentMatcher}), so "bedrock & sagemaker" stays one question.
   */
  private static final Pattern NEW_QUESTION_AFTER_AND =
      Pattern.compile(
          ",?\\s+(?:and|&)\\s+(?=(?:what|whats|what's|how|which|where|when|who|why|give|send|share|"
              + "show|tell|pls|please|can you|can u|could you)\\b)"
              + "|,?\\s+&\\s+|,\\s+and\\s+|\\s+and\\s+(?=(?:the|a|an)\\s)",
          Pattern.CASE_INSENSITIVE);

  /** What {@code \\s} matches in the patterns (no UNICODE_CHARACTER_CLASS). */
  private static final String WHITESPACE = " \t\n\u000B\f\r";

  /** Words one of the patterns' alternatives needs ("as well as" and "in addition" by one). */
  private static final List<String> JOINING_WORDS =
      List.of("and", "also", "plus", "then", "well", "addition");

  private QuestionParts() {}

  /** The parts of {@code text} in order, trimmed; one part when it asks one thing. */
  static List<String> split(String text) {
    if (!mayJoin(text)) {
      // What the two passes below make of a text neither pattern finds anything in.
      List<String> whole = new ArrayList<>(1);
      add(whole, text);
      List<String> out = new ArrayList<>(1);
      for (String part : whole) {
        add(out, part);
      }
      return out;
    }
    return byPatterns(text);
  }

  /** {@link #split} without the shortcut: both patterns run, whatever the text. */
  static List<String> byPatterns(String text) {
    List<String> out = new ArrayList<>();
    for (String strong : splitOn(STRONG, text)) {
      out.addAll(splitOn(NEW_QUESTION_AFTER_AND, strong));
    }
    return out;
  }

  /**
   * Whether either pattern could find a join in {@code text}: false only when it has none of the
   * characters and words every alternative of them needs (a question mark with something after it,
   * a line break, ";", "+", "&", a digit, "and", "also", "plus", "then", "as well as", "in
   * addition"). Most questions ask one thing, and scanning for these is far cheaper than running
   * the two patterns, with their look-behinds, at every position. Errs towards true: the patterns
   * decide.
   */
  static boolean mayJoin(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == ';' || c == '+' || c == '&' || (c >= '1' && c <= '9')) {
        return true;
      }
      if (c == '?') {
        int next = i + 1;
        while (next < text.length() && WHITESPACE.indexOf(text.charAt(next)) >= 0) {
          next++;
        }
        if (next < text.length() && text.charAt(next) != '?') {
          return true;
        }
      }
    }
    // The patterns are case-insensitive for ASCII letters only; lower-casing every letter can
    // only find more of these words, never fewer.
    String lower = text.toLowerCase(Locale.ROOT);
    for (String word : JOINING_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> splitOn(Pattern separator, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = separator.matcher(text);
    int from = 0;
    while (m.find()) {
      add(out, text.substring(from, m.start()));
      from = m.end();
    }
    add(out, text.substring(from));
    return out;
  }

  private static void add(List<String> out, String part) {
    String p = part.strip();
    while (!p.isEmpty() && ",.:-–—&/+".indexOf(p.charAt(p.length() - 1)) >= 0) {
      p = p.substring(0, p.length() - 1).strip();
    }
    while (!p.isEmpty() && ",.:-–—&/".indexOf(p.charAt(0)) >= 0) {
      p = p.substring(1).strip();
    }
    if (p.toLowerCase(Locale.ROOT).startsWith("and ")) {
      p = p.substring(4).strip();
    }
    if (!p.isEmpty()) {
      out.add(p);
    }
  }
}
