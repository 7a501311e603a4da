package dev.genaipitch.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * genai-pitch's side of a {@link PeerBench} round, for comparing variants of the server (flags,
 * builds) on every figure the peer bench reports, without the peers: alternating the variants start
 * by start, each start does what a round does to a fresh server (start to {@code /readyz}; Slack
 * saturation for {@code rssSeconds}, then the peak RSS; warm-up at 60 % of the fixed rates, 10 s of
 * each kind; then Slack saturation, Slack at 1,000/s, Teams saturation and Teams at 500/s, {@code
 * seconds} each, with {@code gap} seconds of rest before each, where the peer bench runs the peer's
 * phase). In the Teams phase at 500/s it also reads where the server's CPU went, per thread from
 * {@code /proc}: Jetty's threads ({@code http-*}, the request path, its selector and acceptor), the
 * JIT compilers (C1, C2), the VM thread (the serial collector's pauses run on it), and the rest.
 *
 * <p>Options: {@code repo} (.), {@code out}, {@code rounds} (3), {@code seconds} (15), {@code gap}
 * (5), {@code rssSeconds} (10), {@code warmup} (10), {@code jfr} (a path prefix: a JFR profile of
 * the Teams phase at 500/s of each start, the process id and {@code .jfr} appended; the figures of
 * such a run include the recorder's cost), {@code jfrOptions} (more arguments for {@code
 * JFR.start}, split on spaces, e.g. {@code jdk.CPUTimeSample#enabled=true}), {@code
 * variant.NAME=COMMAND} (a whole command line that serves, split on spaces, optionally starting
 * with {@code env VAR=value}; default: one variant, {@code ./genai-pitch serve}). The launcher
 * serves once, untimed, before the first start, so that it has recorded its AOT cache (a variant's
 * own {@code -XX:AOTCache=} is its own).
 */
public final class RoundBench {

  private static final String[] COLUMNS = {
    "start to /readyz (ms)",
    "peak RSS after Slack sat. (MiB)",
    "Slack sat. (/s)",
    "Slack CPU/answer (ms)",
    "Slack 1,000/s p99 (ms)",
    "Teams sat. (/s)",
    "Teams 500/s reply p99 (ms)",
    "Teams 500/s CPU per 1,000 (s)",
    "of it: http threads (s)",
    "C1 (s)",
    "C2 (s)",
    "VM thread/GC (s)",
    "other (s)",
    "compiler CPU, whole start (s)",
    "errors",
    "load (1 min)"
  };

  private RoundBench() {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    int rounds = o.integer("rounds", 3);
    double seconds = o.decimal("seconds", 15);
    double gap = o.decimal("gap", 5);
    double rssSeconds = o.decimal("rssSeconds", 10);
    double warmup = o.decimal("warmup", 10);
    String jfr = o.text("jfr", null);
    String jfrOptions = o.text("jfrOptions", "");
    Map<String, String> variants = SteadyBench.named(args, "--variant.");
    if (variants.isEmpty()) {
      variants.put("launcher", repo.resolve("genai-pitch") + " serve");
    }
    Path out = Path.of(o.text("out", repo.resolve("bench/target/rounds.md").toString()));
    Files.createDirectories(out.getParent());
    List<String> questions = MatchBenchmark.questions(repo.resolve("eval"));
    Map<String, List<double[]>> figures = new LinkedHashMap<>();
    variants.keySet().forEach(k -> figures.put(k, new ArrayList<>()));
    String loadBefore = LoadPhase.loadAverage();
    try (FakeRemotes remotes = new FakeRemotes()) {
      // A launcher records its AOT cache on the first serve after a build: not in a timed start.
      for (Map.Entry<String, String> v : variants.entrySet()) {
        String program = v.getValue().split(" +")[0];
        if (program.endsWith("genai-pitch")) {
          ServerProcess first =
              ServerProcess.start(
                  Path.of(program),
                  remotes,
                  null,
                  out.resolveSibling("prime-" + v.getKey() + ".log"));
          try {
            first.awaitReady(remotes, questions, 120);
          } finally {
            first.stop(300);
          }
          remotes.dropPending();
          remotes.takeReplyLatencies();
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, String> v : variants.entrySet()) {
          System.gc();
          TimeUnit.SECONDS.sleep(1);
          Path log = out.resolveSibling("rounds-" + v.getKey() + ".log");
          double[] x =
              start(
                  repo,
                  remotes,
                  questions,
                  v.getValue(),
                  seconds,
                  gap,
                  rssSeconds,
                  warmup,
                  jfr,
                  jfrOptions,
                  log);
          figures.get(v.getKey()).add(x);
          System.err.printf(Locale.ROOT, "%-12s %s%n", v.getKey(), SteadyBench.row(x));
        }
      }
    }
    StringBuilder md = new StringBuilder("## A peer-bench round's server side\n\n");
    md.append(Machine.describe());
    md.append(
        String.format(
            Locale.ROOT,
            "- %d starts per variant, alternating; %.0f s Slack saturation for the peak RSS, %.0f s"
                + " warm-up per kind at 60 %% of the rates, %.0f s phases after %.0f s of rest;"
                + " load average before %s, after %s\n\n",
            rounds,
            rssSeconds,
            warmup,
            seconds,
            gap,
            loadBefore,
            LoadPhase.loadAverage()));
    md.append("Medians:\n\n");
    SteadyBench.medians(md, COLUMNS, figures);
    SteadyBench.variants(md, variants);
    SteadyBench.everyStart(md, figures);
    Files.writeString(out, md.toString());
    System.out.println(md);
  }

  private static double[] start(
      Path repo,
      FakeRemotes remotes,
      List<String> questions,
      String command,
      double seconds,
      double gap,
      double rssSeconds,
      double warmup,
      String jfr,
      String jfrOptions,
      Path log)
      throws Exception {
    double load = Double.parseDouble(LoadPhase.loadAverage().split(" ")[0]);
    try (ServerProcess s =
        ServerProcess.start(List.of(command.split(" +")), repo, remotes, null, log)) {
      ServerProcess.Startup startup = s.awaitReady(remotes, questions, 60);
      SlackCommands slack = new SlackCommands(s.host(), questions);
      String prefix = "round-" + s.pid();
      LoadBench.saturate(s, remotes, slack, "slack", 16, rssSeconds);
      double peak = s.status().vmHwmKib() / 1024.0;
      if (warmup > 0) {
        LoadBench.phase(s, remotes, slack, "slack", 600, warmup, 32);
        LoadBench.phase(
            s, remotes, teams(s, questions, remotes, prefix + "-w"), "teams", 300, warmup, 32);
      }
      rest(gap);
      LoadPhase.Result slackSat = LoadBench.saturate(s, remotes, slack, "slack", 16, seconds);
      rest(gap);
      LoadPhase.Result slackFixed = LoadBench.phase(s, remotes, slack, "slack", 1000, seconds, 32);
      rest(gap);
      LoadPhase.Result teamsSat =
          LoadBench.saturate(
              s, remotes, teams(s, questions, remotes, prefix + "-s"), "teams", 16, seconds);
      rest(gap);
      if (jfr != null) {
        List<String> start =
            new ArrayList<>(List.of("JFR.start", "name=round", "settings=profile"));
        if (!jfrOptions.isBlank()) {
          start.addAll(List.of(jfrOptions.split(" +")));
        }
        jcmd(s.pid(), start.toArray(String[]::new));
      }
      Map<String, Double> before = threadCpu(s.pid());
      double cpuBefore = s.cpuSeconds();
      LoadPhase.Result teamsFixed =
          LoadBench.phase(
              s, remotes, teams(s, questions, remotes, prefix + "-f"), "teams", 500, seconds, 32);
      Map<String, Double> after = threadCpu(s.pid());
      double total = s.cpuSeconds() - cpuBefore;
      if (jfr != null) {
        jcmd(s.pid(), "JFR.stop", "name=round", "filename=" + jfr + "-" + s.pid() + ".jfr");
      }
      Map<String, Double> spent = new HashMap<>();
      after.forEach((k, v) -> spent.merge(k, v - before.getOrDefault(k, 0.0), Double::sum));
      double known = spent.values().stream().mapToDouble(Double::doubleValue).sum();
      double per = teamsFixed.ok() == 0 ? Double.NaN : 1000.0 / teamsFixed.ok();
      long errors =
          slackSat.errors() + slackFixed.errors() + teamsSat.errors() + teamsFixed.errors();
      return new double[] {
        startup.readyMillis(),
        peak,
        slackSat.throughput(),
        slackSat.serverCpuMillisPerRequest(),
        slackFixed.latency().getValueAtPercentile(99) / 1000.0,
        teamsSat.throughput(),
        teamsFixed.replyLatency().getValueAtPercentile(99) / 1000.0,
        total * per,
        spent.getOrDefault("http", 0.0) * per,
        spent.getOrDefault("C1", 0.0) * per,
        spent.getOrDefault("C2", 0.0) * per,
        spent.getOrDefault("VM", 0.0) * per,
        (total - known + spent.getOrDefault("other", 0.0)) * per,
        SteadyBench.compilerCpuSeconds(s.pid()),
        errors,
        load
      };
    }
  }

  /** Runs the {@code jcmd} of the server's own JDK. */
  private static void jcmd(long pid, String... command) throws Exception {
    List<String> line = new ArrayList<>();
    line.add(Path.of("/proc/" + pid + "/exe").toRealPath().resolveSibling("jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + String.join(" ", command) + ": " + said);
    }
  }

  private static void rest(double seconds) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000));
  }

  /**
   * CPU seconds so far by kind of thread: {@code http} (Jetty's pool), {@code C1}, {@code C2},
   * {@code VM} (the VM thread, where the serial collector's pauses run), {@code other}.
   */
  static Map<String, Double> threadCpu(long pid) throws IOException {
    Map<String, Double> byKind = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
          byKind.merge(kind(comm), cpu, Double::sum);
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    }
    return byKind;
  }

  static String kind(String comm) {
    if (comm.startsWith("http-")) {
      return "http";
    }
    if (comm.startsWith("C1 CompilerThre")) {
      return "C1";
    }
    if (comm.startsWith("C2 CompilerThre")) {
      return "C2";
    }
    if (comm.equals("VM Thread")) {
      return "VM";
    }
    return "other";
  }

  private static TeamsActivities teams(
      ServerProcess s, List<String> questions, FakeRemotes remotes, String prefix) {
    return new TeamsActivities(s.host(), questions, remotes, prefix);
  }
}
