package dev.genaipitch.core.practice;

import dev.genaipitch.core.match.Stemmer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads words the way the grader compares them: lower case, contractions opened ("don't" is "do
 * not"), spelling slips corrected toward the cues' own words, the practice vocabulary's variants
 * read as their word ("br" is "bedrock"), then stemmed ("customizing" meets "customize").
 */
final class Words {

  private static final Map<String, List<String>> CONTRACTIONS = contractions();

  private final Map<List<String>, List<String>> vocabulary = new HashMap<>();
  private final int longestVariant;
  private final Set<String> known = new HashSet<>();
  private final Map<Integer, List<String>> knownByLength = new HashMap<>();
  private final boolean correctSpelling;

  /** Spelling decisions kept for reuse; past this, words are looked at afresh each time. */
  static final int MAX_CACHED_CORRECTIONS = 20_000;

  private final Map<String, String> corrections = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param vocabulary variant to word, both as space-separated lower-case words
   * @param cueWords every word the cues use: what spelling slips are corrected toward
   */
  Words(Map<String, String> vocabulary, Collection<String> cueWords, boolean correctSpelling) {
    this.correctSpelling = correctSpelling;
    int longest = 1;
    for (Map.Entry<String, String> e : vocabulary.entrySet()) {
      List<String> variant = List.of(e.getKey().split(" "));
      this.vocabulary.put(variant, List.of(e.getValue().split(" ")));
      longest = Math.max(longest, variant.size());
      known.addAll(variant);
      known.addAll(List.of(e.getValue().split(" ")));
    }
    this.longestVariant = longest;
    for (String w : cueWords) {
      known.add(w);
      if (!w.endsWith("s")) {
        known.add(w + "s");
      }
    }
    for (String w : known) {
      knownByLength.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w);
    }
  }

  /** Splits text into lower-case words; {@code '\n'}, {@code .!?;} and commas kept as marks. */
  static List<String> split(String text) {
    String s = text;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        s = Normalizer.normalize(s, Normalizer.Form.NFKD);
        break;
      }
    }
    s = s.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
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
          || c == '\u2018') {
        continue;
      }
      flush(word, out);
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') {
        if (!(c == '.' && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1)))) {
          out.add(AnswerText.SENTENCE_END);
        }
      } else if (c == ',' || c == ':' || c == '(' || c == ')' || c == '\u2014') {
        out.add(AnswerText.COMMA);
      } else if (c == '&') {
        out.add("and");
      }
    }
    flush(word, out);
    return out;
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (word.length() > 0) {
      String w = word.toString();
      List<String> opened = CONTRACTIONS.get(w);
      if (opened != null) {
        out.addAll(opened);
      } else if (w.length() <= 40) {
        out.add(w);
      }
      word.setLength(0);
    }
  }

  /**
   * Corrects and maps words (marks pass through): the practice vocabulary's longest variant wins.
   */
  List<String> normalize(List<String> words) {
    List<String> corrected = new ArrayList<>(words.size());
    for (String w : words) {
      corrected.add(correct(w));
    }
    List<String> out = new ArrayList<>(words.size());
    int i = 0;
    while (i < corrected.size()) {
      boolean replaced = false;
      for (int n = Math.min(longestVariant, corrected.size() - i); n >= 1 && !replaced; n--) {
        List<String> word = vocabulary.get(corrected.subList(i, i + n));
        if (word != null) {
          out.addAll(word);
          i += n;
          replaced = true;
        }
      }
      if (!replaced) {
        out.add(corrected.get(i));
        i++;
      }
    }
    return out;
  }

  /** The word a spelling slip most likely meant, or the word itself. */
  String correct(String word) {
    if (!correctSpelling || word.length() < 5 || known.contains(word) || !isLetters(word)) {
      return word;
    }
    String cached = corrections.get(word);
    if (cached != null) {
      return cached;
    }
    String corrected = nearest(word);
    if (corrections.size() < MAX_CACHED_CORRECTIONS) {
      corrections.put(word, corrected); // bounded: a server reads words without end
    }
    return corrected;
  }

  private String nearest(String word) {
    int allowed = word.length() >= 8 ? 2 : 1;
    String best = word;
    int bestDistance = allowed + 1;
    boolean tie = false;
    for (int len = word.length() - allowed; len <= word.length() + allowed; len++) {
      for (String candidate : knownByLength.getOrDefault(len, List.of())) {
        if (candidate.length() < 5 || candidate.charAt(0) != word.charAt(0)) {
          continue;
        }
        int d = distance(word, candidate, allowed);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
          tie = false;
        } else if (d == bestDistance && !candidate.equals(best)) {
          tie = true;
        }
      }
    }
    return bestDistance <= allowed && !tie ? best : word;
  }

  /** Optimal string alignment distance, giving up above {@code limit}. */
  static int distance(String a, String b, int limit) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
    }
    return d[a.length()][b.length()];
  }

  static String stem(String word) {
    return Stemmer.stem(word);
  }

  private static boolean isLetters(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  private static Map<String, List<String>> contractions() {
    Map<String, List<String>> map = new HashMap<>();
    for (String base :
        List.of(
            "do", "does", "did", "is", "are", "was", "were", "would", "should", "could", "has",
            "have", "had", "need", "must", "ai")) {
      map.put(base + "nt", List.of(base, "not"));
    }
    map.put("dont", List.of("do", "not"));
    map.put("wont", List.of("will", "not"));
    map.put("cant", List.of("can", "not"));
    map.put("cannot", List.of("can", "not"));
    map.put("isn", List.of("is", "not"));
    map.put("arent", List.of("are", "not"));
    map.put("theyre", List.of("they", "are"));
    map.put("youre", List.of("you", "are"));
    map.put("its", List.of("it", "is"));
    map.put("thats", List.of("that", "is"));
    return map;
  }
}
