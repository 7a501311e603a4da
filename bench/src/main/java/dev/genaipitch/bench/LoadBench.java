package dev.genaipitch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The HTTP benchmark: starts {@code ./genai-pitch serve} against loopback fakes, times start-up,
 * warms it up, then measures signed Slack slash commands and Teams activities at fixed rates (open
 * model) and at saturation (closed model), and the peak RSS; several runs, each with a fresh
 * server, summarized as medians against the budgets. Prints Markdown and writes it to {@code
 * --out}.
 *
 * <p>Options ({@code --name=value}): {@code repo} (.), {@code runs} (3), {@code seconds} (30, each
 * fixed-rate phase), {@code warmup} (10, seconds of each kind before measuring), {@code saturation}
 * (15 seconds), {@code concurrency} (16, for saturation), {@code connections} (32, for fixed
 * rates), {@code slackRate} (500), {@code teamsRate} (300), {@code javaOpts} (the launcher's
 * default), {@code command} (instead of {@code ./genai-pitch serve}, a command line that serves,
 * for comparing builds: {@code java -jar /tmp/before/genai-pitch.jar serve}), {@code quiet} and
 * {@code quietWait} (before each run, wait up to quietWait seconds, default 120, for the 1-minute
 * load average to fall to quiet; default 0, no wait), {@code out}.
 */
public final class LoadBench {

  private LoadBench() {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    int runs = o.integer("runs", 3);
    double seconds = o.decimal("seconds", 30);
    double warmup = o.decimal("warmup", 10);
    double saturation = o.decimal("saturation", 15);
    int concurrency = o.integer("concurrency", 16);
    int connections = o.integer("connections", 32);
    double slackRate = o.decimal("slackRate", 500);
    double teamsRate = o.decimal("teamsRate", 300);
    String javaOpts = o.text("javaOpts", null);
    String command = o.text("command", null);
    double quiet = o.decimal("quiet", 0);
    int quietWait = o.integer("quietWait", 120);
    Path out =
        Path.of(
            o.text(
                "out",
                repo.resolve(
                        "bench/results/load-"
                            + LocalDateTime.now()
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"))
                            + ".md")
                    .toString()));
    Files.createDirectories(out.getParent());

    List<String> questions = MatchBenchmark.questions(repo.resolve("eval"));
    String loadBefore = LoadPhase.loadAverage();
    List<Run> results = new ArrayList<>();
    try (FakeRemotes remotes = new FakeRemotes()) {
      if (command == null && javaOpts == null) {
        prime(repo, remotes, questions, out);
      }
      for (int r = 1; r <= runs; r++) {
        awaitQuiet(quiet, quietWait);
        System.err.printf("run %d of %d (load %s)%n", r, runs, LoadPhase.loadAverage());
        results.add(
            run(
                repo,
                command,
                remotes,
                questions,
                javaOpts,
                r,
                seconds,
                warmup,
                saturation,
                concurrency,
                connections,
                slackRate,
                teamsRate,
                out.resolveSibling(out.getFileName() + ".server-" + r + ".log")));
      }
    }
    String report =
        report(
            results,
            command != null ? command : javaOpts,
            loadBefore,
            LoadPhase.loadAverage(),
            seconds,
            saturation,
            concurrency,
            slackRate,
            teamsRate);
    Files.writeString(out, report);
    System.out.println(report);
    System.err.println("written to " + out);
  }

  /**
   * Waits, at most {@code seconds}, until the 1-minute load average is at or below {@code max} (0:
   * no wait): other people's builds on a shared machine. Whatever the outcome, the load is recorded
   * with each phase.
   */
  static void awaitQuiet(double max, int seconds) throws Exception {
    if (max <= 0) {
      return;
    }
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (Double.parseDouble(LoadPhase.loadAverage().split(" ")[0]) > max
        && System.nanoTime() < deadline) {
      TimeUnit.SECONDS.sleep(5);
    }
  }

  /**
   * One untimed start and stop of the launcher, so that it records its class-data sharing archive
   * (it does on the first {@code serve} after a build, as in production) before the timed runs.
   */
  static void prime(Path repo, FakeRemotes remotes, List<String> questions, Path out)
      throws Exception {
    ServerProcess server =
        ServerProcess.start(
            repo.resolve("genai-pitch"),
            remotes,
            null,
            out.resolveSibling(out.getFileName() + ".server-0.log"));
    try {
      server.awaitReady(remotes, questions, 60);
    } finally {
      // On Java 25 the launcher's first serve writes its AOT cache as it stops, in a second JVM:
      // let it finish, or the measured starts would record one of their own.
      server.stop(300);
    }
    remotes.dropPending();
    remotes.takeReplyLatencies();
  }

