package dev.genaipitch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * A loopback Bot Connector: takes the replies the bot posts to {@code /v3/conversations/...},
 * records each, and can be told to answer the next ones with an error status or not at all.
 */
final class FakeConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * One post the bot made.
   *
   * @param conversationId from the path
   * @param status what the fake answered; 0 when it never answered
   * @param authorization the post's Authorization header; empty when it had none
   */
  record Received(String conversationId, JsonNode activity, int status, String authorization) {
    boolean delivered() {
      return status == 200;
    }

    /** Every text in the reply: its text, summary and the card's text blocks. */
    String text() {
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

  /**
   * @param threads how many posts it serves at once (hung posts hold one each)
   */
  FakeConnector(int threads) {
    this.threads = Executors.newFixedThreadPool(threads);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(this.threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The serviceUrl activities carry. */
  String serviceUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The next {@code times} posts are answered {@code status}. */
  void answerNext(int status, int times) {
    synchronized (received) {
      for (int i = 0; i < times; i++) {
        script.add(status);
      }
    }
  }

  /** The next {@code times} posts are never answered (until {@link #close}). */
  void hangNext(int times) {
    answerNext(0, times);
  }

  /** Lets every post hung so far go: each is then closed without an answer. */
  void releaseHung() {
    CountDownLatch hung = released;
    released = new CountDownLatch(1);
    hung.countDown();
  }

  void reset() {
    synchronized (received) {
      received.clear();
      script.clear();
    }
  }

  /** Every post so far, in order. */
  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Posts answered 200: replies that reached the conversation. */
  List<Received> delivered() {
    return received().stream().filter(Received::delivered).toList();
  }

  /** Waits until {@code n} posts were made, answered or not. */
  List<Received> awaitReceived(int n) {
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
    // /v3/conversations/{id}/activities[/{replyToId}], the id percent-encoded
    String[] parts = exchange.getRequestURI().getRawPath().split("/");
    String conversation =
        parts.length > 3 ? URLDecoder.decode(parts[3], StandardCharsets.UTF_8) : "";
    int status;
    CountDownLatch hung = released;
    synchronized (received) {
      Integer scripted = script.poll();
      status = scripted == null ? 200 : scripted;
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      received.add(
          new Received(conversation, activity, status, authorization == null ? "" : authorization));
      received.notifyAll();
    }
    if (status == 0) {
      try {
        hung.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] answer =
        (status == 200 ? "{\"id\":\"sent-1\"}" : "{\"error\":{\"code\":\"ServiceError\"}}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Override
  public void close() {
    releaseHung();
    server.stop(0);
    threads.shutdownNow();
  }
}
