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
    walk(
        tokens,
        (prefix, first, separator, second) -> {
          StringBuilder name = new StringBuilder();
          if (prefix != FeatureIndex.NONE) {
            name.append(prefix);
          }
          name.append(first);
          if (separator != FeatureIndex.NONE) {
            name.append(separator);
          }
          if (second != null) {
            name.append(second);
          }
          features.add(name.toString());
        });
    return features;
  }

  /**
   * The indices in {@code index} of the text's {@link #features}, in the order they come there,
   * each once, those {@code index} lacks left out: what {@code Softmax.indices(features(tokens),
   * map)} gives for the map {@code index} was made from, without building a name per feature.
   */
  int[] featureIndices(List<Analyzer.Token> tokens, FeatureIndex index) {
    Found found = new Found(index, tokens.size() * 3 + 4);
    walk(tokens, found);
    return found.toArray();
  }

  /**
   * A feature by its pieces: {@code prefix + first + separator + second}, a {@link
   * FeatureIndex#NONE} prefix or separator and a null {@code second} left out.
   */
  private interface FeatureSink {
    void feature(char prefix, String first, char separator, String second);
  }

  /** The text's features in {@link #features}' order, each by its pieces. */
  private void walk(List<Analyzer.Token> tokens, FeatureSink sink) {
    char none = FeatureIndex.NONE;
    if (!tokens.isEmpty()) {
      sink.feature('^', tokens.get(0).stem(), none, null);
    }
    for (int i = 0; i < tokens.size(); i++) {
      Analyzer.Token t = tokens.get(i);
      List<KeyPhrase> phrases = phrasesByFirstStem.get(t.stem());
      if (phrases != null) {
        for (KeyPhrase phrase : phrases) {
          if (stemsMatchAt(tokens, i, phrase.stems())) {
            sink.feature(none, phrase.name(), none, null);
          }
        }
      }
      sink.feature(t.neutral() ? '~' : none, t.stem(), none, null);
      if (i > 0) {
        sink.feature(none, tokens.get(i - 1).stem(), '_', t.stem());
      }
    }
  }

  /** Feature indices in the order first found, each once; -1 (not a feature) ignored. */
  private static final class Found implements FeatureSink {
    private final FeatureIndex index;
    private int[] indices;
    private int size;

    Found(FeatureIndex index, int expected) {
      this.index = index;
      indices = new int[expected];
    }

    @Override
    public void feature(char prefix, String first, char separator, String second) {
      add(index.find(prefix, first, separator, second));
    }

    private void add(int feature) {
      if (feature < 0) {
        return;
      }
      // A question has a few dozen features: a scan beats a set of them.
      for (int i = 0; i < size; i++) {
        if (indices[i] == feature) {
          return;
        }
      }
      if (size == indices.length) {
        indices = Arrays.copyOf(indices, size * 2);
      }
      indices[size++] = feature;
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