  /** One run's figures. */
  record Run(
      ServerProcess.Startup startup,
      LoadPhase.Result slack,
      LoadPhase.Result teams,
      LoadPhase.Result slackSaturated,
      LoadPhase.Result teamsSaturated,
      ServerProcess.ProcStatus status,
      int exitCode) {}

  private static Run run(
      Path repo,
      String command,
      FakeRemotes remotes,
      List<String> questions,
      String javaOpts,
      int n,
      double seconds,
      double warmup,
      double saturation,
      int concurrency,
      int connections,
      double slackRate,
      double teamsRate,
      Path log)
      throws Exception {
    // Settle between runs: the previous server's exit and our own garbage.
    System.gc();
    TimeUnit.SECONDS.sleep(2);
    ServerProcess server =
        command == null
            ? ServerProcess.start(repo.resolve("genai-pitch"), remotes, javaOpts, log)
            : ServerProcess.start(List.of(command.split(" +")), repo, remotes, javaOpts, log);
    try {
      ServerProcess.Startup startup = server.awaitReady(remotes, questions, 60);
      System.err.printf(
          "  ready in %.0f ms (%s), first slash command answered at %.0f ms, first Teams reply at"
              + " %.0f ms%n",
          startup.readyMillis(),
          startup.readyPath(),
          startup.firstSlackMillis(),
          startup.firstTeamsReplyMillis());
      SlackCommands slack = new SlackCommands(server.host(), questions);
      String prefix = "run" + n + "-" + server.pid();
      if (warmup > 0) {
        phase(server, remotes, slack, "warm-up", slackRate * 0.6, warmup, connections);
        phase(
            server,
            remotes,
            new TeamsActivities(server.host(), questions, remotes, prefix + "-warm"),
            "warm-up",
            teamsRate * 0.6,
            warmup,
            connections);
      }
      LoadPhase.Result s = phase(server, remotes, slack, "slack", slackRate, seconds, connections);
      LoadPhase.Result t =
          phase(
              server,
              remotes,
              new TeamsActivities(server.host(), questions, remotes, prefix + "-fixed"),
              "teams",
              teamsRate,
              seconds,
              connections);
      LoadPhase.Result ss = saturate(server, remotes, slack, "slack", concurrency, saturation);
      LoadPhase.Result ts =
          saturate(
              server,
              remotes,
              new TeamsActivities(server.host(), questions, remotes, prefix + "-sat"),
              "teams",
              concurrency,
              saturation);
      ServerProcess.ProcStatus status = server.status();
      System.err.printf(
          "  peak RSS %d MiB, RSS now %d MiB, %d threads%n",
          status.vmHwmKib() / 1024, status.vmRssKib() / 1024, status.threads());
      server.close();
      return new Run(startup, s, t, ss, ts, status, server.exitCode());
    } finally {
      server.close();
    }
  }

  static LoadPhase.Result phase(
      ServerProcess server,
      FakeRemotes remotes,
      Exchange exchange,
      String label,
      double rate,
      double seconds,
      int connections)
      throws InterruptedException, IOException {
    Before before = Before.now(server, remotes);
    LoadPhase.Counts c = new LoadPhase(server.address(), exchange).open(rate, seconds, connections);
    LoadPhase.Result r =
        result(server, remotes, exchange, label, "open " + (int) rate + "/s", rate, c, before);
    System.err.println("  " + line(r));
    return r;
  }

  static LoadPhase.Result saturate(
      ServerProcess server,
      FakeRemotes remotes,
      Exchange exchange,
      String label,
      int concurrency,
      double seconds)
      throws InterruptedException, IOException {
    Before before = Before.now(server, remotes);
    LoadPhase.Counts c = new LoadPhase(server.address(), exchange).closed(concurrency, seconds);
    LoadPhase.Result r =
        result(
            server,
            remotes,
            exchange,
            label,
            "closed, " + concurrency + " connections",
            0,
            c,
            before);
    System.err.println("  " + line(r));
    return r;
  }

  /** What a phase's figures are measured from. */
  record Before(String loadAverage, double serverCpu, double generatorCpu) {
    static Before now(ServerProcess server, FakeRemotes remotes) throws IOException {
      remotes.dropPending();
      remotes.takeReplyLatencies();
      remotes.takeMaxInFlight();
      return new Before(LoadPhase.loadAverage(), server.cpuSeconds(), ownCpuSeconds());
    }
  }

