package dev.genaipitch.core.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text to tokens the matcher can weigh: tokenized, synonyms applied (longest phrase first), typos
 * corrected toward the guide's vocabulary, each token stemmed and marked neutral when it carries no
 * subject ("the", "hey", "customer", "tell").
 */
final class Analyzer {

  /** One token of a question. */
  record Token(String surface, String stem, boolean neutral) {}

  private static final int MAX_PHRASE = 5;

  private final Set<String> neutral;
  private final Map<String, List<Phrase>> synonymsByFirstToken = new HashMap<>();
  private final Set<String> vocabulary;
  private final SpellingCorrector corrector;
  private final Map<String, String> respellings;
  // Stems of the guide's words, filled as they are first met: Snowball is the costliest step per
  // word, and stemming the whole vocabulary up front would slow every start.
  private final Map<String, String> stems = new java.util.concurrent.ConcurrentHashMap<>();

  private record Phrase(List<String> variant, List<String> canonical) {}

  /**
   * @param synonyms variant phrase to canonical phrase, both lower case
   * @param vocabulary surface words the guide uses; other words may be corrected toward them
   * @param corrector null to skip typo correction
   */
  Analyzer(
      Set<String> neutral,
      Map<String, String> synonyms,
      Set<String> vocabulary,
      SpellingCorrector corrector) {
    this(neutral, synonyms, vocabulary, corrector, Map.of());
  }

  /**
   * @param respellings rare spellings in the content itself (typos in example questions) to the
   *     common word they misspell, applied before anything else
   */
  Analyzer(
      Set<String> neutral,
      Map<String, String> synonyms,
      Set<String> vocabulary,
      SpellingCorrector corrector,
      Map<String, String> respellings) {
    this.respellings = Lookup.map(respellings);
    this.neutral = Lookup.set(neutral);
    this.vocabulary = Lookup.set(vocabulary);
    this.corrector = corrector;
    for (Map.Entry<String, String> e : synonyms.entrySet()) {
      List<String> variant = Tokenizer.tokens(e.getKey());
      List<String> canonical = Tokenizer.tokens(e.getValue());
      if (!variant.isEmpty() && variant.size() <= MAX_PHRASE) {
        synonymsByFirstToken
            .computeIfAbsent(variant.get(0), k -> new ArrayList<>())
            .add(new Phrase(variant, canonical));
      }
    }
    synonymsByFirstToken
        .values()
        .forEach(list -> list.sort((a, b) -> b.variant().size() - a.variant().size()));
  }

  /** Surface tokens with synonyms applied and (when {@code correct}) typos corrected. */
  List<String> surfaces(String text, boolean correct) {
    List<String> tokens = Tokenizer.tokens(text);
    if (!respellings.isEmpty()) {
      for (int i = 0; i < tokens.size(); i++) {
        String fixed = respellings.get(tokens.get(i));
        if (fixed != null) {
          tokens.set(i, fixed);
        }
      }
    }
    tokens = applySynonyms(tokens);
    if (correct && corrector != null) {
      boolean changed = false;
      for (int i = 0; i < tokens.size(); i++) {
        String t = tokens.get(i);
        if (!vocabulary.contains(t) && !neutral.contains(t) && !isNumber(t)) {
          String fixed = corrector.correct(t);
          if (fixed != null) {
            tokens.set(i, fixed);
            changed = true;
          }
        }
      }
      if (changed) {
        tokens = applySynonyms(tokens);
      }
    }
    return tokens;
  }

  List<Token> analyze(String text, boolean correct) {
    List<String> surfaces = surfaces(text, correct);
    List<Token> out = new ArrayList<>(surfaces.size());
    for (String s : surfaces) {
      boolean isNeutral =
          neutral.contains(s) || ((isNumber(s) || s.length() < 2) && !vocabulary.contains(s));
      // Only the guide's own words are kept, so what users type cannot grow the map.
      String stem =
          vocabulary.contains(s) ? stems.computeIfAbsent(s, Stemmer::stem) : Stemmer.stem(s);
      out.add(new Token(s, stem, isNeutral));
    }
    return out;
  }

  boolean isNeutral(String surface) {
    return neutral.contains(surface);
  }

  private List<String> applySynonyms(List<String> tokens) {
    if (synonymsByFirstToken.isEmpty()) {
      return new ArrayList<>(tokens);
    }
    List<String> out = new ArrayList<>(tokens.size());
    int i = 0;
    outer:
    while (i < tokens.size()) {
      List<Phrase> candidates = synonymsByFirstToken.get(tokens.get(i));
      if (candidates != null) {
        for (Phrase p : candidates) {
          if (matchesAt(tokens, i, p.variant())) {
            out.addAll(p.canonical());
            i += p.variant().size();
            continue outer;
          }
        }
      }
      out.add(tokens.get(i));
      i++;
    }
    return out;
  }

  private static boolean matchesAt(List<String> tokens, int at, List<String> phrase) {
    if (at + phrase.size() > tokens.size()) {
      return false;
    }
    for (int j = 0; j < phrase.size(); j++) {
      if (!tokens.get(at + j).equals(phrase.get(j))) {
        return false;
      }
    }
    return true;
  }

  static boolean isNumber(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (!Character.isDigit(token.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
