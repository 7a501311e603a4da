package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
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
  private final Map<String, List<List<String>>> phrasesByFirstStem = new HashMap<>();

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
          List<List<String>> list =
              phrasesByFirstStem.computeIfAbsent(stems.get(0), k -> new ArrayList<>());
          if (!list.contains(stems)) {
            list.add(stems);
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
      List<List<String>> phrases = phrasesByFirstStem.get(t.stem());
      if (phrases != null) {
        for (List<String> phrase : phrases) {
          if (stemsMatchAt(tokens, i, phrase)) {
            features.add(String.join(" ", phrase));
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
