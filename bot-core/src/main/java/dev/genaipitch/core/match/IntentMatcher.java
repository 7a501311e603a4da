package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Maps a question, phrased any way people type, to a section of the guide, to {@code help}, or to
 * {@code none} when the script does not cover it.
 *
 * <p>Questions become features: the stems of their subject words (after synonyms and typo
 * correction), the guide's multi-word keywords, and the weight of subject words the guide never
 * uses. A softmax regression learns, from the content alone (each entry's example questions,
 * keywords, title, and the script's text), which features point where; the {@code none} entry's
 * examples teach it what is out of scope, and words unseen in the content count toward {@code
 * none}. Built once per guide; thread-safe and immutable.
 */
public final class IntentMatcher {

  private static final int MAX_ALTERNATIVES = 3;

  private final Tuning tuning;
  private final QuestionReader reader;
  private final List<String> classes; // sections in guide order, then help, then none
  private final int help;
  private final int none;
  private final Map<String, Integer> featureIndex;
  private final Softmax model;

  private IntentMatcher(Guide guide, Tuning tuning, TrainedModel trained) {
    this.tuning = tuning;
    this.classes = QuestionReader.entries(guide).stream().map(Section::id).toList();
    this.help = classes.size() - 2;
    this.none = classes.size() - 1;
    this.reader =
        new QuestionReader(
            guide,
            trained.frequency(),
            trained.respellings(),
            SpellingCorrector.towardVocabulary(trained.frequency()));
    this.featureIndex = Map.copyOf(trained.featureIndex());
    this.model = trained.softmax();
  }

  /**
   * A matcher for {@code guide}, with the tuned defaults: the built-in guide's model comes with the
   * application; any other content is trained here, from its examples, keywords and text.
   */
  public static IntentMatcher build(Guide guide) {
    return build(guide, Tuning.DEFAULT);
  }

  static IntentMatcher build(Guide guide, Tuning tuning) {
    String fingerprint = ModelCache.fingerprint(guide, tuning);
    TrainedModel trained =
        ModelCache.lookup(fingerprint).orElseGet(() -> Training.train(guide, tuning, fingerprint));
    return new IntentMatcher(guide, tuning, trained);
  }

  /** A matcher trained now, whatever was shipped (for measuring training itself). */
  static IntentMatcher train(Guide guide, Tuning tuning) {
    return new IntentMatcher(
        guide, tuning, Training.train(guide, tuning, ModelCache.fingerprint(guide, tuning)));
  }

  /** Confidence below which a question is answered {@code none}. */
  public double threshold() {
    return tuning.threshold();
  }

  /** Matches one question; never throws, whatever the text. */
  public MatchResult match(String question) {
    String text = question == null ? "" : question;
    List<Analyzer.Token> tokens = reader.read(text, true);
    boolean smallTalk = tokens.stream().allMatch(Analyzer.Token::neutral);
    if (tokens.isEmpty()) {
      return new MatchResult(text, Guide.HELP, 1.0, List.of(), List.of()); // nothing, or only emoji
    }
    int[] features = Softmax.indices(reader.features(tokens), featureIndex);
    double unknown = QuestionReader.unknownMass(tokens, featureIndex);
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
      // For none, the closest topics are offered however weak; for a section, only a close
      // runner-up.
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
      return new MatchResult(
          text, Guide.NONE, round(Math.max(p[none], 1 - p[best])), alternatives, didYouMean);
    }
    return new MatchResult(text, classes.get(best), round(p[best]), alternatives, didYouMean);
  }

  /** For diagnostics: the analyzed tokens, marking neutral ones and words unknown to the model. */
  String explainTokens(String question) {
    StringBuilder sb = new StringBuilder();
    for (Analyzer.Token t : reader.read(question, true)) {
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
}
