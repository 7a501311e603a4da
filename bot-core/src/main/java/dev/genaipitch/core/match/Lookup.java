package dev.genaipitch.core.match;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Unmodifiable copies of the maps and sets a question is looked up in, word by word. Not {@link
 * Map#copyOf}: its maps probe by calling {@code equals} on every key in the way, without first
 * comparing hash codes, and most words and word pairs of a question are not in the map, so a lookup
 * compared strings until it reached an empty slot. A {@link HashMap} compares the cached hash codes
 * first. Iteration order is not relied on (that of {@code Map.copyOf} changes from one JVM to the
 * next anyway).
 */
final class Lookup {

  private Lookup() {}

  static <K, V> Map<K, V> map(Map<K, V> entries) {
    return Collections.unmodifiableMap(new HashMap<>(entries));
  }

  static <T> Set<T> set(Set<T> members) {
    return Collections.unmodifiableSet(new HashSet<>(members));
  }
}