  static double ownCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static LoadPhase.Result result(
      ServerProcess server,
      FakeRemotes remotes,
      Exchange exchange,
      String label,
      String model,
      double rate,
      LoadPhase.Counts c,
      Before before)
      throws InterruptedException, IOException {
    Histogram replies = null;
    long undelivered = 0;
    int maxInFlight = 0;
    if (exchange instanceof TeamsActivities) {
      // Replies are sent before the activity is acknowledged, so none should be outstanding; allow
      // a moment anyway.
      for (int i = 0; i < 100 && remotes.pendingCount() > 0; i++) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      replies = remotes.takeReplyLatencies();
      undelivered = remotes.dropPending();
      maxInFlight = remotes.takeMaxInFlight();
    }
    if (!c.lastFailure.isEmpty()) {
      System.err.println("  last failure: " + c.lastFailure);
    }
    return new LoadPhase.Result(
        label,
        model,
        rate,
        c.seconds,
        c.sent.get(),
        c.ok.get(),
        c.failed.get(),
        c.ioErrors.get(),
        c.latency.getIntervalHistogram(),
        replies,
        undelivered,
        maxInFlight,
        server.cpuSeconds() - before.serverCpu(),
        ownCpuSeconds() - before.generatorCpu(),
        before.loadAverage());
  }

  static String line(LoadPhase.Result r) {
    String s =
        String.format(
            "%-7s %-22s %7.0f/s  p50 %s  p99 %s  p99.9 %s  max %s  errors %d",
            r.name(),
            r.model(),
            r.throughput(),
            ms(r.latency(), 50),
            ms(r.latency(), 99),
            ms(r.latency(), 99.9),
            ms(r.latency().getMaxValue()),
            r.errors());
    if (r.replyLatency() != null) {
      s +=
          String.format(
              "  | replies %d: p50 %s p99 %s p99.9 %s, undelivered %d, at most %d in flight",
              r.replyLatency().getTotalCount(),
              ms(r.replyLatency(), 50),
              ms(r.replyLatency(), 99),
              ms(r.replyLatency(), 99.9),
              r.undeliveredReplies(),
              r.maxRepliesInFlight());
    }
    return s
        + String.format(
            "  | CPU: server %.2f ms/request, %.0f%% of a core; generator %.0f%% (load %s)",
            r.serverCpuMillisPerRequest(),
            100 * r.serverCpuSeconds() / r.seconds(),
            100 * r.generatorCpuSeconds() / r.seconds(),
            r.loadAverage());
  }

