package dev.genaipitch.app.cli;

import dev.genaipitch.app.redis.SharedRedis;
import dev.genaipitch.app.report.RedisReport;
import dev.genaipitch.app.report.ReportFile;
import dev.genaipitch.app.report.ReportJson;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.config.BotConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The report for content owners. With REDIS_URL it reads the fleet's report from Redis (every
 * replica's questions). Otherwise, or when Redis does not answer, it asks the running server on its
 * loopback-only admin port ({@code http://127.0.0.1:ADMIN_PORT/report}: the in-memory report since
 * the server started), or reads REPORT_FILE (everything ever appended) with {@code --file}, or when
 * no server answers.
 */
@Command(
    name = "report",
    description =
        "Lists the most frequent unanswered questions (answered `none` or scoring below LOW_SCORE)"
            + " and the Helpful? feedback per section. With REDIS_URL, reads every replica's from"
            + " Redis; otherwise asks the server running on 127.0.0.1:ADMIN_PORT; with --file, or"
            + " when no server answers, reads REPORT_FILE.")
final class ReportCommand implements Callable<Integer> {

  /** Exit code when there is nothing to read the report from. */
  static final int NO_SOURCE = 1;

  /** A person waits for the report: Redis gets longer than a request would give it. */
  private static final Duration CLI_REDIS_TIMEOUT = Duration.ofSeconds(2);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "How many questions to list (default: ${DEFAULT-VALUE}).")
  int top = 20;

  @Option(
      names = "--file",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "FILE",
      description = "Read a report file (default: REPORT_FILE) instead of asking the server.")
  String file;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The server's admin port (default: ADMIN_PORT).")
  Integer port;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BotConfig config = Main.config(spec);
    if (config == null) {
      return Main.BAD_CONFIG;
    }
    Optional<Path> reportFile = config.report().file();
    UnansweredReport.Snapshot snapshot;
    if (file != null) {
      Optional<Path> chosen = file.isEmpty() ? reportFile : Optional.of(Path.of(file));
      if (chosen.isEmpty()) {
        err.println("genai-pitch report: --file needs a file name when REPORT_FILE is not set");
        err.flush();
        return NO_SOURCE;
      }
      snapshot = fromFile(chosen.get(), config, err);
    } else {
      int admin = port != null ? port : config.adminPort();
      URI uri = URI.create("http://127.0.0.1:" + admin + "/report?top=" + top);
      // With REDIS_URL the fleet's report is in Redis: no server needs to run here.
      Optional<UnansweredReport.Snapshot> fleet =
          port == null
              ? config.redisUrl().flatMap(url -> fromRedis(url, config, err))
              : Optional.empty();
      Optional<String> body = fleet.isPresent() || admin == 0 ? Optional.empty() : ask(uri);
      if (fleet.isPresent()) {
        snapshot = fleet.get();
      } else if (body.isPresent()) {
        snapshot = ReportJson.read(body.get());
      } else if (reportFile.isPresent()) {
        err.println(
            "genai-pitch report: no server answered on 127.0.0.1:"
                + admin
                + "; reading REPORT_FILE "
                + reportFile.get());
        snapshot = fromFile(reportFile.get(), config, err);
      } else if (admin == 0) {
        err.println(
            "genai-pitch report: ADMIN_PORT is 0, so the server's admin port is whatever it printed"
                + " at start-up: pass it with --port (or set REPORT_FILE to read the file).");
        err.flush();
        return NO_SOURCE;
      } else {
        err.println(
            "genai-pitch report: no server answered on 127.0.0.1:"
                + admin
                + " (is `serve` running here, with this ADMIN_PORT? --port sets another)"
                + ", and REPORT_FILE is not set, so there is no file to read either.");
        err.flush();
        return NO_SOURCE;
      }
    }
    if (snapshot == null) {
      return NO_SOURCE;
    }
    if (json) {
      out.print(ReportJson.write(snapshot));
    } else {
      render(snapshot, out);
    }
    out.flush();
    err.flush();
    return 0;
  }

  private UnansweredReport.Snapshot fromFile(Path path, BotConfig config, PrintWriter err)
      throws IOException {
    if (!Files.isRegularFile(path)) {
      err.println(
          "genai-pitch report: "
              + path
              + " does not exist yet (nothing unanswered has been recorded)");
      err.flush();
      return null;
    }
    UnansweredReport report =
        new UnansweredReport(
            Integer.MAX_VALUE, config.report().lowScore(), Clock.systemUTC(), Optional.empty());
    ReportFile.ReadResult read = ReportFile.read(path, report);
    if (read.skipped() > 0) {
      err.println(
          "genai-pitch report: skipped "
              + read.skipped()
              + " lines of "
              + path
              + " that are not report records");
    }
    return report.snapshot(path.toString(), top);
  }

  /** The fleet's report from Redis, or empty (said on {@code err}) when Redis does not answer. */
  private Optional<UnansweredReport.Snapshot> fromRedis(
      URI url, BotConfig config, PrintWriter err) {
    Duration timeout =
        config.redisTimeout().compareTo(CLI_REDIS_TIMEOUT) > 0
            ? config.redisTimeout()
            : CLI_REDIS_TIMEOUT;
    try (SharedRedis redis =
        SharedRedis.connect(url, timeout, SharedRedis.PROBE_EVERY, new SimpleMeterRegistry())) {
      Optional<UnansweredReport.Snapshot> fleet =
          redis.up()
              ? new RedisReport(redis, config.report().capacity(), config.report().lowScore())
                  .snapshot(top, Instant.now())
              : Optional.empty();
      if (fleet.isEmpty()) {
        err.println(
            "genai-pitch report: Redis at "
                + redis.where()
                + " (REDIS_URL) is not answering; asking the server on this machine instead");
      }
      return fleet;
    }
  }

  /** The server's report, or empty when no server listens there. */
  private static Optional<String> ask(URI uri) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("the server at " + uri + " answered " + response.statusCode());
      }
      return Optional.of(response.body());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      return Optional.empty();
    }
  }

  /** The report as a content owner reads it. */
  static void render(UnansweredReport.Snapshot s, PrintWriter out) {
    String source =
        s.source().equals("server")
            ? "the running server (since it started "
                + TIME.format(s.since())
                + " UTC; in memory, the "
                + s.capacity()
                + " most asked distinct questions kept)"
            : s.source().equals(UnansweredReport.REPLICA_ALONE)
                ? "this replica only, since it started "
                    + TIME.format(s.since())
                    + " UTC (Redis is not answering; what is counted meanwhile goes to Redis when"
                    + " it is back)"
                : s.source().startsWith("Redis at ")
                    ? s.source()
                        + ", every replica (since "
                        + TIME.format(s.since())
                        + " UTC; the "
                        + s.capacity()
                        + " most asked distinct questions kept)"
                    : s.source()
                        + (s.questions() > 0 ? " (since " + TIME.format(s.since()) + " UTC)" : "");
    out.printf(
        "Unanswered questions: answered `none` or scoring below %.2f, most asked first%n",
        s.lowScore());
    out.printf("From %s%n", source);
    out.printf(
        "%d asked, %d distinct%s%n%n",
        s.questions(),
        s.distinct(),
        s.dropped() > 0 ? ", " + s.dropped() + " rare ones dropped" : "");
    if (s.unanswered().isEmpty()) {
      out.println("  (none yet)");
    } else {
      out.printf(
          "  %5s  %-16s  %-20s  %s%n", "count", "last seen (UTC)", "last answer", "question");
      for (UnansweredReport.Row r : s.unanswered()) {
        String answer =
            r.lastAnswer().equals("none")
                ? "none"
                : String.format(Locale.ROOT, "%s %.2f", r.lastAnswer(), r.lastScore());
        out.printf(
            "  %5d  %-16s  %-20s  %s%n",
            r.count(), TIME.format(r.lastSeen()), answer, r.question());
      }
    }
    out.println();
    out.println("Helpful? feedback per section");
    if (s.feedback().isEmpty()) {
      out.println("  (none yet)");
    } else {
      out.printf("  %-24s  %6s  %6s%n", "section", "yes 👍", "no 👎");
      for (UnansweredReport.Feedback f : s.feedback()) {
        out.printf("  %-24s  %6d  %6d%n", f.section(), f.helpful(), f.notHelpful());
      }
    }
  }
}
