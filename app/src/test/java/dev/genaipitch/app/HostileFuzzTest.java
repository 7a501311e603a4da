package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.genaipitch.testing.MutableClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A seeded fuzzer against the assembled service: {@value #REQUESTS} random and mutated requests
 * (after a warm-up of {@value #WARM_UP}) to both endpoints, four at a time over kept-alive
 * connections (see {@link Fuzzer} for what it sends). Never a 5xx; no thread or heap growth from
 * the warm-up to the end; and afterwards the bot still answers Slack and Teams correctly.
 *
 * <p>The seed is {@code -Dfuzz.seed} (default {@value #DEFAULT_SEED}) and is printed with every
 * failure. {@code -Dfuzz.only=12,345} replays only those requests; {@code -Dfuzz.requests=N}
 * changes the count.
 */
public final class HostileFuzzTest {

  static final long DEFAULT_SEED = 20_250_601L;
  static final int WARM_UP = 500;
  static final int REQUESTS = 10_000;
  private static final int CONCURRENCY = Integer.getInteger("fuzz.concurrency", 4);
  private static final int RAW_TIMEOUT_MS = 15_000;

  /** The server's MAX_BODY_BYTES, its default. */
  private static final int MAX_BODY_BYTES = 1 << 20;

  /** Threads the JVM may gain between the warm-up and the end (pools at rest, timers). */
  private static final int THREAD_SLACK = 8;

  /**
   * Heap the service may keep after GC (bounded caches filling: seen events, the report, metrics).
   */
  private static final long HEAP_SLACK = 48L << 20;

  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly";

  private static final long SEED = Long.getLong("fuzz.seed", DEFAULT_SEED);
  private static final int COUNT = Integer.getInteger("fuzz.requests", REQUESTS);

  private static ExecutorService clientThreads;
  private static MutableClock clock;
  private static RunningService running;
  private static Fuzzer fuzzer;

  @BeforeAll
  static void start() throws Exception {
    clientThreads = Executors.newFixedThreadPool(CONCURRENCY);
    clock = MutableClock.at("2025-06-01T12:00:00Z");
    running =
        RunningService.builder()
            .clock(clock)
            .fakeThreads(CONCURRENCY * 2)
            .clientExecutor(clientThreads)
            .start();
    fuzzer =
        new Fuzzer(
            SEED,
            running.port(),
            running.slackApi.base(),
            running.connector.serviceUrl(),
            clock.instant().getEpochSecond(),
            running.slack,
            running.teams);
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
    clientThreads.shutdownNow();
  }

  @Test
  void randomAndMutatedRequests_neverGetA5xx_leakNothing_andTheBotStillAnswers() throws Exception {
    String only = System.getProperty("fuzz.only", "");
    Logger ours = (Logger) LoggerFactory.getLogger("dev.genaipitch");
    Level level = ours.getLevel();
    // Thousands of refusals are logged at INFO; keep CI output small. Warnings and errors still
    // count.
    ours.setLevel(Level.WARN);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ProblemAppender problemsLogged = new ProblemAppender();
    problemsLogged.start();
    root.addAppender(problemsLogged);
    try {
      Outcome outcome;
      if (!only.isBlank()) {
        outcome =
            run(
                Arrays.stream(only.split(","))
                    .map(String::strip)
                    .mapToInt(Integer::parseInt)
                    .toArray());
      } else {
        Outcome warmUp = run(IntStream.range(0, WARM_UP).toArray());
        assertThat(warmUp.failures).as(warmUp.report("warm-up")).isEmpty();
        long threadsBefore = threads();
        long heapBefore = heapAfterGc();

        outcome = run(IntStream.range(WARM_UP, WARM_UP + COUNT).toArray());
        System.out.println(warmUp.report("warm-up"));
        System.out.println(outcome.report("run"));

        long threadsAfter = threads();
        long heapAfter = heapAfterGc();
        assertThat(outcome.failures).as(outcome.report("run")).isEmpty();
        assertThat(threadsAfter)
            .as("live threads after the run (%d before); %s", threadsBefore, seed())
            .isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
        assertThat(heapAfter - heapBefore)
            .as("heap growth after GC, bytes (%d MiB before); %s", heapBefore >> 20, seed())
            .isLessThan(HEAP_SLACK);
      }
      assertThat(outcome.failures).as(outcome.report("run")).isEmpty();
      assertThat(problemsLogged.problems())
          .as("errors and stack traces logged while fuzzing; %s", seed())
          .isEmpty();
    } finally {
      root.detachAppender(problemsLogged);
      ours.setLevel(level);
    }

    Wire.Reply slack = running.slack.command("do we need both?");
    assertThat(slack.status()).isEqualTo(200);
    assertThat(slack.body()).contains(NEED_BOTH);
    running.connector.reset();
    assertThat(running.teams.post(running.teams.personal("do we need both?")).status())
        .isEqualTo(200);
    assertThat(running.connector.delivered())
        .singleElement()
        .satisfies(reply -> assertThat(reply.text()).contains(NEED_BOTH));
  }

  /** What a run came to: statuses seen, and every request that failed. */
  private static final class Outcome {
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    long millis;
    int requests;

    void count(int status) {
      statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    String report(String phase) {
      Map<Integer, Long> seen = new TreeMap<>();
      statuses.forEach((k, v) -> seen.put(k, v.sum()));
      List<String> shown = failures.stream().limit(25).toList();
      return phase
          + ": "
          + requests
          + " requests in "
          + millis
          + " ms, statuses "
          + seen
          + "; "
          + seed()
          + (failures.isEmpty()
              ? ""
              : "; "
                  + failures.size()
                  + " failed (rerun one with -Dfuzz.only=INDEX):\n  "
                  + String.join("\n  ", shown));
    }
  }

  private static Outcome run(int[] indices) throws Exception {
    Outcome outcome = new Outcome();
    outcome.requests = indices.length;
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < CONCURRENCY; w++) {
        workers.add(
            senders.submit(
                () -> {
                  for (int k = next.getAndIncrement();
                      k < indices.length;
                      k = next.getAndIncrement()) {
                    send(fuzzer.generate(indices[k]), outcome);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
    } finally {
      senders.shutdownNow();
      senders.awaitTermination(10, TimeUnit.SECONDS);
    }
    outcome.millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    return outcome;
  }

  private static void send(Fuzzer.Request request, Outcome outcome) {
    int status;
    String body = "";
    try {
      if (request.isRaw()) {
        status = Fuzzer.sendRaw(running.port(), request.raw(), RAW_TIMEOUT_MS);
      } else {
        HttpRequest http;
        try {
          http =
              running.wire.request(
                  request.method(), request.path(), request.body(), request.headers());
        } catch (IllegalArgumentException e) {
          outcome.count(-1);
          return; // the JDK client refuses to send it at all (a method or header it forbids)
        }
        HttpResponse<String> response =
            running.wire.client().send(http, HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        body = response.body();
      }
    } catch (IOException e) {
      // The server may answer early and close while a large body is still being sent.
      if (e instanceof java.net.http.HttpTimeoutException
          || e instanceof java.net.SocketTimeoutException) {
        status = -2;
        outcome.failures.add(line(request, "no answer within the timeout", ""));
      } else {
        status = 0;
        if (!refusedUnread(request)) {
          outcome.failures.add(
              line(request, "connection closed without an answer (" + e.getMessage() + ")", ""));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    outcome.count(status);
    if (status == 505 && request.isRaw() && !speaksHttp1(request.raw())) {
      // Jetty's parser answers a request line without HTTP/1.x (HTTP/0.9, an HTTP/2 preface)
      // "505 HTTP Version Not Supported" before any handler runs: the status RFC 9110 names for it.
      return;
    }
    if (status >= 500) {
      outcome.failures.add(line(request, "HTTP " + status, body));
    } else if (status >= 400 && body.contains("\tat ")) {
      outcome.failures.add(line(request, "stack trace in a " + status, body));
    }
  }

  /**
   * Whether the server may answer this request before reading all of it: a body over what the
   * server discards after a refusal (four times MAX_BODY_BYTES). Every other body is read to its
   * end, before the answer or after it (a 413, a path Jetty refuses as ambiguous, {@code %2F}), or
   * dropped as it arrives after Jetty's parser refused the request (headers or a request line over
   * 8 KiB: the server's lingering close), so that its answer cannot be lost to a reset connection;
   * any other request that gets no answer is a failure. (Before the edge, any body over 16 KiB was
   * excused: answered unread, it lost its answer to a reset whenever the machine was busy; until
   * the refusals were drained, so were bodies over MAX_BODY_BYTES and bodies sent to an ambiguous
   * path; until the lingering close, so were requests with headers over 8 KiB.)
   */
  private static boolean refusedUnread(Fuzzer.Request request) {
    return request.size() > 4L * MAX_BODY_BYTES;
  }

  /** Whether the request line ends in HTTP/1.0 or HTTP/1.1. */
  private static boolean speaksHttp1(byte[] raw) {
    String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n");
    String requestLine = end < 0 ? text : text.substring(0, end);
    return requestLine.endsWith(" HTTP/1.1") || requestLine.endsWith(" HTTP/1.0");
  }

  private static String line(Fuzzer.Request request, String what, String body) {
    return "#"
        + request.index()
        + " "
        + what
        + " for "
        + request.description()
        + " ("
        + request.size()
        + " bytes)"
        + (body.isEmpty() ? "" : ": " + Verdicts.abbreviate(body.replace('\n', ' ')));
  }

  private static String seed() {
    return "fuzz seed " + SEED + " (-Dfuzz.seed=" + SEED + ")";
  }

  /**
   * Keeps the first few distinct errors and stack traces logged, and nothing else (the run logs
   * thousands of lines).
   */
  private static final class ProblemAppender extends AppenderBase<ILoggingEvent> {
    private final java.util.Set<String> problems = new java.util.LinkedHashSet<>();

    @Override
    protected void append(ILoggingEvent e) {
      if ((e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
          && problems.size() < 20) {
        problems.add(describe(e));
      }
    }

    synchronized List<String> problems() {
      return List.copyOf(problems);
    }
  }

  private static String describe(ILoggingEvent e) {
    String message = e.getFormattedMessage();
    return e.getLevel()
        + " "
        + e.getLoggerName()
        + " - "
        + (message.length() > 200 ? message.substring(0, 200) + "…" : message)
        + (e.getThrowableProxy() == null
            ? ""
            : " "
                + e.getThrowableProxy().getClassName()
                + ": "
                + e.getThrowableProxy().getMessage());
  }

  private static long threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
