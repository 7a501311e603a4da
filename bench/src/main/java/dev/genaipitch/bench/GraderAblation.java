package dev.genaipitch.bench;

import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Practice;
import dev.genaipitch.core.practice.AnswerGrader;
import dev.genaipitch.core.practice.GradedAnswer;
import dev.genaipitch.core.practice.GradingEvaluation;
import dev.genaipitch.core.practice.GradingReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each part of the grader contributes: exact agreement and strong/off confusions on each
 * graded set given, with the whole grader, with each part switched off in turn, and as a plain
 * keyword count (no attribution, swaps, negation or contradictions). Prints a Markdown table for
 * docs/rehearsal.md. Cost per answer is JMH's job ({@link GradeBenchmark}).
 *
 * <p>Usage, from the repository root: {@code java -cp 'bench/target/bench.jar:bench/target/lib/*'
 * dev.genaipitch.bench.GraderAblation eval/graded/dev.jsonl eval/graded/test.jsonl}
 */
public final class GraderAblation {

  private GraderAblation() {}

  public static void main(String[] args) throws Exception {
    Practice practice = GuideLoader.builtIn().practice();
    Map<String, Set<AnswerGrader.Part>> variants = new LinkedHashMap<>();
    variants.put("whole grader", EnumSet.noneOf(AnswerGrader.Part.class));
    for (AnswerGrader.Part part : AnswerGrader.Part.values()) {
      variants.put("without " + part.name().toLowerCase(Locale.ROOT), EnumSet.of(part));
    }
    variants.put(
        "without swaps and contradictions",
        EnumSet.of(AnswerGrader.Part.SWAPS, AnswerGrader.Part.CONTRADICTIONS));
    variants.put(
        "keyword count (no attribution, swaps, negation, contradictions)",
        EnumSet.of(
            AnswerGrader.Part.SERVICE_ATTRIBUTION,
            AnswerGrader.Part.SWAPS,
            AnswerGrader.Part.NEGATION,
            AnswerGrader.Part.CONTRADICTIONS));
    List<List<GradedAnswer>> sets = new ArrayList<>();
    StringBuilder header = new StringBuilder("| grader |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String file : args) {
      sets.add(GradingEvaluation.read(Path.of(file)));
      String name = Path.of(file).getFileName().toString();
      header.append(' ').append(name).append(" exact | ").append(name).append(" strong↔off |");
      rule.append("---:|---:|");
    }
    System.out.println(header);
    System.out.println(rule);
    for (Map.Entry<String, Set<AnswerGrader.Part>> v : variants.entrySet()) {
      AnswerGrader grader = AnswerGrader.without(practice, v.getValue());
      StringBuilder row = new StringBuilder("| " + v.getKey() + " |");
      for (List<GradedAnswer> set : sets) {
        GradingReport r = GradingEvaluation.run(grader, set);
        row.append(
            String.format(
                Locale.ROOT,
                " %.1f%% | %d (%.1f%%) |",
                100 * r.agreement(),
                r.severe().size(),
                100 * r.severeRate()));
      }
      System.out.println(row);
    }
  }
}
