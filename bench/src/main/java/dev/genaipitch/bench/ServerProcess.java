package dev.genaipitch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test: {@code ./genai-pitch serve} started as a child process with Slack on
 * (pointed at the fake Web API) and Teams without authentication, timed from just before the
 * process is spawned; read through {@code /proc/<pid>/status} and {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {

  /** Start-up figures, in milliseconds from spawning the process. */
  record Startup(
      double readyMillis,
      String readyPath,
      double firstSlackMillis,
      double firstTeamsReplyMillis) {}

  /** Memory and threads from {@code /proc/<pid>/status}, in KiB and count. */
  record ProcStatus(long vmRssKib, long vmHwmKib, int threads) {}

  private static final Pattern HEAP =
      Pattern.compile(
          "^\\s*(def new generation|tenured generation|garbage-first"
              + " heap|PSYoungGen|ParOldGen|Shenandoah|ZHeap)\\b.*?used (\\d+)K",
          Pattern.MULTILINE);
  private static final Pattern HEAP_TOTAL = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private final Process process;
  private final long spawnedNanos;
  private final int port;
  private final String host;

  private ServerProcess(Process process, long spawnedNanos, int port) {
    this.process = process;
    this.spawnedNanos = spawnedNanos;
    this.port = port;
    this.host = "127.0.0.1:" + port;
  }

  /**
   * Starts {@code launcher serve}.
   *
   * @param javaOpts JVM flags for JAVA_OPTS, or null for the launcher's defaults
   * @param log where the server's output goes
   */
  static ServerProcess start(Path launcher, FakeRemotes remotes, String javaOpts, Path log)
      throws IOException {
    return start(
        List.of(launcher.toString(), "serve"), launcher.getParent(), remotes, javaOpts, log);
  }

  /**
   * Starts {@code command} (which must run {@code serve}) in {@code directory}: for comparing
   * builds or flags, e.g. {@code java -Xmx128m -jar /tmp/before/genai-pitch.jar serve}.
   */
  static ServerProcess start(
      List<String> command, Path directory, FakeRemotes remotes, String javaOpts, Path log)
      throws IOException {
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
    pb.directory(directory.toFile());
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("SLACK_")
                    || k.startsWith("MICROSOFT_")
                    || k.startsWith("TEAMS_")
                    || k.equals("GUIDE_DIR")
                    || k.equals("GENAI_PITCH_CONFIG"));
    env.put("PORT", Integer.toString(port));
    env.put("ADMIN_PORT", "0"); // the default, 3001, may be taken by another server on this machine
    env.put("SLACK_SIGNING_SECRET", SlackCommands.SIGNING_SECRET);
    env.put("SLACK_BOT_TOKEN", SlackCommands.BOT_TOKEN);
    env.put("SLACK_API_URL", remotes.slackApiUrl());
    // The load drives Teams as the Emulator does (no tokens, from and to loopback): opt in.
    env.put("TEAMS_EMULATOR", "true");
    if (javaOpts != null) {
      env.put("JAVA_OPTS", javaOpts);
    } else {
      env.remove("JAVA_OPTS");
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    long spawned = System.nanoTime();
    return new ServerProcess(pb.start(), spawned, port);
  }

  /**
   * Starts a peer (another framework's bot, from {@code bench/peers/}) with {@code command} in
   * {@code directory}, given {@code PORT} and {@code env}.
   */
  static ServerProcess startPeer(
      List<String> command, Path directory, Map<String, String> env, Path log) throws IOException {
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
    pb.directory(directory.toFile());
    pb.environment().putAll(env);
    pb.environment().put("PORT", Integer.toString(port));
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    long spawned = System.nanoTime();
    return new ServerProcess(pb.start(), spawned, port);
  }

  /**
   * Waits until {@code exchange}'s first request is answered as it should be (a peer has no {@code
   * /readyz}); returns the milliseconds since spawning.
   */
  double awaitAnswer(Exchange exchange, double timeoutSeconds) throws Exception {
    long deadline = spawnedNanos + (long) (timeoutSeconds * 1e9);
    String last = "no answer";
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (RawHttp http = new RawHttp(address(), 5_000)) {
        RawHttp.Response r = http.exchange(exchange.request(0, System.nanoTime()));
        if (exchange.ok(r)) {
          return millisSinceSpawn();
        }
        last = "HTTP " + r.status() + " " + r.text();
      } catch (IOException e) {
        last = e.toString();
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new IOException(
        "the peer did not answer (alive: " + process.isAlive() + "; last: " + last + ")");
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  String host() {
    return host;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Waits until the server is ready: {@code /readyz} answers 200 where it exists, otherwise (it
   * answers 404: not built yet) {@code /healthz}. Then sends one signed slash command and one Teams
   * message, timing the answer and the reply's arrival at the fake connector.
   */
  Startup awaitReady(FakeRemotes remotes, List<String> questions, double timeoutSeconds)
      throws Exception {
    long deadline = spawnedNanos + (long) (timeoutSeconds * 1e9);
    String path = "/readyz";
    double ready = -1;
    while (ready < 0) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IOException("the server did not become ready (alive: " + process.isAlive() + ")");
      }
      try (RawHttp http = new RawHttp(address(), 2_000)) {
        int status = http.exchange(RawHttp.get(host, path)).status();
        if (status == 200) {
          ready = millisSinceSpawn();
        } else if (status == 404 && path.equals("/readyz")) {
          path = "/healthz";
          continue;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (ready < 0) {
        TimeUnit.MILLISECONDS.sleep(2);
      }
    }
    double firstSlack;
    try (RawHttp http = new RawHttp(address(), 10_000)) {
      SlackCommands slack = new SlackCommands(host, questions);
      RawHttp.Response r = http.exchange(slack.request(0, System.nanoTime()));
      firstSlack = millisSinceSpawn();
      if (!slack.ok(r)) {
        throw new IOException(
            "the first slash command was not answered: HTTP " + r.status() + " " + r.text());
      }
    }
    double firstTeams;
    try (RawHttp http = new RawHttp(address(), 10_000)) {
      TeamsActivities teams = new TeamsActivities(host, questions, remotes, "first-" + pid());
      RawHttp.Response r = http.exchange(teams.request(0, spawnedNanos));
      if (!teams.ok(r)) {
        throw new IOException(
            "the first Teams activity was refused: HTTP " + r.status() + " " + r.text());
      }
      org.HdrHistogram.Histogram reply = remotes.takeReplyLatencies();
      if (reply.getTotalCount() != 1) {
        throw new IOException("the first Teams reply did not reach the fake connector");
      }
      firstTeams = reply.getMaxValue() / 1_000.0;
    }
    return new Startup(ready, path, firstSlack, firstTeams);
  }

  private double millisSinceSpawn() {
    return (System.nanoTime() - spawnedNanos) / 1e6;
  }

  ProcStatus status() throws IOException {
    String s = Files.readString(Path.of("/proc/" + pid() + "/status"));
    return new ProcStatus(field(s, "VmRSS"), field(s, "VmHWM"), (int) field(s, "Threads"));
  }

  /** User plus system CPU time the server has used so far, in seconds (from /proc/<pid>/stat). */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields 14 and 15 of stat (utime, stime), counted from the state field as 3
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
  }

  /** USER_HZ: 100 on every Linux this runs on. */
  private static final int CLOCK_TICKS = 100;

  private static long field(String status, String name) {
    Matcher m = Pattern.compile("^" + name + ":\\s+(\\d+)", Pattern.MULTILINE).matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * Live heap right after a full GC, in KiB, and the heap's committed size: {@code jcmd
   * GC.class_histogram} collects first and totals what survived (exact, unlike reading {@code
   * GC.heap_info} after {@code GC.run}, which already counts new allocations).
   */
  long[] heapAfterGc() throws IOException, InterruptedException {
    String histogram = jcmd("GC.class_histogram");
    Matcher total =
        Pattern.compile("^Total\\s+\\d+\\s+(\\d+)", Pattern.MULTILINE).matcher(histogram);
    long live = total.find() ? Long.parseLong(total.group(1)) / 1024 : -1;
    long committed = 0;
    for (String line : jcmd("GC.heap_info").split("\n")) {
      if (HEAP.matcher(line).find()) {
        Matcher m = HEAP_TOTAL.matcher(line);
        if (m.find()) {
          committed += Long.parseLong(m.group(1));
        }
      }
    }
    return new long[] {live, committed};
  }

  /** Metaspace in use, in KiB, from GC.heap_info. */
  long metaspaceKib() throws IOException, InterruptedException {
    Matcher m = Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(jcmd("GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  String jcmd(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("jcmd", Long.toString(pid()), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits; kills it if it has not stopped within 15 s. */
  @Override
  public void close() throws InterruptedException {
    stop(15);
  }

  /** SIGTERM, then waits; kills it if it has not stopped within {@code seconds}. */
  void stop(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
