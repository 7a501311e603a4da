package dev.genaipitch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * genai-pitch side by side with its peers, on the same loopback fakes and the same requests: a Bolt
 * for JavaScript app answering the signed slash commands with a fixed message, and a Bot Framework
 * for JavaScript bot answering the Teams 1:1 messages with the same card to the same fake connector
 * ({@code bench/peers/}). All three servers stay up; after a warm-up, each round measures every
 * phase for genai-pitch and its peer back to back, alternating which goes first, so both share the
 * machine's moods; the report gives each round's figures, their ratio, and the medians.
 *
 * <p>Before the rounds, the fresh genai-pitch server's start-up and its peak RSS after 10 s of
 * Slack saturation are recorded.
 *
 * <p>Options ({@code --name=value}): {@code repo} (.), {@code rounds} (3), {@code seconds} (15 per
 * phase), {@code warmup} (10 s per server and kind), {@code concurrency} (16, closed model), {@code
 * connections} (32, open model), {@code slackRate} (1000), {@code teamsRate} (500), {@code
 * rssSeconds} (10), {@code javaOpts} (instead of the launcher's flags), {@code command} (a whole
 * command line that serves, instead of {@code ./genai-pitch serve}), {@code node} (node), {@code
 * out}.
 */
public final class PeerBench {

  private PeerBench() {}

  /** One measured phase of one server in one round. */
  record Measure(String phase, String who, int round, LoadPhase.Result result) {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    int rounds = o.integer("rounds", 3);
    double seconds = o.decimal("seconds", 15);
    double warmup = o.decimal("warmup", 10);
    int concurrency = o.integer("concurrency", 16);
    int connections = o.integer("connections", 32);
    double slackRate = o.decimal("slackRate", 1000);
    double teamsRate = o.decimal("teamsRate", 500);
    double rssSeconds = o.decimal("rssSeconds", 10);
    String javaOpts = o.text("javaOpts", null);
    String command = o.text("command", null);
    String node = o.text("node", "node");
    Path out =
        Path.of(
            o.text(
                "out",
                repo.resolve(
                        "bench/results/peers-"
                            + LocalDateTime.now()
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"))
                            + ".md")
                    .toString()));
    Files.createDirectories(out.getParent());
    Path logs = repo.resolve("bench/target");
    Files.createDirectories(logs);
    List<String> questions = MatchBenchmark.questions(repo.resolve("eval"));
    String loadBefore = LoadPhase.loadAverage();
    List<Measure> measures = new ArrayList<>();
    StringBuilder runLog = new StringBuilder();
    ServerProcess.Startup startup;
    ServerProcess.ProcStatus afterSlack;
    LoadPhase.Result rssPhase;
    ServerProcess.ProcStatus atEnd;
    Map<String, ServerProcess.ProcStatus> peerStatus = new LinkedHashMap<>();

