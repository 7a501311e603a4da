package dev.genaipitch.core.match;

import java.util.Map;
import java.util.Set;

/**
 * English stems (the Porter2 algorithm, Snowball's "english" stemmer), so that "customizing",
 * "customize" and "customization" meet. Words of fewer than four letters, or with anything but
 * {@code a}-{@code z} in them, are left as they are.
 *
 * <p>Its outputs are those of the Snowball stemmer that Lucene 9.12 ships, which the matcher and
 * the grader were built and tuned with ({@code StemmerTest} holds its stems of 42,000 words); it
 * replaces that library because a whole analysis library is a lot of weight for one stemmer.
 * Snowball's later versions changed a few stems (for example "added" to "add"): following them
 * would change the matcher's features, so they are not followed here.
 */
public final class Stemmer {

  /** Words stemmed as a whole, before any rule: irregular forms and words the rules would spoil. */
  private static final Map<String, String> WHOLE_WORDS =
      Map.ofEntries(
          Map.entry("skis", "ski"),
          Map.entry("skies", "sky"),
          Map.entry("dying", "die"),
          Map.entry("lying", "lie"),
          Map.entry("tying", "tie"),
          Map.entry("idly", "idl"),
          Map.entry("gently", "gentl"),
          Map.entry("ugly", "ugli"),
          Map.entry("early", "earli"),
          Map.entry("only", "onli"),
          Map.entry("singly", "singl"),
          Map.entry("sky", "sky"),
          Map.entry("news", "news"),
          Map.entry("howe", "howe"),
          Map.entry("atlas", "atlas"),
          Map.entry("cosmos", "cosmos"),
          Map.entry("bias", "bias"),
          Map.entry("andes", "andes"));

  /** Words left alone after step 1a. */
  private static final Set<String> KEPT_AFTER_1A =
      Set.of("inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed");

  private static final String STEP_1A = "sses ied ies s us ss";
  private static final String STEP_1B = "eed eedly ed edly ing ingly";
  private static final String STEP_2 =
      "tional enci anci abli entli izer ization ational ation ator alism aliti alli fulness ousli"
          + " ousness iveness iviti biliti bli ogi fulli lessli li";
  private static final String STEP_3 = "tional ational alize icate iciti ical ful ness ative";
  private static final String STEP_4 =
      "al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion";

  private final StringBuilder w = new StringBuilder(24);

  /** Start of R1 and R2, Porter2's regions: after the first (second) non-vowel after a vowel. */
  private int p1;

  private int p2;

  private Stemmer() {}

  /** The stem of {@code word}, which should be in lower case. */
  public static String stem(String word) {
    if (word.length() < 4 || !isAsciiLetters(word)) {
      return word;
    }
    String whole = WHOLE_WORDS.get(word);
    return whole != null ? whole : new Stemmer().run(word);
  }

  private String run(String word) {
    w.append(word);
    // A y that acts as a consonant (first letter, or after a vowel) is marked Y while stemming.
    boolean marked = false;
    for (int i = 0; i < w.length(); i++) {
      if (w.charAt(i) == 'y' && (i == 0 || isVowel(w.charAt(i - 1)))) {
        w.setCharAt(i, 'Y');
        marked = true;
      }
    }
    markRegions();
    step1a();
    if (!KEPT_AFTER_1A.contains(w.toString())) {
      step1b();
      step1c();
      step2();
      step3();
      step4();
      step5();
    }
    String stem = w.toString();
    return marked ? stem.replace('Y', 'y') : stem;
  }

  private void markRegions() {
    int n = w.length();
    p1 = n;
    p2 = n;
    int r1 =
        startsWith("gener") || startsWith("arsen")
            ? 5
            : startsWith("commun") ? 6 : pastVowelAndConsonant(0);
    if (r1 < 0) {
      return;
    }
    p1 = r1;
    int r2 = pastVowelAndConsonant(r1);
    if (r2 >= 0) {
      p2 = r2;
    }
  }

  private boolean startsWith(String prefix) {
    return w.length() >= prefix.length() && w.indexOf(prefix) == 0;
  }

  /** Just past the first non-vowel that follows a vowel, searching from {@code from}; -1: none. */
  private int pastVowelAndConsonant(int from) {
    int n = w.length();
    int i = from;
    while (i < n && !isVowel(w.charAt(i))) {
      i++;
    }
    while (i < n && isVowel(w.charAt(i))) {
      i++;
    }
    return i < n ? i + 1 : -1;
  }

  private void step1a() {
    String suffix = longestSuffix(STEP_1A);
    int start = w.length() - suffix.length();
    switch (suffix) {
      case "sses" -> replaceFrom(start, "ss");
      case "ied", "ies" -> replaceFrom(start, start >= 2 ? "i" : "ie");
      case "s" -> {
        // gaps and kiwis lose the s; gas and this keep it
        if (start >= 1 && hasVowelBefore(start - 1)) {
          w.setLength(start);
        }
      }
      default -> {}
    }
  }

  private void step1b() {
    String suffix = longestSuffix(STEP_1B);
    if (suffix.isEmpty()) {
      return;
    }
    int start = w.length() - suffix.length();
    if (suffix.startsWith("eed")) {
      if (start >= p1) {
        replaceFrom(start, "ee");
      }
      return;
    }
    if (!hasVowelBefore(start)) {
      return;
    }
    w.setLength(start);
    if (endsWith("at") || endsWith("bl") || endsWith("iz")) {
      w.append('e');
    } else if (endsWithDouble()) {
      w.setLength(w.length() - 1);
    } else if (p1 == w.length() && endsShortSyllable(w.length())) {
      w.append('e');
    }
  }

