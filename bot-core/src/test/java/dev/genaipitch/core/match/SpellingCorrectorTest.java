package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compact delete index corrects exactly as the index of small sets it replaced: the same
 * candidates in the same order for every delete, and the same corrections for every word of every
 * evaluation question, with typos made in each.
 */
final class SpellingCorrectorTest {

  private static Map<String, Integer> vocabulary;
  private static Set<String> words;

  @BeforeAll
  static void load() throws Exception {
    Guide guide = GuideLoader.builtIn();
    vocabulary =
        ModelCache.lookup(ModelCache.fingerprint(guide, Tuning.DEFAULT)).orElseThrow().frequency();
    List<String> questions = EvaluationMessages.all();
    words = new LinkedHashSet<>();
    for (String q : questions) {
      for (String w : Tokenizer.tokens(q)) {
        words.add(w);
        words.addAll(typos(w));
      }
    }
    words.addAll(vocabulary.keySet());
    assertThat(questions).hasSizeGreaterThan(2_000);
  }

  @Test
  void candidates_everyDelete_sameWordsInTheSameOrderAsTheSetsGave() {
    SpellingCorrector compact = SpellingCorrector.towardVocabulary(vocabulary);
    Reference sets = Reference.towardVocabulary(vocabulary);

    Map<String, Set<String>> index = sets.deletes();
    assertThat(index).hasSizeGreaterThan(10_000);
    assertThat(index.values()).anyMatch(s -> s.size() > 2);
    for (Map.Entry<String, Set<String>> e : index.entrySet()) {
      assertThat(compact.candidates(e.getKey()))
          .as(e.getKey())
          .containsExactlyElementsOf(e.getValue());
    }
    for (String w : words) {
      if (!index.containsKey(w)) {
        assertThat(compact.candidates(w)).as(w).isEmpty();
      }
    }
  }

  @Test
  void correct_everyEvaluationWordAndItsTypos_sameAsTheSets() {
    SpellingCorrector compact = SpellingCorrector.towardVocabulary(vocabulary);
    Reference sets = Reference.towardVocabulary(vocabulary);

    int corrected = 0;
    for (String w : words) {
      String expected = sets.correct(w);
      assertThat(compact.correct(w)).as(w).isEqualTo(expected);
      if (expected != null && !expected.equals(w)) {
        corrected++;
      }
      for (int min : new int[] {2, 5, 20}) {
        assertThat(compact.correctToCommoner(w, min))
            .as(w + " to one used " + min + " times")
            .isEqualTo(sets.correctToCommoner(w, min));
      }
    }
    assertThat(corrected).as("words corrected to another").isGreaterThan(1_000);
  }

  @Test
  void correct_deletesWhoseHashesCollide_sameAsTheSets() {
    // A hash of the delete's length and last letter: every group holds many deletes, so every
    // look-up has to tell a word that gives the delete from one that only shares its hash.
    Map<String, Integer> some = new HashMap<>();
    vocabulary.entrySet().stream()
        .filter(e -> e.getKey().length() >= 4 && e.getKey().hashCode() % 7 == 0)
        .forEach(e -> some.put(e.getKey(), e.getValue()));
    SpellingCorrector collided =
        new SpellingCorrector(some, d -> d.length() * 31L + d.charAt(d.length() - 1));
    Reference sets = new Reference(some);

    for (Map.Entry<String, Set<String>> e : sets.deletes().entrySet()) {
      assertThat(collided.candidates(e.getKey()))
          .as(e.getKey())
          .containsExactlyElementsOf(e.getValue());
    }
    int corrected = 0;
    for (String w : words) {
      if (w.isEmpty() || w.hashCode() % 5 != 0) {
        continue;
      }
      String expected = sets.correct(w);
      assertThat(collided.correct(w)).as(w).isEqualTo(expected);
      assertThat(collided.correctToCommoner(w, 3)).as(w).isEqualTo(sets.correctToCommoner(w, 3));
      if (expected != null && !expected.equals(w)) {
        corrected++;
      }
    }
    assertThat(some).hasSizeGreaterThan(100);
    assertThat(corrected).as("words corrected to another").isGreaterThan(20);
  }

  @Test
  void correct_typos_toTheClosestCommonestWord() {
    SpellingCorrector corrector =
        new SpellingCorrector(
            Map.of("sagemaker", 10, "bedrock", 8, "analogy", 3, "bedrooms", 1, "sagemakers", 2));

    assertThat(corrector.correct("sagmaker")).isEqualTo("sagemaker");
    assertThat(corrector.correct("bedrok")).isEqualTo("bedrock");
    assertThat(corrector.correct("anology")).isEqualTo("analogy");
    assertThat(corrector.correct("zzzzzzzzzz")).isNull();
    assertThat(corrector.correctToCommoner("sagemakers", 5)).isEqualTo("sagemaker");
    assertThat(corrector.candidates("sagemake"))
        .containsExactlyInAnyOrder("sagemaker", "sagemakers");
  }

  /** A letter dropped, two letters swapped, a letter doubled: the typos people make. */
  private static List<String> typos(String w) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < w.length(); i++) {
      out.add(w.substring(0, i) + w.substring(i + 1));
      out.add(w.substring(0, i + 1) + w.charAt(i) + w.substring(i + 1));
      if (i + 1 < w.length()) {
        out.add(w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2));
      }
    }
    return out;
  }

  /** The corrector as it was, with a set of words per delete: the oracle. */
  private static final class Reference {
    private final Map<String, Integer> frequency;
    private Map<String, Set<String>> deletes;

    Reference(Map<String, Integer> frequency) {
      this.frequency = Map.copyOf(frequency);
    }

    static Reference towardVocabulary(Map<String, Integer> frequency) {
      Map<String, Integer> targets = new HashMap<>();
      frequency.forEach(
          (word, count) -> {
            if (count > 1 && !Lexicon.NEUTRAL.contains(word)) {
              targets.put(word, count);
            }
          });
      return new Reference(targets);
    }

    Map<String, Set<String>> deletes() {
      if (deletes == null) {
        Map<String, Set<String>> index = new HashMap<>();
        for (String word : frequency.keySet()) {
          if (word.length() >= 4) {
            int reach = word.length() >= 7 ? 2 : 1;
            for (String d : deletesOf(word, reach)) {
              index.computeIfAbsent(d, k -> new HashSet<>(2)).add(word);
            }
          }
        }
        deletes = index;
      }
      return deletes;
    }

    String correct(String word) {
      return closest(word, 0);
    }

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
          int distance = SpellingCorrector.distance(word, candidate);
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
  }
}
