package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Slack Web API: answers {@code auth.test}, records {@code chat.postMessage}, {@code
 * chat.postEphemeral}, {@code views.publish} and posts to response URLs, and can be told to fail or
 * to hold a call.
 */
final class FakeSlack implements AutoCloseable {

  static final String BOT_USER = "U0BOT";
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request the bot made. */
  record Call(
      String method,
      String path,
      Map<String, String> form,
      JsonNode json,
      Map<String, List<String>> headers,
      int status) {

    /**
     * The message it carried, as {@code {"blocks":[...], ...}}: a response_url body, or a
     * postMessage/publish's blocks.
     */
    JsonNode message() {
      if (json != null) {
        return json;
      }
      try {
        if (form.containsKey("blocks")) {
          ObjectNode node = JSON.createObjectNode();
          node.set("blocks", JSON.readTree(form.get("blocks")));
          node.put("text", form.getOrDefault("text", ""));
          return node;
        }
        if (form.containsKey("view")) {
          return JSON.readTree(form.get("view"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return JSON.createObjectNode();
    }

    String text() {
      return Blocks.text(message());
    }

    String param(String name) {
      return form.get(name);
    }

    boolean delivered() {
      return status == 200;
    }
  }

  private record Scripted(int status, String retryAfter) {}

  /** An answer computed from the request: its status, Retry-After (or null) and body. */
  record Answer(int status, String retryAfter, String body) {}

  /** Answers a Web API method from its request headers (e.g. the token it carries). */
  @FunctionalInterface
  interface Method {
    Answer answer(Map<String, List<String>> headers);
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Deque<Scripted>> script = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private final AtomicInteger responseUrls = new AtomicInteger();
  private final AtomicInteger posted = new AtomicInteger();
  private final List<String> postedTs = new ArrayList<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final Map<String, Method> methods = new ConcurrentHashMap<>();
  private volatile String authError;

  FakeSlack() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/api/", this::api);
    server.createContext("/response/", this::responseUrl);
    server.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /** A fresh response_url, as Slack puts one in every command and interaction. */
  String newResponseUrl() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/response/T1/B"
        + responseUrls.incrementAndGet()
        + "/s3cr3t";
  }

  /** Calls of {@code method} are answered by {@code answer} (and recorded with its status). */
  void handle(String method, Method answer) {
    methods.put(method, answer);
  }

  /**
   * chat.postMessage to {@code channel} answers {@code ok:false} with {@code error} (for example
   * {@code not_in_channel}), as Slack does with HTTP 200.
   */
  void refuse(String channel, String error) {
    refusals.put(channel, error);
  }

  /** The ts Slack gave each message posted so far, in order. */
  List<String> postedTs() {
    synchronized (postedTs) {
      return List.copyOf(postedTs);
    }
  }

  /** auth.test answers {@code ok:false} with this error. */
  void rejectToken(String error) {
    authError = error;
  }

  /**
   * The next call of {@code method} (e.g. {@code chat.postMessage}, {@code response_url}) gets this
   * status.
   */
  void answerNext(String method, int status, String retryAfter) {
    script.computeIfAbsent(method, k -> new ArrayDeque<>()).add(new Scripted(status, retryAfter));
  }

  /** Calls of {@code method} wait until {@link #release}. */
  void hold(String method) {
    holds.put(method, new CountDownLatch(1));
  }

  void release(String method) {
    CountDownLatch latch = holds.remove(method);
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Every call of {@code method} so far, failed ones included. */
  List<Call> calls(String method) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.method().equals(method)).toList();
    }
  }

  /** Every call except auth.test. */
  List<Call> sent() {
    synchronized (calls) {
      return calls.stream().filter(c -> !c.method().equals("auth.test")).toList();
    }
  }

  List<Call> delivered(String method) {
    return calls(method).stream().filter(Call::delivered).toList();
  }

  /** Waits until {@code n} calls of {@code method} were answered 200, and returns them. */
  List<Call> awaitDelivered(String method, int n) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (calls) {
      while (delivered(method).size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + n
                  + " delivered "
                  + method
                  + " but got "
                  + delivered(method).size()
                  + "; all calls: "
                  + calls.stream().map(c -> c.method() + "=" + c.status()).toList());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(calls, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return delivered(method);
    }
  }

  Call awaitDelivered(String method) {
    List<Call> all = awaitDelivered(method, 1);
    return all.get(all.size() - 1);
  }

  private void api(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    Method custom = methods.get(method);
    if (custom != null) {
      Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
      Answer answer = custom.answer(headers);
      record(
          new Call(
              method, exchange.getRequestURI().getPath(), form, null, headers, answer.status()));
      reply(exchange, answer.status(), answer.retryAfter(), answer.body());
      return;
    }
    if (method.equals("auth.test")) {
      String error = authError;
      record(
          new Call(
              method,
              exchange.getRequestURI().getPath(),
              form,
              null,
              Map.copyOf(exchange.getRequestHeaders()),
              200));
      reply(
          exchange,
          200,
          null,
          error == null
              ? "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"genai-pitch\","
                    + "\"team_id\":\"T1\",\"user_id\":\""
                  + BOT_USER
                  + "\",\"bot_id\":\"B0BOT\"}"
              : "{\"ok\":false,\"error\":\"" + error + "\"}");
      return;
    }
    String channel = form.getOrDefault("channel", "C1").replaceAll("[^A-Z0-9]", "");
    String refused = method.equals("chat.postMessage") ? refusals.get(channel) : null;
    if (refused != null) {
      record(
          new Call(
              method,
              exchange.getRequestURI().getPath(),
              form,
              null,
              Map.copyOf(exchange.getRequestHeaders()),
              200));
      reply(exchange, 200, null, "{\"ok\":false,\"error\":\"" + refused + "\"}");
      return;
    }
    String ts =
        "1700000100." + String.format(java.util.Locale.ROOT, "%06d", posted.incrementAndGet());
    if (method.equals("chat.postMessage")) {
      synchronized (postedTs) {
        postedTs.add(ts);
      }
    }
    answer(
        exchange,
        method,
        form,
        null,
        "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}");
  }

  private void responseUrl(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    JsonNode json = JSON.readTree(body);
    answer(exchange, "response_url", Map.of(), json, "{\"ok\":true}");
  }

  private void answer(
      HttpExchange exchange, String method, Map<String, String> form, JsonNode json, String okBody)
      throws IOException {
    CountDownLatch hold = holds.get(method);
    if (hold != null) {
      try {
        hold.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Deque<Scripted> queue = script.get(method);
    Scripted scripted;
    synchronized (script) {
      scripted = queue == null ? null : queue.poll();
    }
    int status = scripted == null ? 200 : scripted.status();
    record(
        new Call(
            method,
            exchange.getRequestURI().getPath(),
            form,
            json,
            Map.copyOf(exchange.getRequestHeaders()),
            status));
    if (status == 200) {
      reply(exchange, 200, null, okBody);
    } else {
      reply(
          exchange,
          status,
          scripted.retryAfter(),
          status == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "oops");
    }
  }

  private void record(Call call) {
    synchronized (calls) {
      calls.add(call);
      calls.notifyAll();
    }
  }

  private static void reply(HttpExchange exchange, int status, String retryAfter, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> map = new LinkedHashMap<>();
    if (body.isEmpty() || body.startsWith("{")) {
      return map;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      map.put(key, value);
    }
    return map;
  }

  @Override
  public void close() {
    holds.values().forEach(CountDownLatch::countDown);
    server.stop(0);
    threads.shutdownNow();
  }
}
