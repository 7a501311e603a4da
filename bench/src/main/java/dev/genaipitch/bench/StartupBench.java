package dev.genaipitch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up only, for comparing launch variants on a noisy machine: starts the server again and
 * again, alternating the variants run by run so that they share the machine's moods, and times
 * spawn to ready, to the first answered slash command and to the first Teams reply; also the CPU
 * the server had used when it became ready, which the machine's load disturbs far less than wall
 * time.
 *
 * <p>Options: {@code runs} (10 per variant), {@code repo}, {@code out}, {@code
 * variant.NAME=JAVA_OPTS} (the JVM flags given to the launcher; {@code variant.launcher=} for its
 * own), and {@code command.NAME=COMMAND} (a whole command line that serves, e.g. another build's
 * jar). Default: the launcher's flags only. With {@code saturation=SECONDS} (0: off) each start is
 * followed by two phases of Slack saturation ({@code concurrency}, 16 connections) of that length:
 * the first, from the fresh start, gives the peak RSS (VmHWM) the memory target is about;
 * the second, after it, the throughput, p99 and server CPU per answer of a warmed-up server.
 */
public final class StartupBench {

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    Options o = new Options(args);
    Path repo = Path.of(o.text("repo", ".")).toAbsolutePath().normalize();
    int runs = o.integer("runs", 10);
    double saturation = o.decimal("saturation", 0);
    int concurrency = o.integer("concurrency", 16);
    Map<String, String> variants = new LinkedHashMap<>();
    Map<String, String> commands = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--command.")) {
        int eq = arg.indexOf('=');
        String name = arg.substring("--command.".length(), eq);
        commands.put(name, arg.substring(eq + 1));
        variants.put(name, "");
      }
      if (arg.startsWith("--variant.")) {
        int eq = arg.indexOf('=');
        String opts = arg.substring(eq + 1);
        variants.put(arg.substring("--variant.".length(), eq), opts.isBlank() ? null : opts);
      }
    }
    if (variants.isEmpty()) {
      variants.put("launcher", null);
    }
    Path out = Path.of(o.text("out", repo.resolve("bench/target/startup.md").toString()));
    Files.createDirectories(out.getParent());
    List<String> questions = MatchBenchmark.questions(repo.resolve("eval"));
    Map<String, List<double[]>> figures = new LinkedHashMap<>();
    variants.keySet().forEach(k -> figures.put(k, new ArrayList<>()));
    String loadBefore = LoadPhase.loadAverage();
    try (FakeRemotes remotes = new FakeRemotes()) {
      if (variants.containsValue(null)) {
        LoadBench.prime(repo, remotes, questions, out);
      }
      for (int r = 0; r < runs; r++) {
        for (Map.Entry<String, String> v : variants.entrySet()) {
          System.gc();
          TimeUnit.MILLISECONDS.sleep(500);
          Path log = out.resolveSibling("startup-" + v.getKey() + ".log");
          String command = commands.get(v.getKey());
          try (ServerProcess server =
              command != null
                  ? ServerProcess.start(List.of(command.split(" +")), repo, remotes, null, log)
                  : ServerProcess.start(repo.resolve("genai-pitch"), remotes, v.getValue(), log)) {
            String load = LoadPhase.loadAverage().split(" ")[0];
            ServerProcess.Startup s = server.awaitReady(remotes, questions, 60);
            double cpu = server.cpuSeconds() * 1000;
            double rssAtReady = server.status().vmRssKib() / 1024.0;
            double[] sat = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            if (saturation > 0) {
              SlackCommands slack = new SlackCommands(server.host(), questions);
              LoadPhase.Result cold =
                  LoadBench.saturate(server, remotes, slack, "slack", concurrency, saturation);
              double peak = server.status().vmHwmKib() / 1024.0;
              LoadPhase.Result warm =
                  LoadBench.saturate(server, remotes, slack, "slack", concurrency, saturation);
              sat =
                  new double[] {
                    peak,
                    cold.throughput(),
                    warm.throughput(),
                    warm.latency().getValueAtPercentile(99) / 1000.0,
                    warm.serverCpuMillisPerRequest()
                  };
            }
            figures
                .get(v.getKey())
                .add(
                    new double[] {
                      s.readyMillis(),
                      s.firstSlackMillis(),
                      s.firstTeamsReplyMillis(),
                      cpu,
                      rssAtReady,
                      Double.parseDouble(load),
                      sat[0],
                      sat[1],
                      sat[2],
                      sat[3],
                      sat[4]
                    });
            System.err.printf(
                "%-12s ready %5.0f ms, first slash command %5.0f ms, first Teams reply %5.0f ms,"
                    + " CPU by then %5.0f ms (load %s); saturated: peak RSS %4.0f MiB, %5.0f/s"
                    + " cold, %5.0f/s warm, p99 %.1f ms, CPU %.3f ms per answer%n",
                v.getKey(),
                s.readyMillis(),
                s.firstSlackMillis(),
                s.firstTeamsReplyMillis(),
                cpu,
                load,
                sat[0],
                sat[1],
                sat[2],
                sat[3],
                sat[4]);
          }
        }
      }
    }
    StringBuilder md = new StringBuilder("## Start-up\n\n").append(Machine.describe());
    md.append("- ")
        .append(runs)
        .append(" starts per variant, alternating")
        .append(
            saturation > 0
                ? ", each followed by 2 x "
                    + (int) saturation
                    + " s of Slack saturation ("
                    + concurrency
                    + " connections)"
                : "")
        .append("; load average before ")
        .append(loadBefore)
        .append(", after ")
        .append(LoadPhase.loadAverage())
        .append("\n\n");
    md.append(
        "| variant | JAVA_OPTS | ready (ms) | first slash command (ms) | first Teams reply (ms) |"
            + " CPU used by ready (ms) | RSS at ready (MiB) | load (1 min) |"
            + (saturation > 0
                ? " peak RSS after saturation (MiB) | Slack saturation, fresh (/s) |"
                    + " Slack saturation, warm (/s) | warm p99 (ms) | CPU per answer, warm (ms) |"
                : "")
            + "\n|---|---|---|---|---|---|---|---|"
            + (saturation > 0 ? "---|---|---|---|---|" : "")
            + "\n");
    figures.forEach(
        (name, rows) -> {
          md.append("| ")
              .append(name)
              .append(" | `")
              .append(
                  commands.containsKey(name)
                      ? commands.get(name)
                      : variants.get(name) == null ? "(launcher's)" : variants.get(name))
              .append("` |");
          for (int i = 0; i < (saturation > 0 ? 11 : 6); i++) {
            int col = i;
            md.append(' ')
                .append(LoadBench.fmt(median(rows.stream().map(x -> x[col]).toList())))
                .append(" |");
          }
          md.append('\n');
        });
    md.append("\nMedians; every start:\n\n```\n");
    figures.forEach(
        (name, rows) ->
            rows.forEach(
                x ->
                    md.append(
                        String.format(
                            "%-12s ready %5.0f  slash %5.0f  teams %5.0f  cpu %5.0f  rss %4.0f "
                                + " load %.2f  peak %4.0f  sat %5.0f %5.0f/s  p99 %.1f  cpu/ans"
                                + " %.3f%n",
                            name, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9],
                            x[10]))));
    md.append("```\n");
    Files.writeString(out, md.toString());
    System.out.println(md);
  }

  static double median(List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
