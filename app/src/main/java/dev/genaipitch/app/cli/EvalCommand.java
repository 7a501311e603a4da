package dev.genaipitch.app.cli;

import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.eval.ConversationEvaluation;
import dev.genaipitch.core.eval.ConversationReport;
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
            + " misses. A file of conversations ({\"turns\": [{\"q\", \"expect\"}, ...], \"kind\"})"
            + " is scored on its last messages, each read after the answers before it.")
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

  @Option(
      names = "--min-last",
      description =
          "Conversations: exit 1 when the share of last messages answered right is below this.")
  double minLast = 0;

  @Option(
      names = "--max-hijacked",
      description =
          "Conversations: exit 1 when the share of complete questions hijacked by the context is"
              + " above this.")
  double maxHijacked = 1;

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
    if (file != null && ConversationEvaluation.holdsConversations(file)) {
      ConversationReport conversations;
      try {
        conversations =
            ConversationEvaluation.run(bot.matcher(), ConversationEvaluation.read(file));
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("genai-pitch eval: " + e.getMessage());
        return 1;
      }
      print(file.toString(), conversations, out);
      boolean pass =
          conversations.lastAccuracy() >= minLast && conversations.hijackRate() <= maxHijacked;
      return pass ? 0 : 1;
    }
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

  private static void print(String title, ConversationReport report, PrintWriter out) {
    int total = report.total();
    out.printf("%s: %d conversations%n%n", title, total);
    out.printf(
        "%-14s %13s %13s %13s %17s%n",
        "last message", "conversations", "right", "read alone", "after the labels");
    int right = 0;
    int alone = 0;
    int labelled = 0;
    int complete = 0;
    for (ConversationReport.KindFigures k : report.kinds()) {
      out.printf(
          "%-14s %13d %13s %13s %17s%n",
          k.kind(),
          k.conversations(),
          share(k.lastRight(), k.conversations()),
          share(k.lastRightAlone(), k.conversations()),
          share(k.lastRightLabelled(), k.conversations()));
      right += k.lastRight();
      alone += k.lastRightAlone();
      labelled += k.lastRightLabelled();
      if (k.kind().equals("complete")) {
        complete = k.conversations();
      }
    }
    out.printf(
        "%-14s %13d %13s %13s %17s%n%n",
        "all", total, share(right, total), share(alone, total), share(labelled, total));
    out.printf("last messages answered right     %6.1f%%%n", 100 * report.lastAccuracy());
    out.printf(
        "complete questions hijacked      %6.1f%% (%d of %d)%n",
        100 * report.hijackRate(), report.hijacked(), complete);
    out.printf("%nmisses (%d):%n", report.misses().size());
    for (ConversationReport.Read miss : report.misses()) {
      var c = miss.conversation();
      out.printf("  line %d, %s:%n", c.line(), c.kind());
      for (int i = 0; i < c.turns().size(); i++) {
        var turn = c.turns().get(i);
        out.printf(
            "    %s %s -> %s (%.2f)%s: %s%n",
            i == c.turns().size() - 1 ? "*" : " ",
            String.join("|", turn.expected()),
            miss.answered().get(i),
            miss.scores().get(i),
            i == c.turns().size() - 1 && !miss.lastAlone().equals(miss.answered().get(i))
                ? ", alone " + miss.lastAlone()
                : "",
            turn.question());
      }
    }
    out.flush();
  }

  private static String share(int right, int of) {
    return String.format("%d (%.1f%%)", right, of == 0 ? 100.0 : 100.0 * right / of);
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
