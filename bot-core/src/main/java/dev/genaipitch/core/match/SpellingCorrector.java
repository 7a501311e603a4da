package dev.genaipitch.core.match;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Corrects typos ("sagmaker", "bedrok", "anology") to words the guide uses, by edit distance with a
 * symmetric-delete index: fast, and only ever toward the guide's own vocabulary.
 */
final class SpellingCorrector {

  private static final int MAX_DISTANCE = 2;

  private final Map<String, Integer> frequency;

  /**
   * Each delete to the word ({@code String}) or words ({@code String[]}) it comes from, the words
   * in the order a {@code HashSet} of them iterates (see {@link #candidates}).
   */
  private volatile Map<String, Object> deletes;

  /**
   * @param frequency the words to correct toward, with how often the guide uses each
   */
  SpellingCorrector(Map<String, Integer> frequency) {
    this.frequency = Map.copyOf(frequency);
  }

  /**
   * The delete index, built when the first word needs correcting: most questions never do, and
   * building it up front would slow every start.
   *
   * <p>Compact: a delete that one word gives (most of them) maps to that word itself, one that
   * several give to an array, never to a set of its own (tens of thousands of small sets were most
   * of the index's memory, docs/performance.md). The arrays keep the order in which the small
   * {@code HashSet}s this index used to hold iterated their words, because {@link #closest} keeps
   * the first of equally good candidates: the corrections stay exactly what they were.
   */
  private Map<String, Object> deletes() {
    Map<String, Object> index = deletes;
    if (index == null) {
      synchronized (this) {
        index = deletes;
        if (index == null) {
          index = new HashMap<>();
          for (String word : frequency.keySet()) {
            if (word.length() >= 4) {
              // A question word of 8+ letters may be 2 edits away; shorter ones only 1.
              int reach = word.length() >= 7 ? MAX_DISTANCE : 1;
              for (String d : deletesOf(word, reach)) {
                index.merge(d, word, SpellingCorrector::append);
              }
            }
          }
          index.replaceAll((d, words) -> words instanceof String[] many ? inSetOrder(many) : words);
          deletes = index;
        }
      }
    }
    return index;
  }

  private static Object append(Object words, Object word) {
    if (words instanceof String[] many) {
      String[] more = Arrays.copyOf(many, many.length + 1);
      more[many.length] = (String) word;
      return more;
    }
    return new String[] {(String) words, (String) word};
  }

  /**
   * The words (in the order they were added) in the order a {@code HashSet} created with capacity 2
   * and given them in that order iterates them: the order the index's sets used to give.
   */
  private static String[] inSetOrder(String[] added) {
    Set<String> set = new HashSet<>(2);
    Collections.addAll(set, added);
    return set.toArray(new String[0]);
  }

  /** The words the delete {@code d} comes from, in the order {@link #closest} meets them. */
  List<String> candidates(String d) {
    Object found = deletes().get(d);
    if (found == null) {
      return List.of();
    }
    return found instanceof String[] many ? List.of(many) : List.of((String) found);
  }

  /**
   * A corrector toward the words a guide uses more than once (a word seen once is as likely a typo
   * itself), neutral words left out.
   */
  static SpellingCorrector towardVocabulary(Map<String, Integer> frequency) {
    Map<String, Integer> targets = new HashMap<>();
    frequency.forEach(
        (word, count) -> {
          if (count > 1 && !Lexicon.NEUTRAL.contains(word)) {
            targets.put(word, count);
          }
        });
    return new SpellingCorrector(targets);
  }

  /** The closest known word within the distance the word's length allows, or null. */
  String correct(String word) {
    return closest(word, 0);
  }

  /**
   * A different word within the allowed distance used at least {@code minFrequency} times, or null:
   * for reading a rare spelling as the common word it most likely misspells.
   */
  String correctToCommoner(String word, int minFrequency) {
    String best = closest(word, minFrequency);
    return word.equals(best) ? null : best;
  }

  private String closest(String word, int minFrequency) {
    int allowed = word.length() >= 8 ? 2 : word.length() >= 5 ? 1 : 0;
    if (allowed == 0) {
      return null;
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestFrequency = -1;
    Set<String> seen = new HashSet<>();
    for (String d : deletesOf(word, allowed)) {
      Object found = deletes().get(d);
      if (found == null) {
        continue;
      }
      String[] many = found instanceof String[] words ? words : null;
      int count = many == null ? 1 : many.length;
      for (int i = 0; i < count; i++) {
        String candidate = many == null ? (String) found : many[i];
        if (!seen.add(candidate)
            || Math.abs(candidate.length() - word.length()) > allowed
            || (minFrequency > 0
                && (frequency.get(candidate) < minFrequency || candidate.equals(word)))) {
          continue;
        }
        int distance = distance(word, candidate);
        int freq = frequency.get(candidate);
        if (distance <= allowed
            && (distance < bestDistance || (distance == bestDistance && freq > bestFrequency))) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = freq;
        }
      }
    }
    return best;
  }

  private static Set<String> deletesOf(String word, int depth) {
    Set<String> out = new HashSet<>();
    out.add(word);
    List<String> frontier = List.of(word);
    for (int d = 0; d < depth; d++) {
      Set<String> next = new HashSet<>();
      for (String w : frontier) {
        for (int i = 0; i < w.length(); i++) {
          next.add(w.substring(0, i) + w.substring(i + 1));
        }
      }
      out.addAll(next);
      frontier = List.copyOf(next);
    }
    return out;
  }

  /** Optimal-string-alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
