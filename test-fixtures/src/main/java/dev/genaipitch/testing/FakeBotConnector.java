package dev.genaipitch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback Bot Connector: takes what the bot posts to {@code /v3/conversations/...}, records each
 * request, and can be told to answer the next ones (or all from now on) with an error status,
 * slowly, or not at all.
 */
public final class FakeBotConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int HANG = 0;

  /**
   * One request the bot made.
   *
   * @param path the decoded path (the raw path keeps ids such as {@code 19:abc@thread.skype;
   *     messageid=1} whole)
   * @param conversationId the conversation id from the path
   * @param activity the JSON body, or null for none (or not JSON)
   * @param status what the fake answered; 0 when it never answered
   * @param authorization the Authorization header, or null when it had none
   */
  public record Received(
      String method,
      String path,
      String conversationId,
      JsonNode activity,
      int status,
      String authorization) {

    public boolean delivered() {
      return status == 200;
    }

    /** Every text in the post: its text, summary and the card's text blocks. */
    public String text() {
      StringBuilder out = new StringBuilder();
      collect(activity, out);
      return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
      if (node == null) {
        return;
      }
      if (node.isTextual()) {
        out.append(node.asText()).append('\n');
      }
      node.forEach(child -> collect(child, out));
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> script = new ArrayDeque<>();
  private volatile CountDownLatch released = new CountDownLatch(1);
  private volatile Integer fromNowOn;
  private volatile long slowMillis;

  /** A connector that serves any number of posts at once. */
  public FakeBotConnector() {
    this(Executors.newCachedThreadPool());
  }

  /** A connector that serves {@code threads} posts at once (hung posts hold one each). */
  public FakeBotConnector(int threads) {
    this(Executors.newFixedThreadPool(threads));
  }

  private FakeBotConnector(ExecutorService threads) {
    this.threads = threads;
    server = Loopback.server(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The serviceUrl activities carry. */
  public String serviceUrl() {
    return Loopback.base(server) + "/";
  }

  /** The next {@code times} posts are answered {@code status}. */
  public void answerNext(int status, int times) {
    synchronized (received) {
      for (int i = 0; i < times; i++) {
        script.add(status);
      }
    }
  }

  /** The next {@code times} posts are never answered (until {@link #releaseHung}). */
  public void hangNext(int times) {
    answerNext(HANG, times);
  }

  /** Answers every post with {@code status} from now on. */
  public void refuseWith(int status) {
    fromNowOn = status;
  }

  /** Never answers from now on (until {@link #releaseHung}), as a connector that times out. */
  public void hang() {
    fromNowOn = HANG;
  }

  /** Accepts every post from now on, each after {@code millis}, as a busy connector. */
  public void slow(long millis) {
    slowMillis = millis;
  }

  /** Lets every post hung so far go: each is then closed without an answer. */
  public void releaseHung() {
    CountDownLatch hung = released;
    released = new CountDownLatch(1);
    hung.countDown();
  }

  /** Forgets what was received and what was scripted. */
  public void reset() {
    synchronized (received) {
      received.clear();
      script.clear();
    }
    fromNowOn = null;
    slowMillis = 0;
  }

  /** Every request so far, in order, answered or not. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Posts answered 200: replies that reached the conversation. */
  public List<Received> delivered() {
    return received().stream().filter(Received::delivered).toList();
  }

  /** The messages the bot posted, in order, as a Teams client would show them. */
  public List<SentMessage> replies() {
    return received().stream()
        .filter(r -> r.method().equals("POST"))
        .map(r -> new SentMessage(r.path(), r.authorization(), r.activity()))
        .toList();
  }

  /** Waits until {@code n} requests were made, answered or not. */
  public List<Received> awaitReceived(int n) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (received) {
      while (received.size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected " + n + " posts to the connector, got " + received.size());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(received, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return List.copyOf(received);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    JsonNode activity;
    try {
      activity = body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      activity = null;
    }
    String rawPath = exchange.getRequestURI().getRawPath();
    // /v3/conversations/{id}/activities[/{replyToId}], the id percent-encoded
    String[] parts = rawPath.split("/");
    String conversation =
        parts.length > 3 ? URLDecoder.decode(parts[3], StandardCharsets.UTF_8) : "";
    int status;
    CountDownLatch hung = released;
    synchronized (received) {
      Integer scripted = script.poll();
      Integer always = fromNowOn;
      status = scripted != null ? scripted : always != null ? always : 200;
      received.add(
          new Received(
              exchange.getRequestMethod(),
              URI.create(rawPath).getPath(),
              conversation,
              activity,
              status,
              exchange.getRequestHeaders().getFirst("Authorization")));
      received.notifyAll();
    }
    try (exchange) {
      if (status == HANG) {
        hung.await();
        return;
      }
      long slow = slowMillis;
      if (slow > 0) {
        Thread.sleep(slow);
      }
      byte[] answer =
          (status == 200 ? "{\"id\":\"sent-1\"}" : "{\"error\":{\"code\":\"ServiceError\"}}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    releaseHung();
    server.stop(0);
    threads.shutdownNow();
  }
}