    try (FakeRemotes remotes = new FakeRemotes()) {
      if (javaOpts == null && command == null) {
        LoadBench.prime(repo, remotes, questions, logs.resolve("peers.md"));
      }
      Map<String, String> slackEnv =
          Map.of(
              "SLACK_SIGNING_SECRET", SlackCommands.SIGNING_SECRET,
              "SLACK_BOT_TOKEN", SlackCommands.BOT_TOKEN,
              "SLACK_API_URL", remotes.slackApiUrl());
      try (ServerProcess pitch =
              command != null
                  ? ServerProcess.start(
                      List.of(command.split(" +")),
                      repo,
                      remotes,
                      javaOpts,
                      logs.resolve("peers-pitch.log"))
                  : ServerProcess.start(
                      repo.resolve("genai-pitch"),
                      remotes,
                      javaOpts,
                      logs.resolve("peers-pitch.log"));
          ServerProcess bolt =
              ServerProcess.startPeer(
                  List.of(node, "app.js"),
                  repo.resolve("bench/peers/bolt-js"),
                  slackEnv,
                  logs.resolve("peers-bolt-js.log"));
          ServerProcess botbuilder =
              ServerProcess.startPeer(
                  List.of(node, "bot.js"),
                  repo.resolve("bench/peers/botbuilder-js"),
                  Map.of(),
                  logs.resolve("peers-botbuilder-js.log"))) {
        startup = pitch.awaitReady(remotes, questions, 60);
        note(
            runLog,
            String.format(
                "genai-pitch ready in %.0f ms, first slash command %.0f ms, first Teams reply %.0f"
                    + " ms (load %s)",
                startup.readyMillis(),
                startup.firstSlackMillis(),
                startup.firstTeamsReplyMillis(),
                LoadPhase.loadAverage()));
        SlackCommands pitchSlack = new SlackCommands(pitch.host(), questions);
        rssPhase = LoadBench.saturate(pitch, remotes, pitchSlack, "slack", concurrency, rssSeconds);
        afterSlack = pitch.status();
        note(
            runLog,
            String.format(
                "genai-pitch after %.0f s of Slack saturation from a fresh start: peak RSS %d MiB"
                    + " | %s",
                rssSeconds, afterSlack.vmHwmKib() / 1024, LoadBench.line(rssPhase)));

        SlackCommands boltSlack = new SlackCommands(bolt.host(), questions);
        double boltReady = bolt.awaitAnswer(boltSlack, 60);
        double bbReady =
            botbuilder.awaitAnswer(
                new TeamsActivities(botbuilder.host(), questions, remotes, "bb-first"), 60);
        remotes.dropPending();
        remotes.takeReplyLatencies();
        note(
            runLog,
            String.format(
                "bolt-js answered at %.0f ms, botbuilder-js at %.0f ms", boltReady, bbReady));

        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        servers.put("genai-pitch", pitch);
        servers.put("bolt-js", bolt);
        servers.put("botbuilder-js", botbuilder);
        if (warmup > 0) {
          for (String who : List.of("genai-pitch", "bolt-js")) {
            ServerProcess s = servers.get(who);
            note(
                runLog,
                "warm-up "
                    + who
                    + ": "
                    + LoadBench.line(
                        LoadBench.phase(
                            s,
                            remotes,
                            new SlackCommands(s.host(), questions),
                            "slack",
                            slackRate * 0.6,
                            warmup,
                            connections)));
          }
          for (String who : List.of("genai-pitch", "botbuilder-js")) {
            ServerProcess s = servers.get(who);
            note(
                runLog,
                "warm-up "
                    + who
                    + ": "
                    + LoadBench.line(
                        LoadBench.phase(
                            s,
                            remotes,
                            new TeamsActivities(s.host(), questions, remotes, who + "-warm"),
                            "teams",
                            teamsRate * 0.6,
                            warmup,
                            connections)));
          }
        }

        for (int round = 1; round <= rounds; round++) {
          note(runLog, "round " + round + " (load " + LoadPhase.loadAverage() + ")");
          for (String phase :
              List.of("slack saturation", "slack fixed", "teams saturation", "teams fixed")) {
            String peer = phase.startsWith("slack") ? "bolt-js" : "botbuilder-js";
            List<String> order =
                round % 2 == 1 ? List.of("genai-pitch", peer) : List.of(peer, "genai-pitch");
            for (String who : order) {
              ServerProcess s = servers.get(who);
              System.gc();
              TimeUnit.MILLISECONDS.sleep(500);
              Exchange exchange =
                  phase.startsWith("slack")
                      ? new SlackCommands(s.host(), questions)
                      : new TeamsActivities(
                          s.host(), questions, remotes, who + "-" + round + "-" + phase.length());
              String kind = phase.startsWith("slack") ? "slack" : "teams";
              LoadPhase.Result r =
                  phase.endsWith("saturation")
                      ? LoadBench.saturate(s, remotes, exchange, kind, concurrency, seconds)
                      : LoadBench.phase(
                          s,
                          remotes,
                          exchange,
                          kind,
                          kind.equals("slack") ? slackRate : teamsRate,
                          seconds,
                          connections);
              measures.add(new Measure(phase, who, round, r));
              note(runLog, String.format("  %-13s %s", who, LoadBench.line(r)));
            }
          }
        }
        atEnd = pitch.status();
        peerStatus.put("bolt-js", bolt.status());
        peerStatus.put("botbuilder-js", botbuilder.status());
      }
    }

