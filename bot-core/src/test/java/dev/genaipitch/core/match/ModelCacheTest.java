package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ModelCacheTest {

  @Test
  void lookup_builtInGuide_findsTheModelTheBuildTrained() throws ContentException {
    Guide guide = GuideLoader.builtIn();

    assertThat(ModelCache.lookup(ModelCache.fingerprint(guide, Tuning.DEFAULT))).isPresent();
  }

  @Test
  void shippedModel_matchesExactlyAsAModelTrainedNow() throws ContentException, IOException {
    Guide guide = GuideLoader.builtIn();
    IntentMatcher shipped = IntentMatcher.build(guide);
    IntentMatcher trainedNow = IntentMatcher.train(guide, Tuning.DEFAULT);

    List<String> questions = new ArrayList<>();
    for (String file : List.of("test.jsonl", "dev.jsonl")) {
      Evaluation.read(Path.of("..", "eval", file)).stream()
          .map(LabeledQuestion::question)
          .forEach(questions::add);
    }
    questions.add("sagmaker anology pls");
    for (String q : questions) {
      assertThat(shipped.match(q)).as(q).isEqualTo(trainedNow.match(q));
    }
  }

  @Test
  void fingerprint_changesWithTheContentAndTheTuning() throws ContentException {
    Guide guide = GuideLoader.builtIn();
    Section first = guide.sections().get(0);
    List<String> examples = new ArrayList<>(first.examples());
    examples.add("one more way to ask");
    List<Section> sections = new ArrayList<>(guide.sections());
    sections.set(0, first.withExamples(examples));
    Guide edited = new Guide(sections, guide.help(), guide.none(), guide.synonyms(), "edited");

    String original = ModelCache.fingerprint(guide, Tuning.DEFAULT);
    assertThat(ModelCache.fingerprint(edited, Tuning.DEFAULT)).isNotEqualTo(original);
    assertThat(ModelCache.fingerprint(guide, Tuning.DEFAULT.withThreshold(0.5)))
        .isNotEqualTo(original);
    assertThat(ModelCache.lookup(ModelCache.fingerprint(edited, Tuning.DEFAULT))).isEmpty();
  }
}
