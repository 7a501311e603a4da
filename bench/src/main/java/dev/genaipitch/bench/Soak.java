package dev.genaipitch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The soak: one server, a mixed load of signed slash commands and Teams activities at a fixed total
 * rate for many minutes, sampled every interval: latencies and errors of the interval, live heap
 * right after a full GC (jcmd GC.class_histogram), RSS and thread count. A leak shows as
 * heap-after-GC or threads growing from sample to sample. Not for CI.
 *
 * <p>Options ({@code --name=value}): {@code repo} (.), {@code minutes} (10), {@code rate} (200
 * requests/s in all, half each), {@code interval} (30 s), {@code warmup} (15 s), {@code
 * connections} (32 per kind), {@code javaOpts}, {@code command}, {@code out}.
 */
public final class Soak {

  private Soak() {}

  record Sample(
      double minute,
      long slackOk,
      long slackErrors,
      Histogram slack,
      long teamsOk,
      long teamsErrors,
      Histogram replies,
      long undelivered,
      long heapAfterGcKib,
      long heapCommittedKib,
      long rssKib,
      int threads,
      String load) {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    double minutes = o.decimal("minutes", 10);
    double rate = o.decimal("rate", 200);
    int interval = o.integer("interval", 30);
    double warmup = o.decimal("warmup", 15);
    int connections = o.integer("connections", 32);
    String javaOpts = o.text("javaOpts", null);
    String command = o.text("command", null);
    Path out =
        Path.of(
            o.text(
                "out",
                repo.resolve(
                        "bench/results/soak-"
                            + LocalDateTime.now()
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"))
                            + ".md")
                    .toString()));
    Files.createDirectories(out.getParent());
    List<String> questions = MatchBenchmark.questions(repo.resolve("eval"));
    String loadBefore = LoadPhase.loadAverage();

    List<Sample> samples = new ArrayList<>();
    ServerProcess.Startup startup;
    int exitCode;
    try (FakeRemotes remotes = new FakeRemotes()) {
      Path log = repo.resolve("bench/target/soak-server.log");
      Files.createDirectories(log.getParent());
      ServerProcess server =
          command == null
              ? ServerProcess.start(repo.resolve("genai-pitch"), remotes, javaOpts, log)
              : ServerProcess.start(List.of(command.split(" +")), repo, remotes, javaOpts, log);
      try {
        startup = server.awaitReady(remotes, questions, 60);
        SlackCommands slack = new SlackCommands(server.host(), questions);
        TeamsActivities teams =
            new TeamsActivities(server.host(), questions, remotes, "soak-" + server.pid());
        if (warmup > 0) {
          LoadBench.phase(server, remotes, slack, "warm-up", rate / 2, warmup, connections);
          LoadBench.phase(
              server,
              remotes,
              new TeamsActivities(server.host(), questions, remotes, "soak-warm"),
              "warm-up",
              rate / 2,
              warmup,
              connections);
        }
        samples.add(sample(server, remotes, 0, null, null, 0, 0));
        LoadPhase.Counts slackCounts = new LoadPhase.Counts();
        LoadPhase.Counts teamsCounts = new LoadPhase.Counts();
        double seconds = minutes * 60;
        Thread slackLoad =
            background(
                "soak-slack",
                () ->
                    new LoadPhase(server.address(), slack)
                        .open(rate / 2, seconds, connections, slackCounts));
        Thread teamsLoad =
            background(
                "soak-teams",
                () ->
                    new LoadPhase(server.address(), teams)
                        .open(rate / 2, seconds, connections, teamsCounts));
        long start = System.nanoTime();
        long[] seen = new long[4];
        while (slackLoad.isAlive() || teamsLoad.isAlive()) {
          long next = start + (long) (samples.size() * interval * 1e9);
          while (System.nanoTime() < next && (slackLoad.isAlive() || teamsLoad.isAlive())) {
            TimeUnit.MILLISECONDS.sleep(100);
          }
          if (!slackLoad.isAlive() && !teamsLoad.isAlive()) {
            TimeUnit.SECONDS.sleep(1);
          }
          Sample s =
              sample(
                  server,
                  remotes,
                  (System.nanoTime() - start) / 60e9,
                  slackCounts,
                  teamsCounts,
                  0,
                  0);
          long slackErr = slackCounts.failed.get() + slackCounts.ioErrors.get();
          long teamsErr = teamsCounts.failed.get() + teamsCounts.ioErrors.get();
          s =
              new Sample(
                  s.minute(),
                  slackCounts.ok.get() - seen[0],
                  slackErr - seen[1],
                  s.slack(),
                  teamsCounts.ok.get() - seen[2],
                  teamsErr - seen[3],
                  s.replies(),
                  s.undelivered(),
                  s.heapAfterGcKib(),
                  s.heapCommittedKib(),
                  s.rssKib(),
                  s.threads(),
                  s.load());
          seen = new long[] {slackCounts.ok.get(), slackErr, teamsCounts.ok.get(), teamsErr};
          samples.add(s);
          System.err.println(row(s));
        }
      } finally {
        server.close();
      }
      exitCode = server.exitCode();
    }
    String report =
        report(
            samples,
            startup,
            javaOpts != null ? javaOpts : command,
            minutes,
            rate,
            interval,
            loadBefore,
            LoadPhase.loadAverage(),
            exitCode);
    Files.writeString(out, report);
    System.out.println(report);
    System.err.println("written to " + out);
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Thread background(String name, Work work) {
    Thread t =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            name);
    t.start();
    return t;
  }

