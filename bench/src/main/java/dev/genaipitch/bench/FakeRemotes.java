package dev.genaipitch.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * What the bot talks to, on loopback in the load generator's process: a fake Slack Web API ({@code
 * /api/auth.test} and any other method answer ok) and a fake Bot Connector that accepts replies
 * ({@code POST /v3/conversations/{id}/activities/{replyToId}}) and records, for each reply, the
 * time from the intended start of the activity that caused it to the reply's arrival. Same process,
 * same {@link System#nanoTime} clock as the generator.
 */
final class FakeRemotes implements AutoCloseable {

  private static final byte[] AUTH_TEST =
      ("{\"ok\":true,\"url\":\"https://bench.example.invalid/\",\"team\":\"Bench\","
           + "\"user\":\"genai-pitch\",\"team_id\":\"T0BENCH\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
  private static final String REPLY_PATH = "/v3/conversations/";

  private final Server server;
  private final ServerConnector connector;
  private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
  private volatile Recorder replies = newRecorder();
  private final AtomicLong authTests = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final AtomicLong replyCount = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile boolean keepReplies;
  private volatile String lastReply = "";

  FakeRemotes() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 8);
    threads.setName("fake-remote");
    server = new Server(threads);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            if (path.startsWith(REPLY_PATH)) {
              // Arrival is when the request line and headers are in: the body's transfer is the
              // bot's cost too, but tiny.
              long arrived = System.nanoTime();
              int now = inFlight.incrementAndGet();
              maxInFlight.accumulateAndGet(now, Math::max);
              String body = drain(request);
              inFlight.decrementAndGet();
              if (keepReplies) {
                lastReply = body;
              }
              int slash = path.lastIndexOf('/');
              Long intended = pending.remove(path.substring(slash + 1));
              if (intended != null) {
                replies.recordValue(Math.max(1, (arrived - intended) / 1_000));
                replyCount.incrementAndGet();
              } else {
                unexpected.incrementAndGet();
              }
              respond(
                  response,
                  callback,
                  ("{\"id\":\"reply-" + replyCount.get() + "\"}").getBytes(StandardCharsets.UTF_8));
              return true;
            }
            drain(request);
            if (path.equals("/api/auth.test")) {
              authTests.incrementAndGet();
              respond(response, callback, AUTH_TEST);
              return true;
            }
            if (path.startsWith("/api/")) {
              respond(response, callback, OK);
              return true;
            }
            unexpected.incrementAndGet();
            response.setStatus(HttpStatus.NOT_FOUND_404);
            callback.succeeded();
            return true;
          }
        });
    server.start();
  }

  /**
   * Reads the whole body before answering: answering first leaves its tail to be parsed as the next
   * request.
   */
  private static String drain(Request request) {
    try {
      return Content.Source.asString(request, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      // the bot's connection broke; the reply still arrived
      return "";
    }
  }

  private static void respond(Response response, Callback callback, byte[] body) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, java.nio.ByteBuffer.wrap(body), callback);
  }

  private static Recorder newRecorder() {
    return new Recorder(3);
  }

  int port() {
    return connector.getLocalPort();
  }

  /** The fake Slack Web API, for SLACK_API_URL. */
  String slackApiUrl() {
    return "http://127.0.0.1:" + port() + "/api/";
  }

  /** The fake connector, for activities' serviceUrl. */
  String serviceUrl() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /**
   * Registers that a reply to activity {@code id} is expected; its latency counts from {@code
   * intendedNanos}.
   */
  void expectReply(String id, long intendedNanos) {
    pending.put(id, intendedNanos);
  }

  /** Reply latencies (µs) since the last call, and forgets them. */
  org.HdrHistogram.Histogram takeReplyLatencies() {
    return replies.getIntervalHistogram();
  }

  /** Replies still awaited, and forgets them: each is a reply that never came. */
  int dropPending() {
    int n = pending.size();
    pending.clear();
    return n;
  }

  /**
   * The most replies the connector had in flight at once since the last call (the bot's send
   * concurrency).
   */
  int takeMaxInFlight() {
    return maxInFlight.getAndSet(0);
  }

  /**
   * Forgets replies awaited for longer than {@code ageNanos}, and returns how many: replies that
   * never came.
   */
  int dropOlderThan(long ageNanos) {
    long cutoff = System.nanoTime() - ageNanos;
    int[] dropped = {0};
    pending
        .entrySet()
        .removeIf(
            e -> {
              boolean old = e.getValue() < cutoff;
              if (old) {
                dropped[0]++;
              }
              return old;
            });
    return dropped[0];
  }

  /** Keeps the body of the latest reply from now on (for {@link PeerFixtures}). */
  void keepReplies() {
    keepReplies = true;
  }

  /** The body of the latest reply since {@link #keepReplies()}, or "". */
  String lastReply() {
    return lastReply;
  }

  int pendingCount() {
    return pending.size();
  }

  long authTests() {
    return authTests.get();
  }

  /**
   * Requests the fakes did not expect (a reply to an unknown or already answered activity, a wrong
   * path).
   */
  long unexpected() {
    return unexpected.get();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
