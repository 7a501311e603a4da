package dev.genaipitch.app.cli;

import dev.genaipitch.app.ContentLoad;
import dev.genaipitch.app.GuideSource;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.config.ConfigException;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code genai-pitch}: answers "Bedrock or SageMaker?" from the script, in Slack, Teams or a
 * terminal.
 */
@Command(
    name = "genai-pitch",
    mixinStandardHelpOptions = true,
    // Every subcommand takes --help (its own usage, exit 0) and --version too.
    scope = CommandLine.ScopeType.INHERIT,
    version = "genai-pitch 1.0",
    description = "Answers from the Bedrock vs. SageMaker script. Without a command, runs `serve`.",
    subcommands = {
      ServeCommand.class,
      AskCommand.class,
      ChatCommand.class,
      MatchCommand.class,
      PracticeCommand.class,
      GradeCommand.class,
      EvalCommand.class,
      ValidateCommand.class,
      ConfigCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {

  /** Exit code for configuration that cannot be used. */
  public static final int BAD_CONFIG = 2;

  /** Exit code for a command line that cannot be run as given (picocli's own, for usage errors). */
  static final int USAGE = 2;

  /** Exit code for guide content that cannot be served. */
  static final int BAD_CONTENT = 3;

  private final Map<String, String> env;
  private final InputStream in;

  @Spec CommandSpec spec;

  private Main(Map<String, String> env, InputStream in) {
    this.env = Map.copyOf(env);
    this.in = in;
  }

  public static void main(String[] args) {
    // UTF-8 whatever the locale: the script's curly quotes and users' emoji must survive.
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(System.getenv(), System.in, out, err, args));
  }

  /** Runs a command line with {@code env} as the environment it reads configuration from. */
  public static int run(Map<String, String> env, String... args) {
    return new CommandLine(new Main(env, System.in))
        .setExecutionExceptionHandler(Main::exitCode)
        .execute(args);
  }

  /** As {@link #run(Map, String...)}, writing to {@code out} and {@code err}. */
  public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    return run(env, System.in, out, err, args);
  }

  /** As {@link #run(Map, String...)}, reading standard input from {@code in}. */
  public static int run(
      Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, String... args) {
    if (args.length == 0 || (args.length == 1 && args[0].equals("serve"))) {
      // What a server runs, without building picocli's model of all the commands first: picocli's
      // classes are compiled for Java 5, which the JVM's class-data archives leave out, so every
      // start would load and verify them from the jar (docs/performance.md, "start-up").
      return serve(env, err, args.length == 0 ? "genai-pitch" : "genai-pitch serve");
    }
    return new CommandLine(new Main(env, in))
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(Main::exitCode)
        .execute(args);
  }

  /** {@code serve} as picocli would run it: the same exit codes and the same one-line errors. */
  private static int serve(Map<String, String> env, PrintWriter err, String commandName) {
    try {
      BotConfig config = config(env, err);
      if (config == null) {
        return BAD_CONFIG;
      }
      // The guide loads on a thread of its own from here, beside logging's set-up (which starts
      // with ServeCommand's logger) and the server's.
      ContentLoad content = ContentLoad.start(config);
      return ServeCommand.serve(config, content, ServeCommand::routes, err);
    } catch (Exception e) {
      err.println(commandName + ": " + e);
      err.flush();
      return 1;
    }
  }

  /**
   * An {@link ExitException} ends the command with its code (its message was already printed);
   * anything else is reported in one line, never as a stack trace.
   */
  private static int exitCode(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
    if (e instanceof ExitException exit) {
      return exit.code;
    }
    PrintWriter err = commandLine.getErr();
    err.println("genai-pitch " + commandLine.getCommandName() + ": " + e);
    err.flush();
    return 1;
  }

  @Override
  public Integer call() throws Exception {
    return ((ServeCommand) spec.subcommands().get("serve").getCommandSpec().userObject()).call();
  }

  /** Standard input (the process's, or a test's). */
  static InputStream in(CommandSpec spec) {
    return ((Main) spec.root().userObject()).in;
  }

  /**
   * Standard input as UTF-8 lines for the commands that read one request per line ({@code match},
   * {@code grade}): a malformed byte becomes U+FFFD in its line rather than failing the run.
   */
  static BufferedReader lines(CommandSpec spec) {
    return new BufferedReader(
        new InputStreamReader(
            in(spec),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
        1 << 16);
  }

  /** The environment the command line runs in (the process environment, or a test's). */
  static Map<String, String> env(CommandSpec spec) {
    return ((Main) spec.root().userObject()).env;
  }

  /** The configuration; on error, prints every problem and returns null. */
  static BotConfig config(CommandSpec spec) {
    return config(env(spec), spec.commandLine().getErr());
  }

  private static BotConfig config(Map<String, String> env, PrintWriter err) {
    try {
      return BotConfig.load(env);
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
