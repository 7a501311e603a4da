package dev.genaipitch.app;

import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.eval.EvalReport;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "eval",
    description = "Scores the matcher on a labeled JSON Lines file ({\"q\": ..., \"expect\": [...]}): "
        + "in-scope accuracy, out-of-scope rejection, per-intent precision and recall, and the misses.")
final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Labeled questions, JSON Lines.")
  Path file;

  @Option(names = "--min-in-scope", description = "Exit 1 when in-scope accuracy is below this (0 to 1).")
  double minInScope = 0;

  @Option(names = "--min-out-of-scope", description = "Exit 1 when out-of-scope rejection is below this (0 to 1).")
  double minOutOfScope = 0;

  @Override
  public Integer call() throws IOException, Main.ExitException {
    PitchBot bot = Main.bot(spec);
    PrintWriter out = spec.commandLine().getOut();
    List<LabeledQuestion> questions;
    try {
      questions = Evaluation.read(file);
    } catch (IllegalArgumentException | IOException e) {
      spec.commandLine().getErr().println("genai-pitch eval: " + e.getMessage());
      return 1;
    }
    EvalReport report = Evaluation.run(bot.matcher(), questions);
    out.printf("%s: %d questions (%d in scope, %d out of scope)%n%n", file, questions.size(), report.inScope(), report.outOfScope());
    out.printf("in-scope top-1 accuracy   %6.1f%%%n", 100 * report.inScopeAccuracy());
    out.printf("out-of-scope rejection    %6.1f%%%n", 100 * report.outOfScopeRejection());
    out.printf("threshold for none        %6.2f%n%n", report.threshold());
    out.printf("%-20s %8s %8s %9s %7s%n", "intent", "expected", "answered", "precision", "recall");
    report.perIntent().forEach((intent, f) ->
        out.printf("%-20s %8d %8d %8.1f%% %6.1f%%%n", intent, f.expected(), f.predicted(), 100 * f.precision(), 100 * f.recall()));
    out.printf("%nmisses (%d):%n", report.misses().size());
    for (EvalReport.Miss miss : report.misses()) {
      String expected = miss.question().expected().isEmpty() ? "none" : String.join("|", miss.question().expected());
      out.printf("  line %d: expected %s, got %s (%.2f): %s%n", miss.question().line(), expected, miss.got(), miss.score(), miss.question().question());
    }
    out.flush();
    boolean pass = report.inScopeAccuracy() >= minInScope && report.outOfScopeRejection() >= minOutOfScope;
    return pass ? 0 : 1;
  }
}
