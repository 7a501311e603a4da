package dev.genaipitch.core.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The practice content of a guide: a {@link PracticeSet} for each section that can be rehearsed, in
 * the guide's section order, and the vocabulary the grader reads answers with.
 *
 * @param vocabulary variant (lower case, words separated by single spaces) to the word it means
 */
public record Practice(List<PracticeSet> sets, Map<String, String> vocabulary) {

  /** No practice content (a guide without a practice directory). */
  public static final Practice NONE = new Practice(List.of(), Map.of());

  public Practice {
    sets = List.copyOf(sets);
    vocabulary = Map.copyOf(vocabulary);
  }

  public Optional<PracticeSet> set(String section) {
    return sets.stream().filter(s -> s.section().equals(section)).findFirst();
  }

  /** Sets by section id, in order. */
  public Map<String, PracticeSet> bySection() {
    Map<String, PracticeSet> map = new LinkedHashMap<>();
    sets.forEach(s -> map.put(s.section(), s));
    return map;
  }
}
