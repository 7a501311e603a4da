package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compact feature index finds exactly what the map of feature names it replaced found: the same
 * indices in the same order for every evaluation question (alone, and each turn of every
 * conversation), the same unknown-word mass, and nothing for a name it lacks, even one whose hash
 * it shares.
 */
final class FeatureIndexTest {

  private static TrainedModel model;
  private static QuestionReader reader;
  private static List<String> questions;

  @BeforeAll
  static void load() throws Exception {
    Guide guide = GuideLoader.builtIn();
    model = ModelCache.lookup(ModelCache.fingerprint(guide, Tuning.DEFAULT)).orElseThrow();
    reader =
        new QuestionReader(
            guide,
            model.frequency(),
            model.respellings(),
            SpellingCorrector.towardVocabulary(model.frequency()));
    questions = new ArrayList<>(EvaluationMessages.all());
    // Edges: nothing, emoji only, one word, a word repeated (features met twice), a long message.
    questions.addAll(List.of("", "🙂🙂", "bedrock", "bedrock bedrock bedrock", "x".repeat(3_000)));
    questions.add("bedrock sagemaker rds ec2 ".repeat(120));
  }

  @Test
  void featureIndices_everyEvaluationQuestion_sameAsTheMapOfNames() {
    Map<String, Integer> names = model.featureIndex();
    FeatureIndex index = FeatureIndex.of(names);
    assertThat(index.size()).isEqualTo(names.size()).isGreaterThan(1_000);

    int phrases = 0;
    int pairs = 0;
    int neutral = 0;
    int unknown = 0;
    for (String q : questions) {
      for (boolean correct : new boolean[] {true, false}) {
        List<Analyzer.Token> tokens = reader.read(q, correct);
        var features = reader.features(tokens);
        int[] expected = Softmax.indices(features, names);
        assertThat(reader.featureIndices(tokens, index)).as(q).containsExactly(expected);
        assertThat(Softmax.indices(features, index)).as(q).containsExactly(expected);
        assertThat(QuestionReader.unknownMass(tokens, index))
            .as(q)
            .isEqualTo(QuestionReader.unknownMass(tokens, names));
        for (String f : features) {
          if (names.containsKey(f)) {
            phrases += f.contains(" ") ? 1 : 0;
            pairs += f.contains("_") ? 1 : 0;
            neutral += f.startsWith("~") ? 1 : 0;
          } else {
            unknown++;
          }
        }
      }
    }
    assertThat(questions).hasSizeGreaterThan(2_000);
    // Every kind of feature was met, found and not.
    assertThat(phrases).isPositive();
    assertThat(pairs).isPositive();
    assertThat(neutral).isPositive();
    assertThat(unknown).isPositive();
  }

  @Test
  void find_everyFeature_byItsPieces() {
    Map<String, Integer> names = model.featureIndex();
    FeatureIndex index = FeatureIndex.of(names);
    names.forEach(
        (name, i) -> {
          assertThat(index.indexOf(name)).isEqualTo(i);
          assertThat(index.name(i)).isEqualTo(name);
          char first = name.charAt(0);
          if (first == '^' || first == '~') {
            assertThat(index.find(first, name.substring(1), FeatureIndex.NONE, null)).isEqualTo(i);
          }
          int pair = name.indexOf('_');
          if (pair > 0) {
            assertThat(
                    index.find(
                        FeatureIndex.NONE, name.substring(0, pair), '_', name.substring(pair + 1)))
                .isEqualTo(i);
          }
        });
  }

  @Test
  void find_namesThatShareAHash_onlyTheOneAsked() {
    // "Aa" and "BB" hash alike (String.hashCode), and so do the longer names made of them.
    Map<String, Integer> names = new LinkedHashMap<>();
    for (String name : List.of("Aa", "^Aa", "~BB", "Aa_BB", "BB_Aa", "AaAa", "Aa BB", "")) {
      names.put(name, names.size());
    }
    FeatureIndex index = FeatureIndex.of(names);

    assertThat(index.indexOf("Aa")).isEqualTo(0);
    assertThat(index.indexOf("BB")).isEqualTo(-1);
    assertThat(index.find('^', "Aa", FeatureIndex.NONE, null)).isEqualTo(1);
    assertThat(index.find('^', "BB", FeatureIndex.NONE, null)).isEqualTo(-1);
    assertThat(index.find('~', "BB", FeatureIndex.NONE, null)).isEqualTo(2);
    assertThat(index.find('~', "Aa", FeatureIndex.NONE, null)).isEqualTo(-1);
    assertThat(index.find(FeatureIndex.NONE, "Aa", '_', "BB")).isEqualTo(3);
    assertThat(index.find(FeatureIndex.NONE, "BB", '_', "Aa")).isEqualTo(4);
    assertThat(index.find(FeatureIndex.NONE, "BB", '_', "BB")).isEqualTo(-1);
    assertThat(index.indexOf("AaAa")).isEqualTo(5);
    assertThat(index.indexOf("BBBB")).isEqualTo(-1);
    assertThat(index.indexOf("AaBB")).isEqualTo(-1);
    assertThat(index.indexOf("Aa BB")).isEqualTo(6);
    assertThat(index.indexOf("")).isEqualTo(7);
    assertThat(index.find(FeatureIndex.NONE, "Aa", ' ', "BB")).isEqualTo(6);
  }
}
