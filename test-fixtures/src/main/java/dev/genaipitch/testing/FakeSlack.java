package dev.genaipitch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Slack Web API and response URLs: answers {@code auth.test}, records {@code
 * chat.postMessage}, {@code chat.postEphemeral}, {@code views.publish} and posts to response URLs,
 * and can be told how to answer the next calls of a method: an error status (with {@code
 * Retry-After}), {@code ok:false}, a held answer (until released), or none at all (a hang).
 */
public final class FakeSlack implements AutoCloseable {

  /** The bot's user id, as {@code auth.test} gives it. */
  public static final String BOT_USER = "U0BOT";

  /** How long the {@code await} methods wait before they fail. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  /** Calls to a response URL are recorded under this method name. */
  public static final String RESPONSE_URL = "response_url";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One request the bot made.
   *
   * @param target the channel (chat.postMessage), user (views.publish) or response URL path
   * @param body the request body as sent
   * @param json a response URL's JSON body (null for a Web API call)
   * @param status what the fake answered; 0 for a call it never answered
   */
  public record Call(
      String method,
      String path,
      String target,
      String body,
      Map<String, String> form,
      JsonNode json,
      Map<String, List<String>> headers,
      int status) {

    /**
     * The message it carried, as {@code {"blocks":[...], ...}}: a response_url body, or a
     * postMessage/publish's blocks.
     */
    public JsonNode message() {
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

    /** The words of its blocks, as {@link Blocks#text} reads them. */
    public String text() {
      return Blocks.text(message());
    }

    public String param(String name) {
      return form.get(name);
    }

    public boolean delivered() {
      return status == 200;
    }
  }

  private record Scripted(int status, String retryAfter) {
    static final Scripted HANG = new Scripted(0, null);
  }

  /** An answer computed from the request: its status, Retry-After (or null) and body. */
  public record Answer(int status, String retryAfter, String body) {}

  /** Answers a Web API method from its request headers (e.g. the token it carries). */
  @FunctionalInterface
  public interface Method {
    Answer answer(Map<String, List<String>> headers);
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Deque<Scripted>> script = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private final AtomicInteger responseUrls = new AtomicInteger();
  private final AtomicInteger posted = new AtomicInteger();
  private final List<String> postedTs = new ArrayList<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final Map<String, Method> methods = new ConcurrentHashMap<>();
  private volatile CountDownLatch released = new CountDownLatch(1);
  private volatile String authError;

  /** A fake that serves any number of calls at once. */
  public FakeSlack() {
    this(Executors.newCachedThreadPool());
  }

  /**
   * A fake that serves {@code threads} calls at once (hung calls hold one each), as a busy Slack
   * might.
   */
  public FakeSlack(int threads) {
    this(Executors.newFixedThreadPool(threads));
  }

  private FakeSlack(ExecutorService threads) {
    this.threads = threads;
    server = Loopback.server(threads);
    server.createContext("/api/", this::api);
    server.createContext("/response/", this::responseUrl);
    server.start();
  }

  /** SLACK_API_URL for the bot. */
  public String apiUrl() {
    return base() + "/api/";
  }

  /** The base every URL the bot may call starts with: {@code http://127.0.0.1:PORT}. */
  public String base() {
    return Loopback.base(server);
  }

  /** A fresh response_url, as Slack puts one in every command and interaction. */
  public String newResponseUrl() {
    return base() + "/response/T1/B" + responseUrls.incrementAndGet() + "/s3cr3t";
  }

  /** A response URL for {@code id}, ending in a secret-looking part. */
  public String responseUrl(String id) {
    return base() + "/response/T1/" + id + "/r3sp0nse-s3cret";
  }

  /** Calls of {@code method} are answered by {@code answer} (and recorded with its status). */
  public void handle(String method, Method answer) {
    methods.put(method, answer);
  }

  /**
   * chat.postMessage to {@code channel} answers {@code ok:false} with {@code error} (for example
   * {@code not_in_channel}), as Slack does with HTTP 200.
   */
  public void refuse(String channel, String error) {
    refusals.put(channel, error);
  }

  /** The ts Slack gave each message posted so far, in order. */
  public List<String> postedTs() {
    synchronized (postedTs) {
      return List.copyOf(postedTs);
    }
  }

  /** auth.test answers {@code ok:false} with this error. */
  public void rejectToken(String error) {
    authError = error;
  }

  /**
   * The next call of {@code method} (e.g. {@code chat.postMessage}, {@link #RESPONSE_URL}) gets
   * this status, with {@code Retry-After} when not null.
   */
  public void answerNext(String method, int status, String retryAfter) {
    synchronized (script) {
      script.computeIfAbsent(method, k -> new ArrayDeque<>()).add(new Scripted(status, retryAfter));
    }
  }

  /**
   * The next call of {@code method} is never answered (until {@link #releaseHung} or {@link
   * #close}): the bot's client times out.
   */
  public void hangNext(String method) {
    synchronized (script) {
      script.computeIfAbsent(method, k -> new ArrayDeque<>()).add(Scripted.HANG);
    }
  }

  /** Lets every call hung so far go: each is then closed without an answer. */
  public void releaseHung() {
    CountDownLatch hung = released;
    released = new CountDownLatch(1);
    hung.countDown();
  }

  /** Calls of {@code method} wait until {@link #release} (then are answered as usual). */
  public void hold(String method) {
    holds.put(method, new CountDownLatch(1));
  }

  public void release(String method) {
    CountDownLatch latch = holds.remove(method);
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Forgets calls and scripted answers. */
  public void reset() {
    synchronized (calls) {
      calls.clear();
    }
    synchronized (script) {
      script.clear();
    }
  }

  /** Every call of {@code method} so far, in order, failed and hung ones included. */
  public List<Call> calls(String method) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.method().equals(method)).toList();
    }
  }

