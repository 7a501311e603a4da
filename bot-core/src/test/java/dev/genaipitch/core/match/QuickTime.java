package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

public final class QuickTime {
  public static void main(String[] args) throws Exception {
    List<LabeledQuestion> qs = Evaluation.read(Path.of("/work/main/eval/test.jsonl"));
    long[] builds = new long[15];
    IntentMatcher m = null;
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < builds.length; i++) {
      long t0 = mx.getCurrentThreadCpuTime();
      Guide g = GuideLoader.builtIn();
      m = IntentMatcher.build(g);
      builds[i] = mx.getCurrentThreadCpuTime() - t0;
    }
    long[] loads = new long[15];
    for (int i = 0; i < loads.length; i++) { long t0 = System.nanoTime(); GuideLoader.builtIn(); loads[i] = System.nanoTime() - t0; }
    Arrays.sort(loads);
    System.out.printf("load only median %.1f ms%n", loads[loads.length / 2] / 1e6);
    Arrays.sort(builds);
    System.out.printf("load+build CPU median %.1f ms (min %.1f)%n", builds[builds.length / 2] / 1e6, builds[0] / 1e6);
    long[] t = new long[qs.size() * 50];
    int k = 0;
    for (int r = 0; r < 50; r++) for (LabeledQuestion q : qs) { long t0 = System.nanoTime(); m.match(q.question()); t[k++] = System.nanoTime() - t0; }
    Arrays.sort(t);
    System.out.printf("match median %.1f us p99 %.1f us%n", t[t.length / 2] / 1e3, t[(int) (t.length * 0.99)] / 1e3);
  }
}
