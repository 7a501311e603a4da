package dev.genaipitch.app.cli;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "chat",
    description =
        "Asks questions in a loop, as a conversation: a follow-up (\"and sm?\", \"shorter\") is"
            + " read after the answer before it. Type a question, a choice's number or a topic id;"
            + " 'menu' shows the topics; 'quit' or Ctrl-D ends.")
final class ChatCommand implements Callable<Integer> {

  /** The terminal session is one conversation. */
  private static final String CONVERSATION = "cli";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, Main.ExitException {
    PitchBot bot = Main.bot(spec);
    PrintWriter out = spec.commandLine().getOut();
    TerminalRenderer renderer = TerminalRenderer.forConsole();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(Main.in(spec), StandardCharsets.UTF_8));
    List<String> choices = new ArrayList<>();
    out.println(
        "Ask about Bedrock vs. SageMaker. A number or topic id opens it; 'menu' for topics, 'quit'"
            + " to leave.");
    while (true) {
      out.print("\n> ");
      out.flush();
      String line = in.readLine();
      if (line == null
          || line.strip().equalsIgnoreCase("quit")
          || line.strip().equalsIgnoreCase("exit")) {
        out.println();
        out.flush();
        return 0;
      }
      String text = line.strip();
      Answer answer;
      if (text.matches("\\[?\\d{1,9}]?")) {
        int choice = Integer.parseInt(text.replace("[", "").replace("]", ""));
        if (choice < 1 || choice > choices.size()) {
          out.println(
              choices.isEmpty()
                  ? "There is no [" + choice + "]: no numbered choices are shown. Type a question."
                  : "There is no ["
                      + choice
                      + "]; pick "
                      + (choices.size() == 1 ? "1" : "1–" + choices.size())
                      + ", or type a question.");
          out.flush();
          continue;
        }
        answer = bot.open(choices.get(choice - 1), CONVERSATION);
      } else if (bot.guide().section(text).isPresent()) {
        answer = bot.open(text, CONVERSATION);
      } else {
        answer = bot.ask(text, "cli", CONVERSATION);
      }
      choices = new ArrayList<>();
      out.print(renderer.render(answer, choices));
      out.flush();
    }
  }
}