    String report =
        report(
            measures,
            rounds,
            seconds,
            concurrency,
            slackRate,
            teamsRate,
            command != null ? command : javaOpts,
            loadBefore,
            startup,
            rssSeconds,
            afterSlack,
            rssPhase,
            atEnd,
            peerStatus,
            runLog);
    Files.writeString(out, report);
    System.out.println(report);
    System.err.println("written to " + out);
  }

  private static void note(StringBuilder log, String line) {
    System.err.println(line);
    log.append(line).append('\n');
  }

  private static String report(
      List<Measure> measures,
      int rounds,
      double seconds,
      int concurrency,
      double slackRate,
      double teamsRate,
      String javaOpts,
      String loadBefore,
      ServerProcess.Startup startup,
      double rssSeconds,
      ServerProcess.ProcStatus afterSlack,
      LoadPhase.Result rssPhase,
      ServerProcess.ProcStatus atEnd,
      Map<String, ServerProcess.ProcStatus> peerStatus,
      StringBuilder runLog) {
    StringBuilder md = new StringBuilder();
    md.append("# genai-pitch and its peers: ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
        .append("\n\n")
        .append(Machine.describe())
        .append("- genai-pitch: `")
        .append(javaOpts == null ? "./genai-pitch serve (the launcher's JVM flags)" : javaOpts)
        .append("`; peers: Bolt-JS and botbuilder-js (`bench/peers/`) on ")
        .append(nodeVersion())
        .append('\n')
        .append("- load average (1, 5, 15 min) before: ")
        .append(loadBefore)
        .append("; after: ")
        .append(LoadPhase.loadAverage())
        .append('\n')
        .append("- ")
        .append(rounds)
        .append(" alternating rounds of ")
        .append((int) seconds)
        .append(" s per phase: saturation with ")
        .append(concurrency)
        .append(" connections (closed model), Slack at ")
        .append((int) slackRate)
        .append("/s and Teams at ")
        .append((int) teamsRate)
        .append("/s (open model)\n\n");

    md.append("| figure | target | genai-pitch | peer | ratio | per round (genai-pitch / peer)")
        .append(" | verdict |\n|---|---|---|---|---|---|---|\n");
    row(
        md,
        measures,
        "slack saturation",
        "Slack saturation (answers/s)",
        "≥ 2.0× the peer",
        LoadPhase.Result::throughput,
        v -> v >= 2.0,
        true);
    row(
        md,
        measures,
        "slack fixed",
        "Slack p99 at " + (int) slackRate + "/s (ms)",
        "≤ 2.5 ms",
        r -> pct(r.latency(), 99),
        null,
        false);
    row(
        md,
        measures,
        "teams saturation",
        "Teams saturation (replies/s)",
        "≥ 2.0× the peer",
        r -> r.replyLatency().getTotalCount() / r.seconds(),
        v -> v >= 2.0,
        true);
    row(
        md,
        measures,
        "teams fixed",
        "Teams reply p99 at " + (int) teamsRate + "/s (ms)",
        "≤ 5 ms",
        r -> pct(r.replyLatency(), 99),
        null,
        false);
    row(
        md,
        measures,
        "teams fixed",
        "Teams server CPU per 1,000 activities at " + (int) teamsRate + "/s (s)",
        "≤ 0.5× the peer",
        r -> r.serverCpuMillisPerRequest(),
        v -> v <= 0.5,
        true);
    md.append("\nAbsolute targets, genai-pitch's median: ");
    md.append("Slack p99 ")
        .append(
            verdict(
                median(values(measures, "slack fixed", "genai-pitch", r -> pct(r.latency(), 99))),
                2.5))
        .append("; Teams reply p99 ")
        .append(
            verdict(
                median(
                    values(measures, "teams fixed", "genai-pitch", r -> pct(r.replyLatency(), 99))),
                5.0))
        .append(".\n\n");

    md.append("| genai-pitch | target | figure |\n|---|---|---|\n")
        .append(
            String.format(
                "| start to `/readyz` (ms) | ≤ 1000 | %.0f (one start; `StartupBench` for a median)"
                    + " |%n",
                startup.readyMillis()))
        .append(
            String.format(
                "| peak RSS after %.0f s of Slack saturation (MiB) | ≤ 128 | %d (%.0f answers/s)"
                    + " |%n",
                rssSeconds, afterSlack.vmHwmKib() / 1024, rssPhase.throughput()))
        .append(
            String.format(
                "| peak RSS at the end of all rounds (MiB) | | %d; bolt-js %d, botbuilder-js %d"
                    + " |%n",
                atEnd.vmHwmKib() / 1024,
                peerStatus.get("bolt-js").vmHwmKib() / 1024,
                peerStatus.get("botbuilder-js").vmHwmKib() / 1024))
        .append(
            String.format(
                "| threads at the end | | %d; bolt-js %d, botbuilder-js %d |%n",
                atEnd.threads(),
                peerStatus.get("bolt-js").threads(),
                peerStatus.get("botbuilder-js").threads()));

    md.append("\nErrors (failed requests, I/O errors, replies that never came): ");
    long errors = measures.stream().mapToLong(m -> m.result().errors()).sum();
    md.append(errors == 0 ? "none" : errors + " (see the log)").append(".\n\n");
    md.append("Every phase, in the order run (load average at its start):\n\n```\n")
        .append(runLog)
        .append("```\n");
    return md.toString();
  }

  private static void row(
      StringBuilder md,
      List<Measure> measures,
      String phase,
      String name,
      String target,
      ToDoubleFunction<LoadPhase.Result> figure,
      java.util.function.DoublePredicate ratioMeets,
      boolean ratioMatters) {
    List<Double> mine = values(measures, phase, "genai-pitch", figure);
    String peer = phase.startsWith("slack") ? "bolt-js" : "botbuilder-js";
    List<Double> theirs = values(measures, phase, peer, figure);
    List<Double> ratios = new ArrayList<>();
    StringBuilder perRound = new StringBuilder();
    for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
      ratios.add(mine.get(i) / theirs.get(i));
      if (i > 0) {
        perRound.append("; ");
      }
      perRound
          .append(LoadBench.fmt(mine.get(i)))
          .append(" / ")
          .append(LoadBench.fmt(theirs.get(i)));
    }
    double ratio = median(ratios);
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(target)
        .append(" | ")
        .append(LoadBench.fmt(median(mine)))
        .append(" | ")
        .append(LoadBench.fmt(median(theirs)))
        .append(" | ")
        .append(String.format("%.2f×", ratio))
        .append(" | ")
        .append(perRound)
        .append(" | ")
        .append(
            ratioMatters && ratioMeets != null
                ? (ratioMeets.test(ratio) ? "met" : "**missed**")
                : "")
        .append(" |\n");
  }

  private static String verdict(double value, double max) {
    return LoadBench.fmt(value) + " ms " + (value <= max ? "(met)" : "(**missed**)");
  }

  private static List<Double> values(
      List<Measure> measures, String phase, String who, ToDoubleFunction<LoadPhase.Result> f) {
    return measures.stream()
        .filter(m -> m.phase().equals(phase) && m.who().equals(who))
        .map(m -> f.applyAsDouble(m.result()))
        .toList();
  }

  private static double pct(Histogram h, double p) {
    return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
  }

  private static double median(List<Double> values) {
    return StartupBench.median(values);
  }

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return "Node " + v;
    } catch (Exception e) {
      return "Node (version unknown)";
    }
  }
}
