package dev.genaipitch.core.eval;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.match.IntentMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * k-fold cross-validation over the content's own example questions: each fold's examples are held
 * out, a matcher is built from the rest, and the held-out examples are scored. A measure of how
 * well the content generalizes that needs no evaluation file.
 */
public final class CrossValidation {

  private CrossValidation() {}

  /** Scores every example of {@code guide} with a matcher built without its fold. */
  public static EvalReport run(Guide guide, int folds) {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
    }
    List<EvalReport> reports = new ArrayList<>();
    for (int fold = 0; fold < folds; fold++) {
      List<LabeledQuestion> heldOut = new ArrayList<>();
      List<Section> sections = new ArrayList<>();
      for (Section s : guide.sections()) {
        sections.add(without(s, fold, folds, heldOut));
      }
      Section help = without(guide.help(), fold, folds, heldOut);
      Section none = without(guide.none(), fold, folds, heldOut);
      Guide training =
          new Guide(sections, help, none, guide.synonyms(), guide.origin() + " fold " + fold);
      reports.add(Evaluation.run(IntentMatcher.build(training), heldOut));
    }
    return Evaluation.merge(reports);
  }

  private static Section without(Section s, int fold, int folds, List<LabeledQuestion> heldOut) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < s.examples().size(); i++) {
      if (i % folds == fold) {
        List<String> expected = s.id().equals(Guide.NONE) ? List.of() : List.of(s.id());
        heldOut.add(new LabeledQuestion(s.examples().get(i), expected, 0));
      } else {
        kept.add(s.examples().get(i));
      }
    }
    return s.withExamples(kept);
  }
}
