package dev.genaipitch.app;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.config.ConfigException;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
      ConfigCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {

  /** Exit code for configuration that cannot be used. */
  static final int BAD_CONFIG = 2;
  /** Exit code for guide content that cannot be served. */
  static final int BAD_CONTENT = 3;

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  private Main(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    System.exit(run(System.getenv(), args));
  }

  /** Runs a command line with {@code env} as the environment it reads configuration from. */
  static int run(Map<String, String> env, String... args) {
    return new CommandLine(new Main(env)).execute(args);
  }

  /** As {@link #run(Map, String...)}, writing to {@code out} and {@code err}. */
  static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new Main(env)).setOut(out).setErr(err).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    return ((ServeCommand) spec.subcommands().get("serve").getCommandSpec().userObject()).call();
  }

  /** The environment the command line runs in (the process environment, or a test's). */
  static Map<String, String> env(CommandSpec spec) {
    return ((Main) spec.root().userObject()).env;
  }

  /** The configuration; on error, prints every problem and returns null. */
  static BotConfig config(CommandSpec spec) {
    try {
      return BotConfig.load(env(spec));
    } catch (ConfigException e) {
      PrintWriter err = spec.commandLine().getErr();
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
  static PitchBot bot(CommandSpec spec) throws ExitException {
    BotConfig config = config(spec);
    if (config == null) {
      throw new ExitException(BAD_CONFIG);
    }
    Guide guide = guide(config, spec.commandLine().getErr());
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
