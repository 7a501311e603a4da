package dev.genaipitch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JIT and memory variants of the server compared from a fresh start to a steady state, for a
 * launcher's flags that must be best both at start-up and under load (issue 13): the bench's own
 * fresh-start phases as they are, then a long warm-up, then the steady state, with the CPU the JIT
 * compiler threads took counted apart (a bot runs for days: compiling ends, the compiled code's
 * cost per request stays).
 *
 * <p>Per start, alternating the variants start by start: spawn to {@code /readyz} (CPU and RSS by
 * then); Slack saturation for {@code fresh} seconds (the peak RSS after it is the memory
 * figure); Teams saturation as long; {@code warm} seconds of both kinds in turn (10 s each); then,
 * for {@code steady} seconds each, Slack and Teams saturation, Teams at 500/s and Slack at 1,000/s
 * (the peers' fixed rates), each with the server's CPU per answer and the same net of what its
 * compiler threads used meanwhile (read per thread from {@code /proc}); the peak RSS at the end.
 *
 * <p>Options: {@code repo}, {@code out}, {@code rounds} (3), {@code fresh} (10), {@code warm}
 * (100), {@code steady} (10), {@code variant.NAME=COMMAND} (a whole command line that serves, split
 * on spaces; it may start with {@code env VAR=value}), {@code train.NAME=COMMAND} (run once before
 * the rounds, to record an AOT cache or archive with {@code -XX:AOTCacheOutput=} or {@code
 * -XX:ArchiveClassesAtExit=}: ready, {@code trainSeconds} (0) of saturation of each kind, stop).
 */
public final class SteadyBench {

  private static final String[] COLUMNS = {
    "CPU by ready (s)",
    "RSS at ready (MiB)",
    "Slack sat. fresh (/s)",
    "peak RSS after fresh Slack (MiB)",
    "Teams sat. fresh (/s)",
    "compiler CPU by then (s)",
    "compiler CPU in warm-up (s)",
    "Slack sat. steady (/s)",
    "Slack CPU/answer (ms)",
    "net of compiling (ms)",
    "Teams sat. steady (/s)",
    "Teams CPU/activity (ms)",
    "net of compiling (ms)",
    "Teams 500/s: CPU/activity (ms)",
    "net of compiling (ms)",
    "reply p99 (ms)",
    "Slack 1,000/s: p99 (ms)",
    "peak RSS at end (MiB)",
    "threads at end",
    "load (1 min)"
  };

  private SteadyBench() {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    int rounds = o.integer("rounds", 3);
    double fresh = o.decimal("fresh", 10);
    double warm = o.decimal("warm", 100);
    double steady = o.decimal("steady", 10);
    double trainSeconds = o.decimal("trainSeconds", 0);
    Map<String, String> variants = named(args, "--variant.");
    Map<String, String> trainings = named(args, "--train.");
    Path out = Path.of(o.text("out", repo.resolve("bench/target/steady.md").toString()));
    Files.createDirectories(out.getParent());
    List<String> questions = MatchBenchmark.questions(repo.resolve("eval"));
    Map<String, List<double[]>> figures = new LinkedHashMap<>();
    variants.keySet().forEach(k -> figures.put(k, new ArrayList<>()));
    String loadBefore = LoadPhase.loadAverage();
    try (FakeRemotes remotes = new FakeRemotes()) {
      for (Map.Entry<String, String> t : trainings.entrySet()) {
        train(
            repo, remotes, questions, t.getValue(), trainSeconds, log(out, "train-" + t.getKey()));
      }
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, String> v : variants.entrySet()) {
          System.gc();
          TimeUnit.SECONDS.sleep(1);
          double[] x =
              run(
                  repo,
                  remotes,
                  questions,
                  v.getValue(),
                  fresh,
                  warm,
                  steady,
                  r,
                  log(out, v.getKey()));
          figures.get(v.getKey()).add(x);
          System.err.printf(Locale.ROOT, "%-12s %s%n", v.getKey(), row(x));
        }
      }
    }
    StringBuilder md =
        new StringBuilder("## Fresh start to steady state\n\n").append(Machine.describe());
    md.append(
        String.format(
            Locale.ROOT,
            "- %d starts per variant, alternating; %.0f s fresh phases, %.0f s warm-up, %.0f s"
                + " steady phases; load average before %s, after %s\n\n",
            rounds,
            fresh,
            warm,
            steady,
            loadBefore,
            LoadPhase.loadAverage()));
    medians(md, COLUMNS, figures);
    variants(md, variants);
    trainings.forEach(
        (name, command) ->
            md.append("- trained first (")
                .append(name)
                .append(", ")
                .append((int) trainSeconds)
                .append(" s of each kind): `")
                .append(command)
                .append("`\n"));
    everyStart(md, figures);
    Files.writeString(out, md.toString());
    System.out.println(md);
  }

  private static double[] run(
      Path repo,
      FakeRemotes remotes,
      List<String> questions,
      String command,
      double fresh,
      double warm,
      double steady,
      int round,
      Path log)
      throws Exception {
    double load = Double.parseDouble(LoadPhase.loadAverage().split(" ")[0]);
    try (ServerProcess s =
        ServerProcess.start(List.of(command.split(" +")), repo, remotes, null, log)) {
      s.awaitReady(remotes, questions, 120);
      double cpuReady = s.cpuSeconds();
      double rssReady = s.status().vmRssKib() / 1024.0;
      SlackCommands slack = new SlackCommands(s.host(), questions);
      String prefix = "steady" + round + "-" + s.pid();
      LoadPhase.Result freshSlack = LoadBench.saturate(s, remotes, slack, "slack", 16, fresh);
      double peakFresh = s.status().vmHwmKib() / 1024.0;
      LoadPhase.Result freshTeams =
          LoadBench.saturate(
              s, remotes, teams(s, questions, remotes, prefix + "-fresh"), "teams", 16, fresh);
      double compiledFresh = compilerCpuSeconds(s.pid());
      int i = 0;
      for (double w = 0; w < warm; w += 20) {
        LoadBench.saturate(s, remotes, slack, "slack", 16, 10);
        LoadBench.saturate(
            s, remotes, teams(s, questions, remotes, prefix + "-warm" + i++), "teams", 16, 10);
      }
      double compiledWarm = compilerCpuSeconds(s.pid());
      double c0 = compiledWarm;
      LoadPhase.Result slackSat = LoadBench.saturate(s, remotes, slack, "slack", 16, steady);
      double c1 = compilerCpuSeconds(s.pid());
      LoadPhase.Result teamsSat =
          LoadBench.saturate(
              s, remotes, teams(s, questions, remotes, prefix + "-sat"), "teams", 16, steady);
      double c2 = compilerCpuSeconds(s.pid());
      LoadPhase.Result teamsFixed =
          LoadBench.phase(
              s,
              remotes,
              teams(s, questions, remotes, prefix + "-fixed"),
              "teams",
              500,
              steady,
              32);
      double c3 = compilerCpuSeconds(s.pid());
      LoadPhase.Result slackFixed = LoadBench.phase(s, remotes, slack, "slack", 1000, steady, 32);
      ServerProcess.ProcStatus end = s.status();
      return new double[] {
        cpuReady,
        rssReady,
        freshSlack.throughput(),
        peakFresh,
        freshTeams.throughput(),
        compiledFresh,
        compiledWarm - compiledFresh,
        slackSat.throughput(),
        slackSat.serverCpuMillisPerRequest(),
        net(slackSat, c1 - c0),
        teamsSat.throughput(),
        teamsSat.serverCpuMillisPerRequest(),
        net(teamsSat, c2 - c1),
        teamsFixed.serverCpuMillisPerRequest(),
        net(teamsFixed, c3 - c2),
        teamsFixed.replyLatency().getValueAtPercentile(99) / 1000.0,
        slackFixed.latency().getValueAtPercentile(99) / 1000.0,
        end.vmHwmKib() / 1024.0,
        end.threads(),
        load
      };
    }
  }

  private static void train(
      Path repo,
      FakeRemotes remotes,
      List<String> questions,
      String command,
      double seconds,
      Path log)
      throws Exception {
    ServerProcess s = ServerProcess.start(List.of(command.split(" +")), repo, remotes, null, log);
    try {
      s.awaitReady(remotes, questions, 120);
      if (seconds > 0) {
        LoadBench.saturate(
            s, remotes, new SlackCommands(s.host(), questions), "slack", 16, seconds);
        LoadBench.saturate(
            s, remotes, teams(s, questions, remotes, "train-" + s.pid()), "teams", 16, seconds);
      }
    } finally {
      // Java 25 assembles the AOT cache in a second JVM as the first stops: let it finish.
      s.stop(600);
      remotes.dropPending();
      remotes.takeReplyLatencies();
    }
  }

  private static TeamsActivities teams(
      ServerProcess s, List<String> questions, FakeRemotes remotes, String prefix) {
    return new TeamsActivities(s.host(), questions, remotes, prefix);
  }

  /** CPU per answer without what the compiler threads used in the same phase. */
  private static double net(LoadPhase.Result r, double compilerSeconds) {
    return r.ok() == 0 ? Double.NaN : (r.serverCpuSeconds() - compilerSeconds) * 1000 / r.ok();
  }

  /**
   * CPU the JIT compiler threads have used so far. A compiler thread that the JVM stopped (it adds
   * and removes them with the queue's length) takes its count with it, so the first thread of each
   * compiler, which it never stops, carries most of it; with {@code CICompilerCount=2} (two cores)
   * there is one of each and nothing is lost.
   */
  static double compilerCpuSeconds(long pid) throws IOException {
    Map<String, Double> byKind = RoundBench.threadCpu(pid);
    return byKind.getOrDefault("C1", 0.0) + byKind.getOrDefault("C2", 0.0);
  }

  /** A table of each variant's medians, one column a figure. */
  static void medians(StringBuilder md, String[] columns, Map<String, List<double[]>> figures) {
    md.append("| variant | ").append(String.join(" | ", columns)).append(" |\n|---|");
    md.append("---|".repeat(columns.length)).append('\n');
    figures.forEach(
        (name, rows) -> {
          md.append("| ").append(name).append(" |");
          for (int i = 0; i < columns.length; i++) {
            int col = i;
            md.append(' ')
                .append(LoadBench.fmt(StartupBench.median(rows.stream().map(x -> x[col]).toList())))
                .append(" |");
          }
          md.append('\n');
        });
  }

  /** The variants' command lines. */
  static void variants(StringBuilder md, Map<String, String> variants) {
    md.append("\nVariants:\n\n");
    variants.forEach(
        (name, command) ->
            md.append("- ").append(name).append(": `").append(command).append("`\n"));
  }

  /** Every start's figures, in the columns of {@link #medians}. */
  static void everyStart(StringBuilder md, Map<String, List<double[]>> figures) {
    md.append("\nEvery start (columns as above):\n\n```\n");
    figures.forEach(
        (name, rows) ->
            rows.forEach(x -> md.append(String.format(Locale.ROOT, "%-12s %s%n", name, row(x)))));
    md.append("```\n");
  }

  static Map<String, String> named(String[] args, String prefix) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        int eq = arg.indexOf('=');
        m.put(arg.substring(prefix.length(), eq), arg.substring(eq + 1));
      }
    }
    return m;
  }

  private static Path log(Path out, String name) {
    return out.resolveSibling("steady-" + name + ".log");
  }

  static String row(double[] x) {
    StringBuilder b = new StringBuilder();
    for (double v : x) {
      b.append(String.format(Locale.ROOT, "%9.3f", v));
    }
    return b.toString();
  }
}
