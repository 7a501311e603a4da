package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.eval.EvalReport;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.nio.file.Path;
import java.util.List;

/** Development aid: sweeps tuning values over a labeled file. */
public final class TuneGrid {
  public static void main(String[] args) throws Exception {
    Guide guide = GuideLoader.builtIn();
    List<LabeledQuestion> qs = Evaluation.read(Path.of(args[0]));
    for (double l2 : new double[] {3e-4, 1e-3, 3e-3})
      for (double kw : new double[] {1.0, 2.0, 4.0})
        for (double body : new double[] {0.3, 1.0})
          for (boolean bi : new boolean[] {false, true})
            for (int epochs : new int[] {20, 40}) {
              Tuning base = new Tuning(kw, 1.0, body, bi, epochs, 0.1, l2, 0.3, 0.5);
              IntentMatcher m = IntentMatcher.build(guide, base);
              StringBuilder sb = new StringBuilder(String.format("l2=%.0e kw=%.0f body=%.1f bi=%s ep=%d |", l2, kw, body, bi, epochs));
              for (double th : new double[] {0.25, 0.3, 0.35, 0.4, 0.5}) {
                IntentMatcher mt = IntentMatcher.build(guide, base.withThreshold(th));
                EvalReport r = Evaluation.run(mt, qs);
                sb.append(String.format(" %.2f:%.3f/%.3f", th, r.inScopeAccuracy(), r.outOfScopeRejection()));
              }
              System.out.println(sb);
            }
  }
}
