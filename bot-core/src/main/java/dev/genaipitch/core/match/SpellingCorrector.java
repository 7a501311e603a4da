package dev.genaipitch.core.match;

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
  private volatile Map<String, Set<String>> deletes;

  /**
   * @param frequency the words to correct toward, with how often the guide uses each
   */
  SpellingCorrector(Map<String, Integer> frequency) {
    this.frequency = Map.copyOf(frequency);
  }

  /**
   * The delete index, built when the first word needs correcting: most questions never do, and
   * building it up front would slow every start.
   */
  private Map<String, Set<String>> deletes() {
    Map<String, Set<String>> index = deletes;
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
                index.computeIfAbsent(d, k -> new HashSet<>(2)).add(word);
              }
            }
          }
          deletes = index;
        }
      }
    }
    return index;
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
      Set<String> candidates = deletes().get(d);
      if (candidates == null) {
        continue;
      }
      for (String candidate : candidates) {
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
