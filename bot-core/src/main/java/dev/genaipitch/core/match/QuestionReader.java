package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads text the way the matcher sees it: tokens (synonyms applied, typos corrected toward the
 * guide's vocabulary, stemmed, neutral words marked), and the features the model weighs. The same
 * reader serves training and matching, so both see text alike.
 */
final class QuestionReader {

  private final Analyzer analyzer;
  private final Map<String, List<KeyPhrase>> phrasesByFirstStem = new HashMap<>();

  /** A multi-word keyword's stems, and its feature's name (the stems joined by spaces). */
  private record KeyPhrase(List<String> stems, String name) {}

  /**
   * @param frequency every word the guide uses, with its count
   * @param respellings rare spellings in the content read as the common word they misspell
   */
  QuestionReader(
      Guide guide,
      Map<String, Integer> frequency,
      Map<String, String> respellings,
      SpellingCorrector corrector) {
    Set<String> vocabulary = new HashSet<>(frequency.keySet());
    vocabulary.removeAll(respellings.keySet());
    vocabulary.addAll(Lexicon.NEUTRAL);
    this.analyzer =
        new Analyzer(
            Lexicon.NEUTRAL,
            Lexicon.withContractions(guide.synonyms()),
            vocabulary,
            corrector,
            respellings);
    for (Section entry : entries(guide)) {
      for (String keyword : entry.keywords()) {
        List<Analyzer.Token> tokens = analyzer.analyze(keyword, false);
        if (tokens.size() > 1) {
          List<String> stems = tokens.stream().map(Analyzer.Token::stem).toList();
          List<KeyPhrase> list =
              phrasesByFirstStem.computeIfAbsent(stems.get(0), k -> new ArrayList<>());
          if (list.stream().noneMatch(p -> p.stems().equals(stems))) {
            list.add(new KeyPhrase(stems, String.join(" ", stems)));
          }
        }
      }
    }
  }

  /** Sections in guide order, then help, then none: the classes the model tells apart. */
  static List<Section> entries(Guide guide) {
    List<Section> entries = new ArrayList<>(guide.sections());
    entries.add(guide.help());
    entries.add(guide.none());
    return entries;
  }

  /**
   * @param correct whether to correct typos (questions yes; the content itself no)
   */
  List<Analyzer.Token> read(String text, boolean correct) {
    return analyzer.analyze(text, correct);
  }

  /**
   * The features of a text: its first word (the kind of question: "what", "when", "why", "how"),
   * the stem of every word (subject words plainly, neutral words marked, since "say", "customer" or
   * "configure" tell a talk-track question from a how-to), each pair of adjacent stems, and the
   * guide's multi-word keywords.
   */
  Set<String> features(List<Analyzer.Token> tokens) {
    Set<String> features = new LinkedHashSet<>();
    if (!tokens.isEmpty()) {
      features.add("^" + tokens.get(0).stem());
    }
    for (int i = 0; i < tokens.size(); i++) {
      Analyzer.Token t = tokens.get(i);
      List<KeyPhrase> phrases = phrasesByFirstStem.get(t.stem());
      if (phrases != null) {
        for (KeyPhrase phrase : phrases) {
          if (stemsMatchAt(tokens, i, phrase.stems())) {
            features.add(phrase.name());
          }
        }
      }
      features.add(t.neutral() ? "~" + t.stem() : t.stem());
      if (i > 0) {
        features.add(tokens.get(i - 1).stem() + "_" + t.stem());
      }
    }
    return features;
  }

  /**
   * The indices in {@code index} of the text's {@link #features}, in the order they come there,
   * each once, those {@code index} lacks left out: what {@code Softmax.indices(features(tokens),
   * map)} gives for the map {@code index} was made from, without building a name per feature.
   */
  int[] featureIndices(List<Analyzer.Token> tokens, FeatureIndex index) {
    Found found = new Found(tokens.size() * 3 + 4);
    if (!tokens.isEmpty()) {
      found.add(index.find('^', tokens.get(0).stem(), FeatureIndex.NONE, null));
    }
    for (int i = 0; i < tokens.size(); i++) {
      Analyzer.Token t = tokens.get(i);
      List<KeyPhrase> phrases = phrasesByFirstStem.get(t.stem());
      if (phrases != null) {
        for (KeyPhrase phrase : phrases) {
          if (stemsMatchAt(tokens, i, phrase.stems())) {
            found.add(index.indexOf(phrase.name()));
          }
        }
      }
      found.add(
          index.find(t.neutral() ? '~' : FeatureIndex.NONE, t.stem(), FeatureIndex.NONE, null));
      if (i > 0) {
        found.add(index.find(FeatureIndex.NONE, tokens.get(i - 1).stem(), '_', t.stem()));
      }
    }
    return found.toArray();
  }

  /** Feature indices in the order first found, each once; -1 (not a feature) ignored. */
  private static final class Found {
    private int[] indices;
    private int size;

    Found(int expected) {
      indices = new int[expected];
    }

    void add(int index) {
      if (index < 0) {
        return;
      }
      // A question has a few dozen features: a scan beats a set of them.
      for (int i = 0; i < size; i++) {
        if (indices[i] == index) {
          return;
        }
      }
      if (size == indices.length) {
        indices = Arrays.copyOf(indices, size * 2);
      }
      indices[size++] = index;
    }

    int[] toArray() {
      return size == indices.length ? indices : Arrays.copyOf(indices, size);
    }
  }

  /** {@link #unknownMass(List, Map)} for the features of {@code index}. */
  static double unknownMass(List<Analyzer.Token> tokens, FeatureIndex index) {
    double mass = 0;
    for (Analyzer.Token t : tokens) {
      if (!t.neutral() && index.indexOf(t.stem()) < 0) {
        mass += Math.min(1.0, (t.surface().length() - 1) / 4.0);
      }
    }
    return mass;
  }

  /** How much of a text is subject words outside {@code known}; short tokens count less. */
  static double unknownMass(List<Analyzer.Token> tokens, Map<String, Integer> known) {
    double mass = 0;
    for (Analyzer.Token t : tokens) {
      if (!t.neutral() && !known.containsKey(t.stem())) {
        mass += Math.min(1.0, (t.surface().length() - 1) / 4.0);
      }
    }
    return mass;
  }

  private static boolean stemsMatchAt(List<Analyzer.Token> tokens, int at, List<String> phrase) {
    if (at + phrase.size() > tokens.size()) {
      return false;
    }
    for (int j = 0; j < phrase.size(); j++) {
      if (!tokens.get(at + j).stem().equals(phrase.get(j))) {
        return false;
      }
    }
    return true;
  }
}
