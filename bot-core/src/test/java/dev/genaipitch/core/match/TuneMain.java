package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.eval.EvalReport;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.nio.file.Path;
import java.util.List;

/** Development aid: prints the evaluation of one labeled file, with misses. */
public final class TuneMain {
  public static void main(String[] args) throws Exception {
    Guide guide = GuideLoader.builtIn();
    long t0 = System.nanoTime();
    IntentMatcher m = IntentMatcher.build(guide);
    System.out.printf("build %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    List<LabeledQuestion> qs = Evaluation.read(Path.of(args[0]));
    EvalReport r = Evaluation.run(m, qs);
    boolean showMisses = args.length < 2 || !args[1].equals("quiet");
    if (showMisses) {
      for (EvalReport.Miss miss : r.misses()) {
        MatchResult res = m.match(miss.question().question());
        System.out.printf("MISS %-60s exp=%s got=%s %.2f alts=%s%n", miss.question().question(), miss.question().expected(), miss.got(), miss.score(), res.alternatives());
      }
    }
    r.perIntent().forEach((k, v) -> System.out.printf("%-18s exp=%3d pred=%3d P=%.2f R=%.2f%n", k, v.expected(), v.predicted(), v.precision(), v.recall()));
    System.out.printf("in-scope %.3f (%d)  oos-rejection %.3f (%d)%n", r.inScopeAccuracy(), r.inScope(), r.outOfScopeRejection(), r.outOfScope());
  }
}
