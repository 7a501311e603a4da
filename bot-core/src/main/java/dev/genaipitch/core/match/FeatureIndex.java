package dev.genaipitch.core.match;

import java.util.Map;

/**
 * The model's features by name, kept compact and looked up without building names: every feature's
 * characters in one array, and an open-addressing table of their indices keyed by the name's hash.
 * A question's features are written "^" + stem, "~" + stem, stem + "_" + stem, or a stem or phrase
 * alone; {@link #find} hashes such a name from its pieces and compares the stored characters, so a
 * lookup allocates nothing and a hash collision cannot change what is found.
 *
 * <p>Tens of thousands of feature strings in a {@code HashMap<String, Integer>} were a good part of
 * the live heap and a lookup of a string built per feature was a cache miss or two each
 * (docs/performance.md). Immutable and thread-safe.
 */
final class FeatureIndex {

  /** No prefix or separator: {@link #find}'s piece is left out. */
  static final char NONE = '\0';

  private static final int[] POWERS = new int[64];

  static {
    int p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 31;
    }
  }

  private final char[] chars;
  private final int[] starts; // feature i is chars[starts[i], starts[i + 1])
  private final int[] hashes; // String.hashCode of each feature
  private final int[] slots; // index + 1, 0 for empty
  private final int mask;

  private FeatureIndex(char[] chars, int[] starts, int[] hashes) {
    this.chars = chars;
    this.starts = starts;
    this.hashes = hashes;
    int n = hashes.length;
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < n; i++) {
      int slot = spread(hashes[i]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    }
  }

  /**
   * @param index each feature to its index, the indices 0 to size - 1 (as training assigns them)
   */
  static FeatureIndex of(Map<String, Integer> index) {
    String[] names = new String[index.size()];
    index.forEach(
        (name, i) -> {
          if (i < 0 || i >= names.length || names[i] != null) {
            throw new IllegalArgumentException("feature indices must be 0 to size - 1, once each");
          }
          names[i] = name;
        });
    int total = 0;
    for (String name : names) {
      total += name.length();
    }
    char[] chars = new char[total];
    int[] starts = new int[names.length + 1];
    int[] hashes = new int[names.length];
    int at = 0;
    for (int i = 0; i < names.length; i++) {
      names[i].getChars(0, names[i].length(), chars, at);
      starts[i] = at;
      hashes[i] = names[i].hashCode();
      at += names[i].length();
    }
    starts[names.length] = at;
    return new FeatureIndex(chars, starts, hashes);
  }

  int size() {
    return hashes.length;
  }

  /** The feature with index {@code i}. */
  String name(int i) {
    return new String(chars, starts[i], starts[i + 1] - starts[i]);
  }

  /** The index of the feature {@code name}, or -1. */
  int indexOf(String name) {
    return find(NONE, name, NONE, null);
  }

  /**
   * The index of the feature named {@code prefix + first + separator + second} (a {@link #NONE}
   * prefix or separator and a null {@code second} left out), or -1.
   */
  int find(char prefix, String first, char separator, String second) {
    int h = 0;
    int length = first.length();
    if (prefix != NONE) {
      h = prefix * power(first.length());
      length++;
    }
    h += first.hashCode();
    if (separator != NONE) {
      h = h * 31 + separator;
      length++;
    }
    if (second != null) {
      h = h * power(second.length()) + second.hashCode();
      length += second.length();
    }
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      int found = slots[slot] - 1;
      if (found < 0) {
        return -1;
      }
      if (hashes[found] == h
          && starts[found + 1] - starts[found] == length
          && same(starts[found], prefix, first, separator, second)) {
        return found;
      }
    }
  }

  private boolean same(int at, char prefix, String first, char separator, String second) {
    if (prefix != NONE && chars[at++] != prefix) {
      return false;
    }
    for (int i = 0; i < first.length(); i++) {
      if (chars[at++] != first.charAt(i)) {
        return false;
      }
    }
    if (separator != NONE && chars[at++] != separator) {
      return false;
    }
    if (second != null) {
      for (int i = 0; i < second.length(); i++) {
        if (chars[at++] != second.charAt(i)) {
          return false;
        }
      }
    }
    return true;
  }

  private static int power(int n) {
    if (n < POWERS.length) {
      return POWERS[n];
    }
    int p = POWERS[POWERS.length - 1] * 31;
    for (int i = POWERS.length; i < n; i++) {
      p *= 31;
    }
    return p;
  }

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
