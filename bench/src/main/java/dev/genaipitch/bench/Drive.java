package dev.genaipitch.bench;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Drives one kind of request at a server that is already running, for profiling it (JFR,
 * async-profiler) while nothing else changes: {@code --port} (required), {@code kind} (slack or
 * teams), {@code seconds} (30), {@code concurrency} (16, closed model), or {@code rate} (open model
 * at that rate instead), {@code repo} (. for the questions). Slack requests are signed with the
 * bench's secret: start the server with {@code SLACK_SIGNING_SECRET=bench-signing-secret-not-real};
 * Teams replies go to a fake connector in this process.
 */
public final class Drive {

  private Drive() {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    int port = o.integer("port", 0);
    String kind = o.text("kind", "slack");
    double seconds = o.decimal("seconds", 30);
    int concurrency = o.integer("concurrency", 16);
    double rate = o.decimal("rate", 0);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    List<String> questions = MatchBenchmark.questions(repo.resolve("eval"));
    String host = "127.0.0.1:" + port;
    try (FakeRemotes remotes = new FakeRemotes()) {
      Exchange exchange =
          kind.equals("teams")
              ? new TeamsActivities(host, questions, remotes, "drive")
              : new SlackCommands(host, questions);
      LoadPhase phase = new LoadPhase(new InetSocketAddress("127.0.0.1", port), exchange);
      LoadPhase.Counts c =
          rate > 0 ? phase.open(rate, seconds, 32) : phase.closed(concurrency, seconds);
      org.HdrHistogram.Histogram latency = c.latency.getIntervalHistogram();
      System.out.printf(
          "%s: %d answered in %.1f s (%.0f/s), %d failed, %d I/O errors; p50 %s p99 %s%n",
          kind,
          c.ok.get(),
          c.seconds,
          c.ok.get() / c.seconds,
          c.failed.get(),
          c.ioErrors.get(),
          LoadBench.ms(latency, 50),
          LoadBench.ms(latency, 99));
      if (!c.lastFailure.isEmpty()) {
        System.out.println("last failure: " + c.lastFailure);
      }
    }
  }
}
