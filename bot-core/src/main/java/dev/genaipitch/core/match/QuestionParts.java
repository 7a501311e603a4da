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

  private QuestionParts() {}

  /** The parts of {@code text} in order, trimmed; one part when it asks one thing. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    for (String strong : splitOn(STRONG, text)) {
      out.addAll(splitOn(NEW_QUESTION_AFTER_AND, strong));
    }
    return out;
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
