package dev.genaipitch.app.cli;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.PracticeStore;
import dev.genaipitch.core.practice.Rehearsal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A practice round in the terminal: the bot asks as a customer would, the rep answers on one line,
 * the bot grades and coaches, and offers Try again, Next question (the weakest section) and Show
 * the script's answer.
 */
@Command(
    name = "practice",
    description =
        "Rehearse: the bot asks as a customer would, you answer in your own words, it grades the"
            + " answer against the script. After a grade: 1/again, 2/next, 3/answer; 'progress'"
            + " shows your grades; 'quit' or Ctrl-D ends.")
final class PracticeCommand implements Callable<Integer> {

  /** The rep a terminal session practises as. */
  static final String REP = "cli";

  @Spec CommandSpec spec;

  @Option(
      names = "--section",
      paramLabel = "ID",
      description = "Start with this section (default: the weakest, which is the first at first).")
  String section;

  @Override
  public Integer call() throws IOException, Main.ExitException {
    BotConfig config = Main.config(spec);
    if (config == null) {
      throw new Main.ExitException(Main.BAD_CONFIG);
    }
    var guide = Main.bot(spec).guide();
    Rehearsal rehearsal =
        Rehearsal.create(
            guide, PracticeStore.inMemory(16), Clock.systemUTC(), config.practiceKeepAnswers());
    PrintWriter out = spec.commandLine().getOut();
    PracticeRenderer renderer = PracticeRenderer.forConsole();
    Optional<PracticeQuestion> first =
        section == null ? rehearsal.start(REP) : rehearsal.start(REP, section);
    if (first.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          section == null
              ? "genai-pitch practice: this guide has no practice content (practice/*.md)"
              : "genai-pitch practice: '"
                  + section
                  + "' cannot be practised; sections: "
                  + String.join(", ", rehearsal.grader().sections()));
      err.flush();
      return Main.BAD_CONFIG;
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(Main.in(spec), StandardCharsets.UTF_8));
    out.print(renderer.question(first.get()));
    List<Coaching.Choice> choices = List.of();
    while (true) {
      out.print("\n> ");
      out.flush();
      String line = in.readLine();
      String text = line == null ? "quit" : line.strip();
      String command = command(text, choices);
      switch (command) {
        case "quit" -> {
          out.println();
          out.print(renderer.progress(rehearsal.progress(REP)));
          out.flush();
          return 0;
        }
        case "again" -> {
          rehearsal.tryAgain(REP).ifPresent(q -> out.print(renderer.question(q)));
          choices = List.of();
        }
        case "next" -> {
          rehearsal.next(REP).ifPresent(q -> out.print(renderer.question(q)));
          choices = List.of();
        }
        case "answer" ->
            rehearsal.showAnswer(REP).ifPresent(a -> out.print(renderer.scriptAnswer(a)));
        case "progress" -> out.print(renderer.progress(rehearsal.progress(REP)));
        default -> {
          if (text.isEmpty()) {
            out.println("Type your answer, or 'quit'.");
            continue;
          }
          Optional<Coaching> coaching = rehearsal.answer(REP, text);
          if (coaching.isPresent()) {
            Coaching c = coaching.get();
            String next = guide.section(c.nextSection()).map(s -> s.title()).orElse(null);
            out.print(renderer.coaching(c, next));
            choices = c.choices();
          }
        }
      }
      out.flush();
    }
  }

  /** What a line asks for: quit, again, next, answer, progress, or an answer to grade. */
  private static String command(String text, List<Coaching.Choice> choices) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.equals("quit") || t.equals("exit")) {
      return "quit";
    }
    if (t.equals("progress")) {
      return "progress";
    }
    if (t.matches("[1-9]") && Integer.parseInt(t) <= choices.size()) {
      return switch (choices.get(Integer.parseInt(t) - 1)) {
        case TRY_AGAIN -> "again";
        case NEXT_QUESTION -> "next";
        case SHOW_ANSWER -> "answer";
      };
    }
    return switch (t) {
      case "again", "try again" -> "again";
      case "next", "next question" -> "next";
      case "answer", "show answer", "show the script's answer" -> "answer";
      default -> "grade";
    };
  }
}
