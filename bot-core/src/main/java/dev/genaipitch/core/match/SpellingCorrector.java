package dev.genaipitch.core.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Corrects typos ("sagmaker", "bedrok", "anology") to words the guide uses, by edit distance with a
 * symmetric-delete index: fast, and only ever toward the guide's own vocabulary.
 */
final class SpellingCorrector {

  private static final int MAX_DISTANCE = 2;

  private final Map<String, Integer> frequency;
  private final ToLongFunction<String> hash;

  /** The delete index, built when the first word needs correcting (see {@link #deletes()}). */
  private volatile DeleteIndex deletes;

  /**
   * @param frequency the words to correct toward, with how often the guide uses each
   */
  SpellingCorrector(Map<String, Integer> frequency) {
    this(frequency, DeleteIndex::hash);
  }

  /**
   * @param hash how the index hashes a delete (tests pass one that collides often)
   */
  SpellingCorrector(Map<String, Integer> frequency, ToLongFunction<String> hash) {
    this.frequency = Map.copyOf(frequency);
    this.hash = hash;
  }

  /**
   * The delete index, built when the first word needs correcting: most questions never do, and
   * building it up front would slow every start.
   */
  private DeleteIndex deletes() {
    DeleteIndex index = deletes;
    if (index == null) {
      synchronized (this) {
        index = deletes;
        if (index == null) {
          index = DeleteIndex.of(frequency.keySet(), hash);
          deletes = index;
        }
      }
    }
    return index;
  }

  /** How many deletes of {@code word} the index holds: 2 for a word of 7+ letters, else 1. */
  private static int reach(String word) {
    return word.length() >= 7 ? MAX_DISTANCE : 1;
  }

  /**
   * Every delete (a word of 4+ letters with up to {@link #reach} letters deleted) to the words it
   * comes from, in primitive arrays: the deletes' 64-bit hashes in an open-addressing table, each
   * to its words' numbers. No delete is kept as a string: tens of thousands of them were most of
   * the live heap (docs/performance.md). A hash shared by two deletes cannot change a correction: a
   * word is only a candidate for a delete it really gives ({@link #gives}).
   *
   * <p>The words of a delete are kept in the order a {@code HashSet} of them created with capacity
   * 2 iterates them, the order the index's sets once gave, because {@link #closest} keeps the first
   * of equally good candidates: the corrections stay exactly what they were.
   */
  private static final class DeleteIndex {
    private final ToLongFunction<String> hash;
    private final String[] words;
    private final long[] hashes; // of each group of words: a delete's, or (rarely) several's
    private final int[] starts; // group g's words are words[postings[starts[g] .. starts[g + 1])]
    private final int[] postings;
    private final int[] slots; // group + 1, 0 for empty
    private final int mask;

    private DeleteIndex(
        ToLongFunction<String> hash,
        String[] words,
        long[] hashes,
        int[] starts,
        int[] postings,
        int[] slots) {
      this.hash = hash;
      this.words = words;
      this.hashes = hashes;
      this.starts = starts;
      this.postings = postings;
      this.slots = slots;
      this.mask = slots.length - 1;
    }

    static DeleteIndex of(Collection<String> vocabulary, ToLongFunction<String> hash) {
      List<String> words = new ArrayList<>();
      long[] pairHashes = new long[1024];
      int[] pairWords = new int[1024];
      int pairs = 0;
      for (String word : vocabulary) {
        if (word.length() < 4) {
          continue;
        }
        int id = words.size();
        words.add(word);
        for (String d : deletesOf(word, reach(word))) {
          if (pairs == pairHashes.length) {
            pairHashes = Arrays.copyOf(pairHashes, pairs * 2);
            pairWords = Arrays.copyOf(pairWords, pairs * 2);
          }
          pairHashes[pairs] = hash.applyAsLong(d);
          pairWords[pairs++] = id;
        }
      }
      // Groups numbered as first met; each group's words in the order added (the words' order).
      int[] table = new int[tableSize(pairs)];
      int tableMask = table.length - 1;
      long[] hashes = new long[Math.max(1, pairs)];
      int[] counts = new int[Math.max(1, pairs)];
      int[] groupOf = new int[pairs];
      int[] lastWord = new int[Math.max(1, pairs)];
      int groups = 0;
      int kept = 0;
      for (int i = 0; i < pairs; i++) {
        long h = pairHashes[i];
        int slot = slot(h, tableMask);
        while (table[slot] != 0 && hashes[table[slot] - 1] != h) {
          slot = (slot + 1) & tableMask;
        }
        if (table[slot] == 0) {
          hashes[groups] = h;
          lastWord[groups] = -1;
          table[slot] = ++groups;
        }
        int g = table[slot] - 1;
        // Two deletes of one word that share a hash: the word once in the group.
        groupOf[i] = lastWord[g] == pairWords[i] ? -1 : g;
        if (groupOf[i] >= 0) {
          lastWord[g] = pairWords[i];
          counts[g]++;
          kept++;
        }
      }
      int[] starts = new int[groups + 1];
      for (int g = 0; g < groups; g++) {
        starts[g + 1] = starts[g] + counts[g];
      }
      int[] postings = new int[kept];
      int[] filled = new int[groups];
      for (int i = 0; i < pairs; i++) {
        int g = groupOf[i];
        if (g >= 0) {
          postings[starts[g] + filled[g]++] = pairWords[i];
        }
      }
      String[] wordArray = words.toArray(new String[0]);
      for (int g = 0; g < groups; g++) {
        if (counts[g] > 1) {
          inSetOrder(wordArray, postings, starts[g], starts[g + 1]);
        }
      }
      int[] slots = new int[tableSize(groups)];
      int slotMask = slots.length - 1;
      for (int g = 0; g < groups; g++) {
        int slot = slot(hashes[g], slotMask);
        while (slots[slot] != 0) {
          slot = (slot + 1) & slotMask;
        }
        slots[slot] = g + 1;
      }
      return new DeleteIndex(
          hash, wordArray, Arrays.copyOf(hashes, groups), starts, postings, slots);
    }