  /** Every call except auth.test: what the bot sent. */
  public List<Call> sent() {
    synchronized (calls) {
      return calls.stream().filter(c -> !c.method().equals("auth.test")).toList();
    }
  }

  /** Calls of {@code method} answered 200: what reached Slack. */
  public List<Call> delivered(String method) {
    return calls(method).stream().filter(Call::delivered).toList();
  }

  /** Waits until {@code n} calls of {@code method} were answered 200, and returns them. */
  public List<Call> awaitDelivered(String method, int n) {
    return await(method, n, true);
  }

  /** Waits for a delivered call of {@code method} and returns the last one. */
  public Call awaitDelivered(String method) {
    List<Call> all = awaitDelivered(method, 1);
    return all.get(all.size() - 1);
  }

  /**
   * Waits until {@code n} calls of {@code method} were made (answered or not), and returns them
   * all.
   */
  public List<Call> awaitCalls(String method, int n) {
    return await(method, n, false);
  }

  /**
   * Waits for a call of {@code method} to {@code target} (a channel, user or response URL path).
   */
  public Call awaitCallTo(String method, String target) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (calls) {
      while (true) {
        for (Call call : calls) {
          if (call.method().equals(method) && call.target().equals(target)) {
            return call;
          }
        }
        waitForCalls(deadline, () -> "no " + method + " to " + target);
      }
    }
  }

  private List<Call> await(String method, int n, boolean delivered) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (calls) {
      while ((delivered ? delivered(method) : calls(method)).size() < n) {
        waitForCalls(
            deadline,
            () ->
                "expected "
                    + n
                    + (delivered ? " delivered " : " calls of ")
                    + method
                    + "; calls so far: "
                    + calls.stream().map(c -> c.method() + "=" + c.status()).toList());
      }
      return delivered ? delivered(method) : calls(method);
    }
  }

  /** Waits (holding {@code calls}' monitor) for the next call, or fails at {@code deadline}. */
  private void waitForCalls(long deadline, java.util.function.Supplier<String> failure) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new AssertionError(failure.get());
    }
    try {
      TimeUnit.NANOSECONDS.timedWait(calls, left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void api(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = path.substring("/api/".length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> form = form(body);
    Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
    String target = form.getOrDefault("channel", form.getOrDefault("user_id", ""));
    Method custom = methods.get(method);
    if (custom != null) {
      Answer answer = custom.answer(headers);
      record(new Call(method, path, target, body, form, null, headers, answer.status()));
      reply(exchange, answer.status(), answer.retryAfter(), answer.body());
      return;
    }
    if (method.equals("auth.test")) {
      String error = authError;
      record(new Call(method, path, target, body, form, null, headers, 200));
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
      record(new Call(method, path, target, body, form, null, headers, 200));
      reply(exchange, 200, null, "{\"ok\":false,\"error\":\"" + refused + "\"}");
      return;
    }
    String ts = "1700000100." + String.format(Locale.ROOT, "%06d", posted.incrementAndGet());
    if (method.equals("chat.postMessage")) {
      synchronized (postedTs) {
        postedTs.add(ts);
      }
    }
    answer(
        exchange,
        new Call(method, path, target, body, form, null, headers, 200),
        "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}");
  }

  private void responseUrl(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      json = JSON.getNodeFactory().textNode(body);
    }
    answer(
        exchange,
        new Call(
            RESPONSE_URL,
            path,
            path,
            body,
            Map.of(),
            json,
            Map.copyOf(exchange.getRequestHeaders()),
            200),
        "{\"ok\":true}");
  }

  /** Answers {@code call} as scripted (held, hung, an error status) or with {@code okBody}. */
  private void answer(HttpExchange exchange, Call call, String okBody) throws IOException {
    CountDownLatch hold = holds.get(call.method());
    if (hold != null) {
      try {
        hold.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Scripted scripted;
    synchronized (script) {
      Deque<Scripted> queue = script.get(call.method());
      scripted = queue == null ? null : queue.poll();
    }
    if (scripted == Scripted.HANG) {
      CountDownLatch hung = released;
      record(withStatus(call, 0));
      try {
        hung.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    int status = scripted == null ? 200 : scripted.status();
    record(withStatus(call, status));
    if (status == 200) {
      reply(exchange, 200, null, okBody);
    } else {
      reply(
          exchange,
          status,
          scripted.retryAfter(),
          status == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "server error");
    }
  }

  private static Call withStatus(Call call, int status) {
    return new Call(
        call.method(),
        call.path(),
        call.target(),
        call.body(),
        call.form(),
        call.json(),
        call.headers(),
        status);
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

  /** A Web API call's form fields (none for a JSON body); a malformed escape is kept as sent. */
  private static Map<String, String> form(String body) {
    Map<String, String> map = new LinkedHashMap<>();
    if (body.isEmpty() || body.startsWith("{")) {
      return map;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      map.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
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
    holds.values().forEach(CountDownLatch::countDown);
    releaseHung();
    server.stop(0);
    threads.shutdownNow();
  }
}