  private void step1c() {
    int n = w.length();
    if (n >= 3 && (w.charAt(n - 1) == 'y' || w.charAt(n - 1) == 'Y') && !isVowel(w.charAt(n - 2))) {
      w.setCharAt(n - 1, 'i');
    }
  }

  private void step2() {
    String suffix = longestSuffix(STEP_2);
    int start = w.length() - suffix.length();
    if (suffix.isEmpty() || start < p1) {
      return;
    }
    switch (suffix) {
      case "tional" -> replaceFrom(start, "tion");
      case "enci" -> replaceFrom(start, "ence");
      case "anci" -> replaceFrom(start, "ance");
      case "abli" -> replaceFrom(start, "able");
      case "entli" -> replaceFrom(start, "ent");
      case "izer", "ization" -> replaceFrom(start, "ize");
      case "ational", "ation", "ator" -> replaceFrom(start, "ate");
      case "alism", "aliti", "alli" -> replaceFrom(start, "al");
      case "fulness", "fulli" -> replaceFrom(start, "ful");
      case "ousli", "ousness" -> replaceFrom(start, "ous");
      case "iveness", "iviti" -> replaceFrom(start, "ive");
      case "biliti", "bli" -> replaceFrom(start, "ble");
      case "lessli" -> replaceFrom(start, "less");
      case "ogi" -> {
        if (start >= 1 && w.charAt(start - 1) == 'l') {
          replaceFrom(start, "og");
        }
      }
      case "li" -> {
        if (start >= 1 && "cdeghkmnrt".indexOf(w.charAt(start - 1)) >= 0) {
          w.setLength(start);
        }
      }
      default -> throw new IllegalStateException(suffix);
    }
  }

  private void step3() {
    String suffix = longestSuffix(STEP_3);
    int start = w.length() - suffix.length();
    if (suffix.isEmpty() || start < p1) {
      return;
    }
    switch (suffix) {
      case "tional" -> replaceFrom(start, "tion");
      case "ational" -> replaceFrom(start, "ate");
      case "alize" -> replaceFrom(start, "al");
      case "icate", "iciti", "ical" -> replaceFrom(start, "ic");
      case "ful", "ness" -> w.setLength(start);
      case "ative" -> {
        if (start >= p2) {
          w.setLength(start);
        }
      }
      default -> throw new IllegalStateException(suffix);
    }
  }

  private void step4() {
    String suffix = longestSuffix(STEP_4);
    int start = w.length() - suffix.length();
    if (suffix.isEmpty() || start < p2) {
      return;
    }
    if (!suffix.equals("ion")
        || (start >= 1 && (w.charAt(start - 1) == 's' || w.charAt(start - 1) == 't'))) {
      w.setLength(start);
    }
  }

  private void step5() {
    int start = w.length() - 1;
    char last = w.charAt(start);
    if (last == 'e' && (start >= p2 || (start >= p1 && !endsShortSyllable(start)))) {
      w.setLength(start);
    } else if (last == 'l' && start >= p2 && w.charAt(start - 1) == 'l') {
      w.setLength(start);
    }
  }

  /**
   * The longest of the space-separated {@code suffixes} the word ends with, or "" for none: a step
   * applies its longest suffix, or nothing, even when a shorter one would have qualified.
   */
  private String longestSuffix(String suffixes) {
    String best = "";
    int from = 0;
    while (from < suffixes.length()) {
      int end = suffixes.indexOf(' ', from);
      if (end < 0) {
        end = suffixes.length();
      }
      if (end - from > best.length() && endsWith(suffixes, from, end)) {
        best = suffixes.substring(from, end);
      }
      from = end + 1;
    }
    return best;
  }

  private boolean endsWith(String s) {
    return endsWith(s, 0, s.length());
  }

  private boolean endsWith(String s, int from, int end) {
    int length = end - from;
    int offset = w.length() - length;
    if (offset < 0) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (w.charAt(offset + i) != s.charAt(from + i)) {
        return false;
      }
    }
    return true;
  }

  private boolean endsWithDouble() {
    int n = w.length();
    char c = w.charAt(n - 1);
    return n >= 2 && c == w.charAt(n - 2) && "bdfgmnprt".indexOf(c) >= 0;
  }

  /**
   * Whether the word's first {@code end} letters end in a short syllable: a vowel between
   * non-vowels, the last not w, x or Y; or, as the whole word, a vowel then a non-vowel.
   */
  private boolean endsShortSyllable(int end) {
    if (end >= 3) {
      char last = w.charAt(end - 1);
      return !isVowel(last)
          && last != 'w'
          && last != 'x'
          && last != 'Y'
          && isVowel(w.charAt(end - 2))
          && !isVowel(w.charAt(end - 3));
    }
    return end == 2 && isVowel(w.charAt(0)) && !isVowel(w.charAt(1));
  }

  private boolean hasVowelBefore(int end) {
    for (int i = 0; i < end; i++) {
      if (isVowel(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private void replaceFrom(int start, String ending) {
    w.setLength(start);
    w.append(ending);
  }

  private static boolean isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  }

  private static boolean isAsciiLetters(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }
}
