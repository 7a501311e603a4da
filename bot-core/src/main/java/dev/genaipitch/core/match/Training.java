package dev.genaipitch.core.match;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Learns a {@link TrainedModel} from a guide's content alone. */
final class Training {

  private static final long SEED = 20261125L;
  private static final int COMMONER = 8;
  private static final int RARE_ENOUGH = 20; // a word used more often than this is no typo
  private static final int MIN_EXAMPLES = 2;
  private static final Pattern SENTENCE_END = Pattern.compile("\n|(?<=[.!?])\\s+");

  private Training() {}

  private record Text(String text, int label, double weight, boolean curated) {}

  static TrainedModel train(Guide guide, Tuning tuning, String fingerprint) {
    Map<String, Integer> frequency = vocabulary(guide);
    SpellingCorrector corrector = SpellingCorrector.towardVocabulary(frequency);
    Map<String, String> respellings = respellings(frequency, corrector);
    QuestionReader reader = new QuestionReader(guide, frequency, respellings, corrector);

    List<Section> entries = QuestionReader.entries(guide);
    int help = entries.size() - 2;
    List<Text> texts = new ArrayList<>();
    for (int c = 0; c < entries.size(); c++) {
      Section entry = entries.get(c);
      for (String example : entry.examples()) {
        texts.add(new Text(example, c, 1.0, false));
      }
      for (String keyword : entry.keywords()) {
        texts.add(new Text(keyword, c, tuning.keywordWeight(), true));
      }
      texts.add(new Text(entry.title(), c, tuning.titleWeight(), true));
      if (c < help) {
        texts.add(new Text(entry.summary(), c, tuning.titleWeight(), true));
        texts.add(new Text(entry.heading(), c, tuning.bodyWeight(), false));
        for (Block block : entry.blocks()) {
          for (String line : SENTENCE_END.split(block.plainText())) {
            if (!line.isBlank()) {
              texts.add(new Text(line, c, tuning.bodyWeight(), false));
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
    for (Text t : texts) {
      List<Analyzer.Token> tokens = reader.read(t.text(), false);
      Set<String> fs = reader.features(tokens);
      analyzed.add(tokens);
      featureSets.add(fs);
      for (String f : fs) {
        documentFrequency.merge(f, 1, Integer::sum);
      }
      if (t.curated()) {
        curated.addAll(fs);
      }
    }
    Map<String, Integer> featureIndex = new HashMap<>();
    for (Set<String> fs : featureSets) {
      for (String f : fs) {
        if (curated.contains(f) || documentFrequency.get(f) >= MIN_EXAMPLES) {
          featureIndex.putIfAbsent(f, featureIndex.size());
        }
      }
    }
    List<Softmax.Sample> samples = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      Text t = texts.get(i);
      samples.add(
          new Softmax.Sample(
              Softmax.indices(featureSets.get(i), featureIndex),
              QuestionReader.unknownMass(analyzed.get(i), featureIndex),
              t.label(),
              t.weight()));
    }
    Softmax softmax =
        Softmax.train(
            samples,
            entries.size(),
            featureIndex.size(),
            tuning.epochs(),
            tuning.rate(),
            tuning.l2(),
            SEED);
    return new TrainedModel(fingerprint, frequency, respellings, featureIndex, softmax);
  }

  /**
   * Typos that example questions contain on purpose ("bedrok", "sagmaker"): a rare word within the
   * corrector's distance of a word used far more often is read as that word, in the content and in
   * questions alike, so that its evidence adds up instead of splitting.
   */
  private static Map<String, String> respellings(
      Map<String, Integer> frequency, SpellingCorrector corrector) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, Integer> e : frequency.entrySet()) {
      String word = e.getKey();
      if (Lexicon.NEUTRAL.contains(word) || e.getValue() > RARE_ENOUGH) {
        continue;
      }
      String common = corrector.correctToCommoner(word, e.getValue() * COMMONER);
      if (common != null) {
        out.put(word, common);
      }
    }
    return out;
  }

  /** Every surface word the guide uses, with its count. */
  private static Map<String, Integer> vocabulary(Guide guide) {
    Map<String, Integer> frequency = new HashMap<>();
    List<Section> entries = new ArrayList<>(guide.sections());
    entries.add(guide.help());
    Analyzer plain =
        new Analyzer(Lexicon.NEUTRAL, Lexicon.withContractions(guide.synonyms()), Set.of(), null);
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
