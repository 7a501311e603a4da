package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback Bot Connector: accepts (or refuses, or never answers) what the bot posts to {@code
 * /v3/conversations/...} and records each request.
 */
final class FakeBotConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request the bot made. */
  record Request(String method, String path, String authorization, JsonNode body) {}

  private enum Mode {
    ACCEPT,
    REFUSE,
    HANG,
    SLOW
  }

  private final HttpServer server;
  // The Bot Framework client blocks while it sends: the server needs its own threads (pitfall 2).
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Mode mode = Mode.ACCEPT;
  private volatile int refusalStatus;
  private volatile long slowMillis;

  FakeBotConnector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The serviceUrl to put in activities. */
  String serviceUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Answers every request with {@code status} from now on. */
  void refuseWith(int status) {
    refusalStatus = status;
    mode = Mode.REFUSE;
  }

  /** Accepts every request from now on, each after {@code millis}, as a busy connector. */
  void slow(long millis) {
    slowMillis = millis;
    mode = Mode.SLOW;
  }

  /** Never answers (until closed), as a connector that times out. */
  void hang() {
    mode = Mode.HANG;
  }

  /** Everything the bot posted, in order. */
  List<Request> requests() {
    return new ArrayList<>(received);
  }

  /** The messages the bot sent, in order. */
  List<SentMessage> replies() {
    return received.stream().filter(r -> r.method().equals("POST")).map(SentMessage::new).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      JsonNode json = body.length == 0 ? null : JSON.readTree(body);
      // The raw path keeps the encoding of ids such as "19:abc@thread.skype;messageid=1".
      String path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
      received.add(
          new Request(
              exchange.getRequestMethod(),
              path,
              exchange.getRequestHeaders().getFirst("Authorization"),
              json));
      switch (mode) {
        case HANG -> {
          released.await();
          exchange.sendResponseHeaders(500, -1);
        }
        case REFUSE -> exchange.sendResponseHeaders(refusalStatus, -1);
        case ACCEPT, SLOW -> {
          if (mode == Mode.SLOW) {
            Thread.sleep(slowMillis);
          }
          byte[] answer = "{\"id\":\"sent-1\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
