package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a message that navigates the guide by its numbering ("whats in section 9", "and section
 * 7?", "step 1 of the script", "4" after "3?"). The numbers are the script's own: each section's
 * heading starts with one ("7️⃣ Address the Common Customer Confusion"), so a guide whose headings
 * carry none has no numbered sections. Words cannot tell a section's number apart from the
 * matcher's other evidence (the examples name only the few numbers their writers happened to use),
 * so the reference itself decides.
 */
final class SectionNumbers {

  /** A heading's number: digits, then a keycap ("7️⃣"), a dot, a parenthesis or a space. */
  private static final Pattern HEADING =
      Pattern.compile("^\\s*(\\d{1,2})(?:\uFE0F?\u20E3|[.)]|\\s)");

  /**
   * A section named by its number anywhere in a message. "Before section 1" or "after section 3"
   * points next to it, not at it.
   */
  private static final Pattern NAMED =
      Pattern.compile(
          "(?<!\\bbefore |\\bafter"
              + " )\\b(?:section|part|step|chapter)\\s*(?:#|no\\.?\\s*|number\\s*)?(\\d{1,2})\\b");

  /**
   * A number alone, as the next in a run of sections ("3?", "and 8", "ok 4 then"): read so only in
   * a conversation, after an answer.
   */
  private static final Pattern BARE =
      Pattern.compile(
          "(?:(?:and|ok|okay|so|then|now|what about|how about)[,\\s]+)?(?:#|no\\.?\\s*)?(\\d{1,2})"
              + "(?:\\s*(?:then|too|pls|please|now))?[\\s?.!]*");

  private final Map<Integer, String> byNumber;

  private SectionNumbers(Map<Integer, String> byNumber) {
    this.byNumber = Map.copyOf(byNumber);
  }

  static SectionNumbers of(Guide guide) {
    Map<Integer, String> byNumber = new HashMap<>();
    for (Section s : guide.sections()) {
      Matcher m = HEADING.matcher(s.heading() == null ? "" : s.heading());
      if (m.find()) {
        byNumber.putIfAbsent(Integer.parseInt(m.group(1)), s.id());
      }
    }
    return new SectionNumbers(byNumber);
  }

  /**
   * The section {@code text} names by its number, if any.
   *
   * @param inConversation whether an answer came before, so that a number alone continues a run
   */
  Optional<String> named(String text, boolean inConversation) {
    if (byNumber.isEmpty() || text.length() > 200) {
      return Optional.empty();
    }
    if (!hasDigit(text)) {
      // Both patterns need a digit, and lower-casing makes none. Most questions have none, and
      // NAMED tries its look-behind at every position of the text.
      return Optional.empty();
    }
    return byPatterns(text, inConversation);
  }

  /** {@link #named} without the shortcut: the patterns run, whatever the text. */
  Optional<String> byPatterns(String text, boolean inConversation) {
    if (byNumber.isEmpty() || text.length() > 200) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher named = NAMED.matcher(t);
    if (named.find()) {
      return Optional.ofNullable(byNumber.get(Integer.parseInt(named.group(1))));
    }
    Matcher bare = BARE.matcher(t);
    if (inConversation && bare.matches()) {
      return Optional.ofNullable(byNumber.get(Integer.parseInt(bare.group(1))));
    }
    return Optional.empty();
  }

  /** Whether {@code text} has a character {@code \d} matches (no UNICODE_CHARACTER_CLASS). */
  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }
}
