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
 * ({@code bench/peers/}). The peers stay up and are warmed up once; each round starts a fresh
 * genai-pitch server, as a user would measure it (one server through every round would fill its
 * record of request signatures, Slack's five-minute replay window, and answer 503 by design),
 * records its start-up and its peak RSS after {@code rssSeconds} of Slack saturation, warms it up,
 * then measures every phase for genai-pitch and its peer back to back, alternating which goes
 * first, so both share the machine's moods. The report gives each round's figures, their ratio, and
 * the medians; a round's phase in which either server had an error (a failed request, an I/O error,
 * a reply that never came) is marked void and left out of the medians and ratios.
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
    List<ServerProcess.Startup> startups = new ArrayList<>();
    List<ServerProcess.ProcStatus> afterSlacks = new ArrayList<>();
    List<LoadPhase.Result> rssPhases = new ArrayList<>();
    ServerProcess.ProcStatus atEnd = null;
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
      try (ServerProcess bolt =
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
        if (warmup > 0) {
          warmUp(
              runLog, remotes, questions, "bolt-js", bolt, "slack", slackRate, warmup, connections);
          warmUp(
              runLog,
              remotes,
              questions,
              "botbuilder-js",
              botbuilder,
              "teams",
              teamsRate,
              warmup,
              connections);
        }

        // A fresh genai-pitch server per round, as a user would measure it: one server through
        // every
        // round would fill its record of request signatures (SlackAdapter.SIGNATURES_MAX, Slack's
        // five-minute replay window) at saturation, and answer 503 by design.
        for (int round = 1; round <= rounds; round++) {
          try (ServerProcess pitch =
              command != null
                  ? ServerProcess.start(
                      List.of(command.split(" +")),
                      repo,
                      remotes,
                      javaOpts,
                      logs.resolve("peers-pitch-" + round + ".log"))
                  : ServerProcess.start(
                      repo.resolve("genai-pitch"),
                      remotes,
                      javaOpts,
                      logs.resolve("peers-pitch-" + round + ".log"))) {
            ServerProcess.Startup startup = pitch.awaitReady(remotes, questions, 60);
            startups.add(startup);
            note(
                runLog,
                String.format(
                    "round %d: a fresh genai-pitch ready in %.0f ms, first slash command %.0f ms,"
                        + " first Teams reply %.0f ms (load %s)",
                    round,
                    startup.readyMillis(),
                    startup.firstSlackMillis(),
                    startup.firstTeamsReplyMillis(),
                    LoadPhase.loadAverage()));
            LoadPhase.Result rssPhase =
                LoadBench.saturate(
                    pitch,
                    remotes,
                    new SlackCommands(pitch.host(), questions),
                    "slack",
                    concurrency,
                    rssSeconds);
            ServerProcess.ProcStatus afterSlack = pitch.status();
            rssPhases.add(rssPhase);
            afterSlacks.add(afterSlack);
            note(
                runLog,
                String.format(
                    "genai-pitch after %.0f s of Slack saturation from a fresh start: peak RSS %d"
                        + " MiB | %s",
                    rssSeconds, afterSlack.vmHwmKib() / 1024, LoadBench.line(rssPhase)));
            for (String kind : warmup > 0 ? List.of("slack", "teams") : List.<String>of()) {
              double rate = kind.equals("slack") ? slackRate : teamsRate;
              warmUp(
                  runLog,
                  remotes,
                  questions,
                  "genai-pitch",
                  pitch,
                  kind,
                  rate,
                  warmup,
                  connections);
            }

            Map<String, ServerProcess> servers = new LinkedHashMap<>();
            servers.put("genai-pitch", pitch);
            servers.put("bolt-js", bolt);
            servers.put("botbuilder-js", botbuilder);
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
            atEnd = pitch.status();
          }
        }
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
            startups,
            rssSeconds,
            afterSlacks,
            rssPhases,
            atEnd,
            peerStatus,
            runLog);
    Files.writeString(out, report);
    System.out.println(report);
    System.err.println("written to " + out);
  }

  /** Warms {@code server} up with {@code kind} requests at 60 % of {@code rate}. */
  private static void warmUp(
      StringBuilder runLog,
      FakeRemotes remotes,
      List<String> questions,
      String who,
      ServerProcess server,
      String kind,
      double rate,
      double seconds,
      int connections)
      throws Exception {
    Exchange exchange =
        kind.equals("slack")
            ? new SlackCommands(server.host(), questions)
            : new TeamsActivities(
                server.host(), questions, remotes, who + "-warm-" + System.nanoTime());
    note(
        runLog,
        "warm-up "
            + who
            + ": "
            + LoadBench.line(
                LoadBench.phase(
                    server, remotes, exchange, kind, rate * 0.6, seconds, connections)));
  }

  private static void note(StringBuilder log, String line) {
    System.err.println(line);
    log.append(line).append('\n');
  }

  static String report(
      List<Measure> measures,
      int rounds,
      double seconds,
      int concurrency,
      double slackRate,
      double teamsRate,
      String javaOpts,
      String loadBefore,
      List<ServerProcess.Startup> startups,
      double rssSeconds,
      List<ServerProcess.ProcStatus> afterSlacks,
      List<LoadPhase.Result> rssPhases,
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

    List<Double> ready = startups.stream().map(ServerProcess.Startup::readyMillis).toList();
    List<Double> peaks = afterSlacks.stream().map(a -> a.vmHwmKib() / 1024.0).toList();
    md.append("| genai-pitch | target | figure |\n|---|---|---|\n")
        .append(
            String.format(
                "| start to `/readyz` (ms) | ≤ 1000 | %.0f (median of %d fresh starts: %s;"
                    + " `StartupBench` for more) |%n",
                median(ready), ready.size(), joined(ready, "%.0f")))
        .append(
            String.format(
                "| peak RSS after %.0f s of Slack saturation (MiB) | ≤ 128 | %.0f (median of %d"
                    + " fresh starts: %s MiB at %s answers/s%s) |%n",
                rssSeconds,
                median(peaks),
                peaks.size(),
                joined(peaks, "%.0f"),
                joined(rssPhases.stream().map(LoadPhase.Result::throughput).toList(), "%.0f"),
                rssPhases.stream().anyMatch(r -> r.errors() > 0)
                    ? "; errors: "
                        + joined(rssPhases.stream().map(r -> (double) r.errors()).toList(), "%.0f")
                    : ""))
        .append(
            String.format(
                "| peak RSS at the end of all rounds (MiB) | | %d (the last round's server);"
                    + " bolt-js %d, botbuilder-js %d |%n",
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
    md.append(errors == 0 ? "none" : errors + " (see the log)").append(".");
    List<String> voids = voids(measures, rounds);
    if (!voids.isEmpty()) {
      md.append(" Void, left out of the medians and ratios above (a phase in which either server")
          .append(" had an error): ")
          .append(String.join("; ", voids))
          .append('.');
    }
    md.append("\n\n");
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
    String peer = peerOf(phase);
    List<Double> mine = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    StringBuilder perRound = new StringBuilder();
    for (int round : rounds(measures, phase)) {
      if (perRound.length() > 0) {
        perRound.append("; ");
      }
      Measure m = find(measures, phase, "genai-pitch", round);
      Measure t = find(measures, phase, peer, round);
      if (m == null || t == null) {
        continue;
      }
      if (isVoid(measures, phase, round)) {
        perRound.append("void");
        continue;
      }
      double a = figure.applyAsDouble(m.result());
      double b = figure.applyAsDouble(t.result());
      mine.add(a);
      theirs.add(b);
      ratios.add(a / b);
      perRound.append(LoadBench.fmt(a)).append(" / ").append(LoadBench.fmt(b));
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
            ratioMatters && ratioMeets != null && !ratios.isEmpty()
                ? (ratioMeets.test(ratio) ? "met" : "**missed**")
                : "")
        .append(" |\n");
  }

  private static String peerOf(String phase) {
    return phase.startsWith("slack") ? "bolt-js" : "botbuilder-js";
  }

  private static List<Integer> rounds(List<Measure> measures, String phase) {
    return measures.stream()
        .filter(m -> m.phase().equals(phase))
        .map(Measure::round)
        .distinct()
        .sorted()
        .toList();
  }

  private static Measure find(List<Measure> measures, String phase, String who, int round) {
    return measures.stream()
        .filter(m -> m.phase().equals(phase) && m.who().equals(who) && m.round() == round)
        .findFirst()
        .orElse(null);
  }

  /**
   * A round's phase is void when either server had an error in it (a failed request, an I/O error,
   * a reply that never came): its figures measure something else than the answers, so they are
   * reported, not averaged in.
   */
  static boolean isVoid(List<Measure> measures, String phase, int round) {
    return measures.stream()
        .anyMatch(m -> m.phase().equals(phase) && m.round() == round && m.result().errors() > 0);
  }

  /** Every void phase of a round, with each server's errors in it, in the order run. */
  static List<String> voids(List<Measure> measures, int rounds) {
    List<String> voids = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (String phase :
          List.of("slack saturation", "slack fixed", "teams saturation", "teams fixed")) {
        if (isVoid(measures, phase, round)) {
          StringBuilder v =
              new StringBuilder(phase).append(" in round ").append(round).append(" (");
          for (String who : List.of("genai-pitch", peerOf(phase))) {
            Measure m = find(measures, phase, who, round);
            v.append(who.equals("genai-pitch") ? "" : ", ")
                .append(who)
                .append(' ')
                .append(m == null ? "not run" : m.result().errors() + " errors");
          }
          voids.add(v.append(')').toString());
        }
      }
    }
    return voids;
  }

  private static String joined(List<Double> values, String format) {
    return String.join(", ", values.stream().map(v -> String.format(format, v)).toList());
  }

  private static String verdict(double value, double max) {
    return LoadBench.fmt(value) + " ms " + (value <= max ? "(met)" : "(**missed**)");
  }

  private static List<Double> values(
      List<Measure> measures, String phase, String who, ToDoubleFunction<LoadPhase.Result> f) {
    return measures.stream()
        .filter(m -> m.phase().equals(phase) && m.who().equals(who))
        .filter(m -> !isVoid(measures, phase, m.round()))
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