    /** The group of words whose delete hashes as {@code d} does, or -1. */
    int group(String d) {
      long h = hash.applyAsLong(d);
      for (int slot = slot(h, mask); ; slot = (slot + 1) & mask) {
        int g = slots[slot] - 1;
        if (g < 0 || hashes[g] == h) {
          return g;
        }
      }
    }

    /**
     * The words that give the delete {@code d}, in the order {@link #closest} meets them: group g's
     * (its words all give {@code d}, always but for a hash collision), or those of them that do, in
     * the order a set of just them would give.
     */
    String[] wordsOf(int g, String d) {
      int from = starts[g];
      int to = starts[g + 1];
      int[] kept = new int[to - from];
      int n = 0;
      for (int i = from; i < to; i++) {
        if (gives(words[postings[i]], d)) {
          kept[n++] = postings[i];
        }
      }
      if (n < kept.length) {
        // Collided with another delete: the order of a set of only these words, which may differ.
        Arrays.sort(kept, 0, n); // words are numbered in the order they were added
        inSetOrder(words, kept, 0, n);
      }
      String[] out = new String[n];
      for (int i = 0; i < n; i++) {
        out[i] = words[kept[i]];
      }
      return out;
    }

    int size(int g) {
      return starts[g + 1] - starts[g];
    }

    /** Group g's i-th word, after {@link #allGive} said they all give the delete. */
    String word(int g, int i) {
      return words[postings[starts[g] + i]];
    }

    /** Whether every word of group g gives {@code d} (false only for a hash collision). */
    boolean allGive(int g, String d) {
      for (int i = starts[g]; i < starts[g + 1]; i++) {
        if (!gives(words[postings[i]], d)) {
          return false;
        }
      }
      return true;
    }

    /** Whether {@code d} is {@code word} with at most {@link #reach} of its letters deleted. */
    private static boolean gives(String word, String d) {
      int deleted = word.length() - d.length();
      if (deleted < 0 || deleted > reach(word)) {
        return false;
      }
      int j = 0;
      for (int i = 0; i < word.length() && j < d.length(); i++) {
        if (word.charAt(i) == d.charAt(j)) {
          j++;
        }
      }
      return j == d.length();
    }

    /**
     * Reorders {@code ids[from, to)} (in the order their words were added) to the order in which a
     * {@code HashSet} created with capacity 2 and given their words in that order iterates them.
     */
    private static void inSetOrder(String[] words, int[] ids, int from, int to) {
      Map<String, Integer> byWord = new HashMap<>();
      Set<String> set = new HashSet<>(2);
      for (int i = from; i < to; i++) {
        set.add(words[ids[i]]);
        byWord.put(words[ids[i]], ids[i]);
      }
      int at = from;
      for (String word : set) {
        ids[at++] = byWord.get(word);
      }
    }

    private static int tableSize(int entries) {
      return Integer.highestOneBit(Math.max(4, entries * 2 - 1)) << 1;
    }

    private static int slot(long h, int mask) {
      return (int) (h ^ (h >>> 32)) & mask;
    }

    /** FNV-1a over the characters, then a finalizer that spreads every bit. */
    static long hash(String s) {
      long h = 0xcbf29ce484222325L;
      for (int i = 0; i < s.length(); i++) {
        h = (h ^ s.charAt(i)) * 0x100000001b3L;
      }
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      return h;
    }
  }

  /** The words the delete {@code d} comes from, in the order {@link #closest} meets them. */
  List<String> candidates(String d) {
    DeleteIndex index = deletes();
    int g = index.group(d);
    return g < 0 ? List.of() : List.of(index.wordsOf(g, d));
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
    DeleteIndex index = deletes();
    for (String d : deletesOf(word, allowed)) {
      int g = index.group(d);
      if (g < 0) {
        continue;
      }
      String[] collided = index.allGive(g, d) ? null : index.wordsOf(g, d);
      int count = collided == null ? index.size(g) : collided.length;
      for (int i = 0; i < count; i++) {
        String candidate = collided == null ? index.word(g, i) : collided[i];
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
    Collection<String> frontier = List.of(word);
    for (int d = 0; d < depth; d++) {
      Set<String> next = new HashSet<>();
      for (String w : frontier) {
        for (int i = 0; i < w.length(); i++) {
          next.add(without(w, i));
        }
      }
      out.addAll(next);
      frontier = next;
    }
    return out;
  }

  /** {@code w} without its {@code i}-th character, built once rather than from two substrings. */
  private static String without(String w, int i) {
    return new StringBuilder(w.length() - 1)
        .append(w, 0, i)
        .append(w, i + 1, w.length())
        .toString();
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
