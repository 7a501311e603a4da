package dev.genaipitch.app;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback Slack for the assembled service: the Web API ({@code auth.test}, {@code
 * chat.postMessage}, {@code views.publish}) and response URLs. It records every call and can be
 * told how to answer the next calls of a method: an error status (with {@code Retry-After}), or
 * never (a hang, until released or closed).
 */
final class FakeSlackApi implements AutoCloseable {

  static final String BOT_USER = "U0BOT";
  static final Duration WAIT = Duration.ofSeconds(10);

  /** Methods as recorded: Web API method names, and this for posts to a response URL. */
  static final String RESPONSE_URL = "response_url";

  /**
   * One call the bot made.
   *
   * @param target the channel (chat.postMessage), user (views.publish) or response URL path
   * @param status what the fake answered; 0 for a call it never answered
   */
  record Call(String method, String target, String body, int status) {
    boolean delivered() {
      return status == 200;
    }

    /** A Web API call's form fields (empty for a response URL's JSON). */
    Map<String, String> form() {
      return method.equals(RESPONSE_URL) ? Map.of() : FakeSlackApi.form(body);
    }
  }

  private record Fault(int status, String retryAfter) {
    static final Fault HANG = new Fault(0, null);
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private volatile CountDownLatch released = new CountDownLatch(1);

  /**
   * @param threads how many calls it serves at once (hung calls hold one each)
   */
  FakeSlackApi(int threads) {
    this.threads = Executors.newFixedThreadPool(threads);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(this.threads);
    server.createContext("/api/", this::api);
    server.createContext("/response/", this::responseUrl);
    server.start();
  }

  /** SLACK_API_URL for the bot. */
  String apiUrl() {
    return base() + "/api/";
  }

  /**
   * A response URL as Slack puts one in each command and interaction, ending in a secret-looking
   * part.
   */
  String responseUrl(String id) {
    return base() + "/response/T1/" + id + "/r3sp0nse-s3cret";
  }

  /** The base every URL the bot may call starts with: {@code http://127.0.0.1:PORT/}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The next call of {@code method} is answered {@code status}, with {@code Retry-After} when not
   * null.
   */
  void answerNext(String method, int status, String retryAfter) {
    synchronized (calls) {
      faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Fault(status, retryAfter));
    }
  }

  /**
   * The next call of {@code method} is never answered (until {@link #close}): the bot's client
   * times out.
   */
  void hangNext(String method) {
    synchronized (calls) {
      faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(Fault.HANG);
    }
  }

  /** Lets every call hung so far go: each is then closed without an answer. */
  void releaseHung() {
    CountDownLatch hung = released;
    released = new CountDownLatch(1);
    hung.countDown();
  }

  /** Forgets calls and scripted answers. */
  void reset() {
    synchronized (calls) {
      calls.clear();
      faults.clear();
    }
  }

  /** Every call of {@code method}, in order, failed and hung ones included. */
  List<Call> calls(String method) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.method().equals(method)).toList();
    }
  }

  /** Every call but auth.test: what the bot sent. */
  List<Call> sent() {
    synchronized (calls) {
      return calls.stream().filter(c -> !c.method().equals("auth.test")).toList();
    }
  }

  /** Calls of {@code method} answered 200: what reached Slack. */
  List<Call> delivered(String method) {
    return calls(method).stream().filter(Call::delivered).toList();
  }

  /**
   * Waits until {@code n} calls of {@code method} were made (answered or not), and returns them
   * all.
   */
  List<Call> awaitCalls(String method, int n) {
    return await(method, n, false);
  }

  /**
   * Waits for a call of {@code method} to {@code target} (a channel, user or response URL path).
   */
  Call awaitCallTo(String method, String target) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (calls) {
      while (true) {
        for (Call call : calls) {
          if (call.method().equals(method) && call.target().equals(target)) {
            return call;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + method + " to " + target);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(calls, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** Waits until {@code n} calls of {@code method} were answered 200, and returns them. */
  List<Call> awaitDelivered(String method, int n) {
    return await(method, n, true);
  }

  private List<Call> await(String method, int n, boolean delivered) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (calls) {
      while ((delivered ? delivered(method) : calls(method)).size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + n
                  + (delivered ? " delivered " : " calls of ")
                  + method
                  + "; calls so far: "
                  + calls.stream().map(c -> c.method() + "=" + c.status()).toList());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(calls, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return delivered ? delivered(method) : calls(method);
    }
  }

  private void api(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (method.equals("auth.test")) {
      record(new Call(method, "", "", 200));
      reply(
          exchange,
          200,
          null,
          "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"genai-pitch\","
              + "\"team_id\":\"T1\",\"user_id\":\""
              + BOT_USER
              + "\",\"bot_id\":\"B0BOT\"}");
      return;
    }
    Map<String, String> form = form(body);
    String target = form.getOrDefault("channel", form.getOrDefault("user_id", ""));
    answer(
        exchange,
        method,
        target,
        body,
        "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000200\"}");
  }

  private void responseUrl(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    answer(exchange, RESPONSE_URL, exchange.getRequestURI().getPath(), body, "{\"ok\":true}");
  }

  private void answer(HttpExchange exchange, String method, String target, String body, String ok)
      throws IOException {
    Fault fault;
    synchronized (calls) {
      Deque<Fault> queue = faults.get(method);
      fault = queue == null ? null : queue.poll();
    }
    if (fault == Fault.HANG) {
      CountDownLatch hung = released;
      record(new Call(method, target, body, 0));
      try {
        hung.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    int status = fault == null ? 200 : fault.status();
    record(new Call(method, target, body, status));
    if (status == 200) {
      reply(exchange, 200, null, ok);
    } else {
      reply(
          exchange,
          status,
          fault.retryAfter(),
          status == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "server error");
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
    Map<String, String> map = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        map.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return map;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override
  public void close() {
    releaseHung();
    server.stop(0);
    threads.shutdownNow();
  }
}
