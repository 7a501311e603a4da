package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Development aid: k-fold cross-validation over the content's own example questions. */
public final class CrossValidate {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("grid")) {
      grid();
      return;
    }
    run(Tuning.DEFAULT, args.length > 0 && args[0].equals("misses"), true);
  }

  static void grid() throws Exception {
    Tuning d = Tuning.DEFAULT;
    for (int epochs : new int[] {8, 12})
      for (double rate : new double[] {0.2, 0.4, 0.8}) {
        Tuning t = new Tuning(d.keywordWeight(), d.titleWeight(), d.bodyWeight(), epochs, rate, d.l2(), d.threshold(), d.didYouMeanRatio());
        System.out.printf("epochs=%d rate=%.2f  ", epochs, rate);
        run(t, false, false);
      }
  }

  static void run(Tuning tuning, boolean showMisses, boolean details) throws Exception {
    Guide guide = GuideLoader.builtIn();
    int k = 5;
    Map<String, int[]> perClass = new TreeMap<>();
    Map<String, Integer> confusion = new TreeMap<>();
    int in = 0, inRight = 0, out = 0, outRight = 0;
    for (int fold = 0; fold < k; fold++) {
      List<Section> sections = new ArrayList<>();
      List<String[]> held = new ArrayList<>();
      for (Section s : guide.sections()) sections.add(split(s, fold, k, held));
      Section help = split(guide.help(), fold, k, held);
      Section none = split(guide.none(), fold, k, held);
      Guide g = new Guide(sections, help, none, guide.synonyms(), "fold");
      IntentMatcher m = IntentMatcher.build(g, tuning);
      for (String[] h : held) {
        String got = m.match(h[0]).intent();
        int[] pc = perClass.computeIfAbsent(h[1], x -> new int[2]);
        pc[0]++;
        if (got.equals(h[1])) pc[1]++;
        else {
          confusion.merge(h[1] + " -> " + got, 1, Integer::sum);
          if (showMisses) System.out.printf("MISS %-18s got %-18s %s%n", h[1], got, h[0]);
        }
        if (h[1].equals("none")) { out++; if (got.equals("none")) outRight++; }
        else { in++; if (got.equals(h[1])) inRight++; }
      }
    }
    if (details) perClass.forEach((c, v) -> System.out.printf("%-18s n=%4d recall=%.3f%n", c, v[0], (double) v[1] / v[0]));
    if (details) confusion.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
        .forEach(e -> System.out.printf("  %3d  %s%n", e.getValue(), e.getKey()));
    System.out.printf("CV in-scope %.3f (%d)  oos %.3f (%d)%n", (double) inRight / in, in, (double) outRight / out, out);
  }

  private static Section split(Section s, int fold, int k, List<String[]> held) {
    List<String> train = new ArrayList<>();
    for (int i = 0; i < s.examples().size(); i++) {
      if (i % k == fold) held.add(new String[] {s.examples().get(i), s.id()});
      else train.add(s.examples().get(i));
    }
    return new Section(s.id(), s.title(), s.summary(), s.heading(), s.blocks(), s.followUps(), s.keywords(), train, s.source());
  }
}