  static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "-" : ms(h.getValueAtPercentile(percentile));
  }

  static String ms(long micros) {
    return String.format("%.2f ms", micros / 1000.0);
  }

  // ---- the report

  private static String report(
      List<Run> runs,
      String javaOpts,
      String loadBefore,
      String loadAfter,
      double seconds,
      double saturation,
      int concurrency,
      double slackRate,
      double teamsRate)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# HTTP load and start-up: ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
        .append("\n\n");
    md.append(Machine.describe()).append('\n');
    md.append("- server: `")
        .append(javaOpts == null ? "./genai-pitch serve (the launcher's JVM flags)" : javaOpts)
        .append("`\n");
    md.append("- load average (1, 5, 15 min) before: ")
        .append(loadBefore)
        .append("; after: ")
        .append(loadAfter)
        .append('\n');
    md.append("- ")
        .append(runs.size())
        .append(" runs, each with a fresh server: warm-up, then ")
        .append((int) seconds)
        .append(" s per fixed rate and ")
        .append((int) saturation)
        .append(" s per saturation phase (")
        .append(concurrency)
        .append(" connections)\n\n");

    Map<String, Figure> figures = new LinkedHashMap<>();
    figures.put(
        "start to ready (ms)",
        new Figure("≤ 1500", 1500, runs.stream().map(r -> r.startup().readyMillis()).toList()));
    figures.put(
        "start to first answered slash command (ms)",
        new Figure("", 0, runs.stream().map(r -> r.startup().firstSlackMillis()).toList()));
    figures.put(
        "start to first Teams reply at the connector (ms)",
        new Figure("", 0, runs.stream().map(r -> r.startup().firstTeamsReplyMillis()).toList()));
    addPhase(
        figures,
        "Slack " + (int) slackRate + "/s",
        runs.stream().map(Run::slack).toList(),
        10,
        false);
    addPhase(
        figures,
        "Teams " + (int) teamsRate + "/s",
        runs.stream().map(Run::teams).toList(),
        20,
        true);
    addPhase(
        figures, "Slack saturation", runs.stream().map(Run::slackSaturated).toList(), 0, false);
    addPhase(figures, "Teams saturation", runs.stream().map(Run::teamsSaturated).toList(), 0, true);
    figures.put(
        "peak RSS, VmHWM (MiB)",
        new Figure("≤ 250", 250, runs.stream().map(r -> r.status().vmHwmKib() / 1024.0).toList()));
    figures.put(
        "threads after load",
        new Figure("", 0, runs.stream().map(r -> (double) r.status().threads()).toList()));
    figures.put(
        "exit code after SIGTERM",
        new Figure("", 0, runs.stream().map(r -> (double) r.exitCode()).toList()));

    md.append("| figure | budget | median | runs | verdict |\n|---|---|---|---|---|\n");
    figures.forEach(
        (name, f) ->
            md.append("| ")
                .append(name)
                .append(" | ")
                .append(f.budget)
                .append(" | ")
                .append(fmt(f.median()))
                .append(" | ")
                .append(String.join(", ", f.values.stream().map(LoadBench::fmt).toList()))
                .append(" | ")
                .append(f.verdict())
                .append(" |\n"));

    md.append("\nPer run (load average at the start of each phase):\n\n```\n");
    int n = 1;
    for (Run r : runs) {
      md.append("run ")
          .append(n++)
          .append(
              String.format(
                  ": ready %.0f ms (%s), first slash command %.0f ms, first Teams reply %.0f ms%n",
                  r.startup().readyMillis(),
                  r.startup().readyPath(),
                  r.startup().firstSlackMillis(),
                  r.startup().firstTeamsReplyMillis()));
      for (LoadPhase.Result p :
          List.of(r.slack(), r.teams(), r.slackSaturated(), r.teamsSaturated())) {
        md.append("  ").append(line(p)).append('\n');
      }
      md.append(
          String.format(
              "  peak RSS %d MiB, RSS after load %d MiB, %d threads%n",
              r.status().vmHwmKib() / 1024, r.status().vmRssKib() / 1024, r.status().threads()));
    }
    md.append("```\n");
    return md.toString();
  }

  private static void addPhase(
      Map<String, Figure> figures,
      String name,
      List<LoadPhase.Result> phases,
      double p99Budget,
      boolean teams) {
    figures.put(
        name + ": throughput (req/s)",
        new Figure("", 0, phases.stream().map(LoadPhase.Result::throughput).toList()));
    String what = teams ? " HTTP" : "";
    figures.put(
        name + ":" + what + " p50 (ms)",
        new Figure("", 0, phases.stream().map(p -> pct(p.latency(), 50)).toList()));
    figures.put(
        name + ":" + what + " p99 (ms)",
        new Figure(
            !teams && p99Budget > 0 ? "≤ " + fmt(p99Budget) : "",
            !teams ? p99Budget : 0,
            phases.stream().map(p -> pct(p.latency(), 99)).toList()));
    figures.put(
        name + ":" + what + " p99.9 (ms)",
        new Figure("", 0, phases.stream().map(p -> pct(p.latency(), 99.9)).toList()));
    if (teams) {
      figures.put(
          name + ": reply delivered p50 (ms)",
          new Figure("", 0, phases.stream().map(p -> pct(p.replyLatency(), 50)).toList()));
      figures.put(
          name + ": reply delivered p99 (ms)",
          new Figure(
              p99Budget > 0 ? "≤ " + fmt(p99Budget) : "",
              p99Budget,
              phases.stream().map(p -> pct(p.replyLatency(), 99)).toList()));
      figures.put(
          name + ": reply delivered p99.9 (ms)",
          new Figure("", 0, phases.stream().map(p -> pct(p.replyLatency(), 99.9)).toList()));
    }
    boolean fixedRate = p99Budget > 0;
    figures.put(
        name + ": errors",
        new Figure(
            fixedRate ? "0" : "",
            fixedRate ? 0.5 : 0,
            phases.stream().map(p -> (double) p.errors()).toList()));
  }

  private static double pct(Histogram h, double p) {
    return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
  }

  /** Values of one figure across runs, and its budget (a maximum; 0 for none). */
  record Figure(String budget, double max, List<Double> values) {
    double median() {
      List<Double> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n == 0
          ? Double.NaN
          : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String verdict() {
      if (max <= 0) {
        return "";
      }
      return median() <= max ? "met" : "**missed**";
    }
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.format("%.0f", v);
    }
    return Math.abs(v) >= 100 ? String.format("%.0f", v) : String.format("%.2f", v);
  }
}
