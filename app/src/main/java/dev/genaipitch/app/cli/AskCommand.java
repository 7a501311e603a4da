package dev.genaipitch.app.cli;

import dev.genaipitch.core.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ask", description = "Answers one question in the terminal, with follow-ups.")
final class AskCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUESTION",
      description = "The question, e.g. \"do we need both?\"")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() throws Main.ExitException {
    Answer answer = Main.bot(spec).ask(String.join(" ", words), "cli");
    spec.commandLine()
        .getOut()
        .print(TerminalRenderer.forConsole().render(answer, new ArrayList<>()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