  private static Sample sample(
      ServerProcess server,
      FakeRemotes remotes,
      double minute,
      LoadPhase.Counts slack,
      LoadPhase.Counts teams,
      long slackOk,
      long teamsOk)
      throws Exception {
    Histogram s = slack == null ? new Histogram(3) : slack.latency.getIntervalHistogram();
    Histogram r = remotes.takeReplyLatencies();
    long undelivered = remotes.dropOlderThan(10_000_000_000L);
    long[] heap = server.heapAfterGc();
    ServerProcess.ProcStatus status = server.status();
    return new Sample(
        minute,
        slackOk,
        0,
        s,
        teamsOk,
        0,
        r,
        undelivered,
        heap[0],
        heap[1],
        status.vmRssKib(),
        status.threads(),
        LoadPhase.loadAverage());
  }

  static String row(Sample s) {
    return String.format(
        "| %.1f | %d | %s | %s | %s | %d | %d | %s | %s | %d | %d | %d | %d | %d | %s |",
        s.minute(),
        s.slackOk(),
        LoadBench.ms(s.slack(), 50),
        LoadBench.ms(s.slack(), 99),
        s.slack().getTotalCount() == 0 ? "-" : LoadBench.ms(s.slack().getMaxValue()),
        s.slackErrors(),
        s.teamsOk(),
        LoadBench.ms(s.replies(), 50),
        LoadBench.ms(s.replies(), 99),
        s.teamsErrors() + s.undelivered(),
        s.heapAfterGcKib() / 1024,
        s.heapCommittedKib() / 1024,
        s.rssKib() / 1024,
        s.threads(),
        s.load());
  }

  private static String report(
      List<Sample> samples,
      ServerProcess.Startup startup,
      String server,
      double minutes,
      double rate,
      int interval,
      String loadBefore,
      String loadAfter,
      int exitCode) {
    StringBuilder md = new StringBuilder();
    md.append("# Soak: ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
        .append("\n\n")
        .append(Machine.describe());
    md.append("- server: `")
        .append(server == null ? "./genai-pitch serve (the launcher's JVM flags)" : server)
        .append("`\n");
    md.append(
        String.format(
            "- %.0f minutes at %.0f requests/s (half signed slash commands, half Teams activities),"
                + " sampled every %d s; started (ready) in %.0f ms%n",
            minutes, rate, interval, startup.readyMillis()));
    md.append("- load average before: ")
        .append(loadBefore)
        .append("; after: ")
        .append(loadAfter)
        .append('\n');
    md.append(
        "- heap after GC: the live total of `jcmd GC.class_histogram` (a full GC, then a count) at"
            + " each sample; the forced full GC shows in the next interval's maximum latency\n\n");
    md.append(
        "| minute | Slack answered | Slack p50 | Slack p99 | Slack max | Slack errors | Teams"
            + " answered | reply p50 | reply p99 | Teams errors + undelivered | heap after GC (MiB)"
            + " | heap committed (MiB) | RSS (MiB) | threads | load |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    samples.forEach(s -> md.append(row(s)).append('\n'));
    long errors =
        samples.stream().mapToLong(s -> s.slackErrors() + s.teamsErrors() + s.undelivered()).sum();
    long answered = samples.stream().mapToLong(s -> s.slackOk() + s.teamsOk()).sum();
    Sample first = samples.get(Math.min(1, samples.size() - 1));
    Sample last = samples.get(samples.size() - 1);
    md.append(
        String.format(
            "%nIn all: %d answered, %d errors or undelivered replies; heap after GC %d → %d MiB,"
                + " RSS %d → %d MiB, threads %d → %d (first sample under load → last); exit code"
                + " after SIGTERM %d.%n",
            answered,
            errors,
            first.heapAfterGcKib() / 1024,
            last.heapAfterGcKib() / 1024,
            first.rssKib() / 1024,
            last.rssKib() / 1024,
            first.threads(),
            last.threads(),
            exitCode));
    return md.toString();
  }
}
