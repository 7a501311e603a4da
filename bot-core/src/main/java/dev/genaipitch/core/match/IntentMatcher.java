package dev.genaipitch.core.match;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a question, phrased any way people type, to a section of the guide, to {@code help}, or to
 * {@code none} when the script does not cover it.
 *
 * <p>Questions become features: the stems of their subject words (after synonyms and typo
 * correction), the guide's multi-word keywords, and the weight of subject words the guide never
 * uses. A softmax regression learns, from the content alone (each entry's example questions,
 * keywords, title, and the script's text), which features point where; the {@code none} entry's
 * examples teach it what is out of scope, and words unseen in the content count toward
 * {@code none}. Built once per guide; thread-safe and immutable.
 */
public final class IntentMatcher {

  private static final int MAX_ALTERNATIVES = 3;
  private static final long SEED = 20261125L;
  private static final int COMMONER = 8;
  private static final int RARE_ENOUGH = 20; // a word used more often than this is no typo
  private static final int MIN_EXAMPLES = 2;
  private static final Pattern SENTENCE_END = Pattern.compile("\n|(?<=[.!?])\\s+");

  private final Tuning tuning;
  private final Analyzer analyzer;
  private final List<String> classes; // sections in guide order, then help, then none
  private final int help;
  private final int none;
  private final Map<String, List<List<String>>> phrasesByFirstStem = new HashMap<>();
  private final Map<String, Integer> featureIndex = new HashMap<>();
  private final Softmax model;

  private IntentMatcher(Guide guide, Tuning tuning, Set<String> neutral) {
    this.tuning = tuning;
    List<Section> entries = new ArrayList<>(guide.sections());
    entries.add(guide.help());
    entries.add(guide.none());
    this.classes = entries.stream().map(Section::id).toList();
    this.help = classes.size() - 2;
    this.none = classes.size() - 1;

    Map<String, Integer> frequency = vocabulary(guide, neutral);
    // Correct toward words the content uses more than once: a word seen once is as likely a typo.
    Map<String, Integer> targets = new HashMap<>();
    frequency.forEach((word, count) -> {
      if (count > 1 && !neutral.contains(word)) {
        targets.put(word, count);
      }
    });
    SpellingCorrector corrector = new SpellingCorrector(targets);
    Map<String, String> respellings = respellings(frequency, neutral, corrector);
    Set<String> vocabulary = new HashSet<>(frequency.keySet());
    vocabulary.removeAll(respellings.keySet());
    vocabulary.addAll(neutral);
    this.analyzer = new Analyzer(neutral, Lexicon.withContractions(guide.synonyms()), vocabulary, corrector, respellings);
    collectPhrases(entries);
    this.model = train(entries);
  }

  /** A matcher for {@code guide}, with the tuned defaults. */
  public static IntentMatcher build(Guide guide) {
    return build(guide, Tuning.DEFAULT);
  }

  static IntentMatcher build(Guide guide, Tuning tuning) {
    return new IntentMatcher(guide, tuning, Lexicon.NEUTRAL);
  }

  /** Confidence below which a question is answered {@code none}. */
  public double threshold() {
    return tuning.threshold();
  }

  /** Matches one question; never throws, whatever the text. */
  public MatchResult match(String question) {
    String text = question == null ? "" : question;
    List<Analyzer.Token> tokens = analyzer.analyze(text, true);
    boolean smallTalk = tokens.stream().allMatch(Analyzer.Token::neutral);
    if (tokens.isEmpty()) {
      return new MatchResult(text, Guide.HELP, 1.0, List.of(), List.of()); // nothing, or only emoji
    }
    int[] features = Softmax.indices(features(tokens), featureIndex);
    double unknown = unknownMass(tokens);
    double[] p = model.probabilities(features, unknown);
    Integer[] order = new Integer[p.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -p[c]));
    int best = order[0] == none ? order[1] : order[0];
    boolean isNone = order[0] == none || p[best] < tuning.threshold();

    List<MatchResult.Candidate> alternatives = new ArrayList<>();
    List<String> didYouMean = new ArrayList<>();
    for (int c : order) {
      if (c == none || (c == best && !isNone) || alternatives.size() == MAX_ALTERNATIVES) {
        continue;
      }
      alternatives.add(new MatchResult.Candidate(classes.get(c), round(p[c])));
      // For none, the closest topics are offered however weak; for a section, only a close runner-up.
      boolean close = isNone || p[c] >= tuning.didYouMeanRatio() * p[best];
      if (c != help && close && didYouMean.size() < 2) {
        didYouMean.add(classes.get(c));
      }
    }
    if (isNone && smallTalk) {
      // Greetings and filler without a subject are not "out of scope": show the menu.
      return new MatchResult(text, Guide.HELP, round(p[help]), alternatives, List.of());
    }
    if (isNone) {
      return new MatchResult(text, Guide.NONE, round(Math.max(p[none], 1 - p[best])), alternatives, didYouMean);
    }
    return new MatchResult(text, classes.get(best), round(p[best]), alternatives, didYouMean);
  }

  /** For diagnostics: the analyzed tokens, marking neutral ones and words unknown to the model. */
  String explainTokens(String question) {
    StringBuilder sb = new StringBuilder();
    for (Analyzer.Token t : analyzer.analyze(question, true)) {
      sb.append(t.surface());
      if (t.neutral()) {
        sb.append("(n)");
      } else if (!featureIndex.containsKey(t.stem())) {
        sb.append("(?)");
      }
      sb.append(' ');
    }
    return sb.toString().strip();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  /** How much of the question is subject words the guide never uses; short tokens count less. */
  private double unknownMass(List<Analyzer.Token> tokens) {
    double mass = 0;
    for (Analyzer.Token t : tokens) {
      if (!t.neutral() && !featureIndex.containsKey(t.stem())) {
        mass += Math.min(1.0, (t.surface().length() - 1) / 4.0);
      }
    }
    return mass;
  }

  /**
   * The features of a question: its first word (the kind of question: "what", "when", "why", "how"),
   * the stem of every word (subject words plainly, neutral words marked, since "say", "customer" or
   * "configure" tell a talk-track question from a how-to), each pair of adjacent stems, and the
   * guide's multi-word keywords.
   */
  private Set<String> features(List<Analyzer.Token> tokens) {
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

  private void collectPhrases(List<Section> entries) {
    for (Section entry : entries) {
      for (String keyword : entry.keywords()) {
        List<Analyzer.Token> tokens = analyzer.analyze(keyword, false);
        if (tokens.size() > 1) {
          List<String> stems = tokens.stream().map(Analyzer.Token::stem).toList();
          List<List<String>> list = phrasesByFirstStem.computeIfAbsent(stems.get(0), k -> new ArrayList<>());
          if (!list.contains(stems)) {
            list.add(stems);
          }
        }
      }
    }
  }

  private record TrainingText(String text, int label, double weight, boolean curated) {}

  private Softmax train(List<Section> entries) {
    List<TrainingText> texts = new ArrayList<>();
    for (int c = 0; c < entries.size(); c++) {
      Section entry = entries.get(c);
      for (String example : entry.examples()) {
        texts.add(new TrainingText(example, c, 1.0, false));
      }
      for (String keyword : entry.keywords()) {
        texts.add(new TrainingText(keyword, c, tuning.keywordWeight(), true));
      }
      texts.add(new TrainingText(entry.title(), c, tuning.titleWeight(), true));
      if (c < help) {
        texts.add(new TrainingText(entry.summary(), c, tuning.titleWeight(), true));
        texts.add(new TrainingText(entry.heading(), c, tuning.bodyWeight(), false));
        for (Block block : entry.blocks()) {
          for (String line : SENTENCE_END.split(block.plainText())) {
            if (!line.isBlank()) {
              texts.add(new TrainingText(line, c, tuning.bodyWeight(), false));
            }
          }
        }
      }
    }
    // A feature seen in only one example question is left out: at question time it counts as an
    // unknown word, and training sees such words the same way, so the model learns what unknown
    // words say (mostly: out of scope). Keywords and titles always count.
    List<List<Analyzer.Token>> analyzed = new ArrayList<>(texts.size());
    List<Set<String>> featureSets = new ArrayList<>(texts.size());
    Map<String, Integer> documentFrequency = new HashMap<>();
    Set<String> curated = new HashSet<>();
    for (TrainingText t : texts) {
      List<Analyzer.Token> tokens = analyzer.analyze(t.text(), false);
      Set<String> fs = features(tokens);
      analyzed.add(tokens);
      featureSets.add(fs);
      for (String f : fs) {
        documentFrequency.merge(f, 1, Integer::sum);
      }
      if (t.curated()) {
        curated.addAll(fs);
      }
    }
    for (Set<String> fs : featureSets) {
      for (String f : fs) {
        if (curated.contains(f) || documentFrequency.get(f) >= MIN_EXAMPLES) {
          featureIndex.putIfAbsent(f, featureIndex.size());
        }
      }
    }
    List<Softmax.Sample> samples = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      TrainingText t = texts.get(i);
      samples.add(
          new Softmax.Sample(
              Softmax.indices(featureSets.get(i), featureIndex), unknownMass(analyzed.get(i)), t.label(), t.weight()));
    }
    return Softmax.train(
        samples, classes.size(), featureIndex.size(), tuning.epochs(), tuning.rate(), tuning.l2(), SEED);
  }

  /**
   * Typos that example questions contain on purpose ("bedrok", "sagmaker"): a rare word within
   * the corrector's distance of a word used far more often is read as that word, in the content
   * and in questions alike, so that its evidence adds up instead of splitting.
   */
  private static Map<String, String> respellings(
      Map<String, Integer> frequency, Set<String> neutral, SpellingCorrector corrector) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, Integer> e : frequency.entrySet()) {
      String word = e.getKey();
      if (neutral.contains(word) || e.getValue() > RARE_ENOUGH) {
        continue;
      }
      String common = corrector.correctToCommoner(word, e.getValue() * COMMONER);
      if (common != null) {
        out.put(word, common);
      }
    }
    return out;
  }

  /** Every surface word the guide uses, with its count, to correct typos toward. */
  private static Map<String, Integer> vocabulary(Guide guide, Set<String> neutral) {
    Map<String, Integer> frequency = new HashMap<>();
    List<Section> entries = new ArrayList<>(guide.sections());
    entries.add(guide.help());
    Analyzer plain = new Analyzer(neutral, Lexicon.withContractions(guide.synonyms()), Set.of(), null);
    for (Section s : entries) {
      List<String> texts = new ArrayList<>(s.examples());
      texts.addAll(s.keywords());
      texts.add(s.title());
      texts.add(s.summary());
      texts.add(s.heading());
      s.blocks().forEach(b -> texts.add(b.plainText()));
      for (String text : texts) {
        for (String token : plain.surfaces(text, false)) {
          frequency.merge(token, 1, Integer::sum);
        }
      }
    }
    for (String canonical : guide.synonyms().values()) {
      for (String token : Tokenizer.tokens(canonical)) {
        frequency.merge(token, 1, Integer::sum);
      }
    }
    return frequency;
  }

}
