package dev.genaipitch.app;

import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.eval.CrossValidation;
import dev.genaipitch.core.eval.EvalReport;
import dev.genaipitch.core.eval.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "eval",
    description =
        "Scores the matcher on a labeled JSON Lines file ({\"q\": ..., \"expect\": [...]}):"
            + " in-scope accuracy, out-of-scope rejection, per-intent precision and recall, and the"
            + " misses.")
final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Labeled questions, JSON Lines.")
  Path file;

  @Option(
      names = "--cross-validate",
      paramLabel = "FOLDS",
      description =
          "Instead of a file: k-fold cross-validation over the guide's own example questions.")
  Integer folds;

  @Option(
      names = "--min-in-scope",
      description = "Exit 1 when in-scope accuracy is below this (0 to 1).")
  double minInScope = 0;

  @Option(
      names = "--min-out-of-scope",
      description = "Exit 1 when out-of-scope rejection is below this (0 to 1).")
  double minOutOfScope = 0;

  @Override
  public Integer call() throws IOException, Main.ExitException {
    if ((file == null) == (folds == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give a FILE or --cross-validate FOLDS");
    }
    if (file != null && !java.nio.file.Files.isRegularFile(file)) {
      spec.commandLine()
          .getErr()
          .println(
              "genai-pitch eval: no such file: "
                  + file
                  + " (give a labeled JSON Lines file, e.g. eval/test.jsonl)");
      spec.commandLine().getErr().flush();
      return Main.USAGE;
    }
    PitchBot bot = Main.bot(spec);
    PrintWriter out = spec.commandLine().getOut();
    EvalReport report;
    String title;
    if (folds != null) {
      report = CrossValidation.run(bot.guide(), folds);
      title = folds + "-fold cross-validation over the guide's examples";
    } else {
      try {
        report = Evaluation.run(bot.matcher(), Evaluation.read(file));
      } catch (IllegalArgumentException | IOException e) {
        spec.commandLine().getErr().println("genai-pitch eval: " + e.getMessage());
        return 1;
      }
      title = file.toString();
    }
    print(title, report, out);
    boolean pass =
        report.inScopeAccuracy() >= minInScope && report.outOfScopeRejection() >= minOutOfScope;
    return pass ? 0 : 1;
  }

  private void print(String title, EvalReport report, PrintWriter out) {
    out.printf(
        "%s: %d questions (%d in scope, %d out of scope)%n%n",
        title, report.inScope() + report.outOfScope(), report.inScope(), report.outOfScope());
    out.printf("in-scope top-1 accuracy   %6.1f%%%n", 100 * report.inScopeAccuracy());
    out.printf("out-of-scope rejection    %6.1f%%%n", 100 * report.outOfScopeRejection());
    out.printf("threshold for none        %6.2f%n%n", report.threshold());
    out.printf("%-20s %8s %8s %9s %7s%n", "intent", "expected", "answered", "precision", "recall");
    report
        .perIntent()
        .forEach(
            (intent, f) ->
                out.printf(
                    "%-20s %8d %8d %8.1f%% %6.1f%%%n",
                    intent, f.expected(), f.predicted(), 100 * f.precision(), 100 * f.recall()));
    out.printf("%nmisses (%d):%n", report.misses().size());
    for (EvalReport.Miss miss : report.misses()) {
      String expected =
          miss.question().expected().isEmpty()
              ? "none"
              : String.join("|", miss.question().expected());
      String where = miss.question().line() > 0 ? "line " + miss.question().line() + ": " : "";
      out.printf(
          "  %sexpected %s, got %s (%.2f): %s%n",
          where, expected, miss.got(), miss.score(), miss.question().question());
    }
    out.flush();
  }
}
