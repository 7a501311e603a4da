package dev.genaipitch.core.practice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the grader's grades agree with a coach's on a graded set: exact agreement overall and per
 * section, the confusion matrix, every strong/off confusion, and key-point agreement.
 *
 * @param results each answer with the grader's grade, in the set's order
 */
public record GradingReport(List<Result> results) {

  public GradingReport {
    results = List.copyOf(results);
  }

  /** One graded answer with the grader's grade. */
  public record Result(GradedAnswer expected, Grade actual) {
    public boolean agrees() {
      return expected.grade().equals(actual.level().id());
    }

    /** The coach said strong and the grader off, or the reverse. */
    public boolean severe() {
      String e = expected.grade();
      String a = actual.level().id();
      return (e.equals("strong") && a.equals("off")) || (e.equals("off") && a.equals("strong"));
    }
  }

  public double agreement() {
    return results.isEmpty()
        ? 0
        : (double) results.stream().filter(Result::agrees).count() / results.size();
  }

  public List<Result> severe() {
    return results.stream().filter(Result::severe).toList();
  }

  public double severeRate() {
    return results.isEmpty() ? 0 : (double) severe().size() / results.size();
  }

  /** Section id to {agreeing, total}, in the order sections first appear. */
  public Map<String, int[]> bySection() {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (Result r : results) {
      int[] c = out.computeIfAbsent(r.expected().section(), k -> new int[2]);
      c[0] += r.agrees() ? 1 : 0;
      c[1]++;
    }
    return out;
  }

  /** Counts by coach's grade (rows) and grader's grade (columns): strong, partial, off. */
  public int[][] confusion() {
    List<String> order = List.of("strong", "partial", "off");
    int[][] m = new int[3][3];
    for (Result r : results) {
      int e = order.indexOf(r.expected().grade());
      if (e >= 0) {
        m[e][order.indexOf(r.actual().level().id())]++;
      }
    }
    return m;
  }

  /** Key points: {grader and coach both carried, grader only, coach only}. */
  public int[] pointAgreement() {
    int both = 0;
    int graderOnly = 0;
    int coachOnly = 0;
    for (Result r : results) {
      for (String p : r.actual().carried()) {
        if (r.expected().carried().contains(p)) {
          both++;
        } else {
          graderOnly++;
        }
      }
      for (String p : r.expected().carried()) {
        if (!r.actual().carried().contains(p)) {
          coachOnly++;
        }
      }
    }
    return new int[] {both, graderOnly, coachOnly};
  }

  /** A plain-text report: the figures, then every disagreement with the coach's reason. */
  public String describe(boolean listDisagreements) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "exact agreement %.1f%% (%d/%d), strong<->off %.1f%% (%d)%n",
            100 * agreement(),
            results.stream().filter(Result::agrees).count(),
            results.size(),
            100 * severeRate(),
            severe().size()));
    for (Map.Entry<String, int[]> e : bySection().entrySet()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-18s %5.1f%% (%d/%d)%n",
              e.getKey(),
              100.0 * e.getValue()[0] / e.getValue()[1],
              e.getValue()[0],
              e.getValue()[1]));
    }
    int[][] m = confusion();
    sb.append("  coach \\ grader   strong partial off\n");
    String[] names = {"strong", "partial", "off"};
    for (int i = 0; i < 3; i++) {
      sb.append(
          String.format(Locale.ROOT, "  %-16s %6d %7d %3d%n", names[i], m[i][0], m[i][1], m[i][2]));
    }
    int[] p = pointAgreement();
    sb.append(
        String.format(
            Locale.ROOT,
            "  key points: %d agreed, %d only the grader found, %d only the coach found%n",
            p[0],
            p[1],
            p[2]));
    if (listDisagreements) {
      List<Result> wrong = new ArrayList<>();
      results.stream().filter(r -> !r.agrees()).forEach(wrong::add);
      for (Result r : wrong) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%n[%s] coach %s, grader %s%s carried=%s mistakes=%s%n  %s%n  coach: %s"
                    + " carried=%s%n",
                r.expected().section(),
                r.expected().grade(),
                r.actual().level().id(),
                r.severe() ? " (SEVERE)" : "",
                r.actual().carried(),
                r.actual().mistakes(),
                r.expected().answer(),
                r.expected().why(),
                r.expected().carried()));
      }
    }
    return sb.toString();
  }
}
