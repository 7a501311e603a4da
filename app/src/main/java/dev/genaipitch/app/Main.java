package dev.genaipitch.app;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.config.ConfigException;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code genai-pitch}: answers "Bedrock or SageMaker?" from the script, in Slack, Teams or a terminal. */
@Command(
    name = "genai-pitch",
    mixinStandardHelpOptions = true,
    version = "genai-pitch 1.0",
    description = "Answers from the Bedrock vs. SageMaker script. Without a command, runs `serve`.",
    subcommands = {
      ServeCommand.class,
      AskCommand.class,
      ChatCommand.class,
      MatchCommand.class,
      EvalCommand.class,
      ValidateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {

  /** Exit code for configuration that cannot be used. */
  static final int BAD_CONFIG = 2;
  /** Exit code for guide content that cannot be served. */
  static final int BAD_CONTENT = 3;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    return new ServeCommand().call();
  }

  /** The configuration from the environment; on error, prints every problem and returns null. */
  static BotConfig config(PrintWriter err) {
    try {
      return BotConfig.fromEnvironment();
    } catch (ConfigException e) {
      err.println("genai-pitch: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  /** The guide the configuration names; on error, prints every problem and returns null. */
  static Guide guide(BotConfig config, PrintWriter err) {
    try {
      return GuideSource.load(config.guideDir());
    } catch (ContentException e) {
      err.println("genai-pitch: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  /** A bot for one-shot terminal commands. */
  static PitchBot bot(CommandLine.Model.CommandSpec spec) throws ExitException {
    PrintWriter err = spec.commandLine().getErr();
    BotConfig config = config(err);
    if (config == null) {
      throw new ExitException(BAD_CONFIG);
    }
    Guide guide = guide(config, err);
    if (guide == null) {
      throw new ExitException(BAD_CONTENT);
    }
    return PitchBot.create(guide);
  }

  /** Ends a command with an exit code after its message was printed. */
  static final class ExitException extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    ExitException(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }
}
