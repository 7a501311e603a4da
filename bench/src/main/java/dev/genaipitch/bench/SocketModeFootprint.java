package dev.genaipitch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * What Slack Socket Mode adds to a server: starts {@code ./genai-pitch serve} (the launcher, its
 * own JVM flags) against a loopback Slack (Web API and Socket Mode server), once over Socket Mode
 * and once with Slack over the Request URL, and reports each one's time to {@code /readyz}, RSS,
 * peak RSS and threads after {@code N} slash commands (over the socket, or signed to the Request
 * URL). Prints one line per run.
 *
 * <p>Usage: {@code SocketModeFootprint RUNS COMMANDS}
 */
public final class SocketModeFootprint {

  private static final String SECRET = "bench-signing-secret-not-real";

  private SocketModeFootprint() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    int commands = Integer.parseInt(args[1]);
    // Untimed: the launcher records its class-data sharing archive on the first serve after a
    // build, as in production; later starts use it.
    measure("http", 1);
    for (int run = 1; run <= runs; run++) {
      for (String mode : run % 2 == 1 ? List.of("socket", "http") : List.of("http", "socket")) {
        System.out.println("run=" + run + " mode=" + mode + " " + measure(mode, commands));
      }
    }
  }

  private static String measure(String mode, int commands) throws Exception {
    FakeSlack slack = new FakeSlack();
    Path log = Files.createTempFile("footprint", ".log");
    ProcessBuilder pb = new ProcessBuilder("./genai-pitch", "serve");
    Map<String, String> env = pb.environment();
    env.put("PORT", "0");
    env.put("ADMIN_PORT", "0");
    env.put("SLACK_BOT_TOKEN", "xoxb-bench-token-not-real");
    env.put("SLACK_API_URL", slack.apiUrl());
    if (mode.equals("socket")) {
      env.put("SLACK_APP_TOKEN", "xapp-1-bench-token-not-real");
    } else {
      env.put("SLACK_SIGNING_SECRET", SECRET);
    }
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process server = pb.start();
    try {
      int port = awaitPort(log, server);
      HttpClient http = HttpClient.newHttpClient();
      while (get(http, port, "/readyz") != 200) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      long readyMs = (System.nanoTime() - t0) / 1_000_000;
      for (int i = 0; i < commands; i++) {
        if (mode.equals("socket")) {
          slack.command(i);
        } else {
          String body =
              "team_id=T1&channel_id=C1&user_id=U1&command=%2Fgenai-pitch&text=do+we+need+both%3F"
                  + "&trigger_id=1.2.3&response_url="
                  + URLEncoder.encode(slack.apiUrl() + "response", StandardCharsets.UTF_8);
          long now = System.currentTimeMillis() / 1000;
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
          String signature =
              "v0="
                  + HexFormat.of()
                      .formatHex(
                          mac.doFinal(("v0:" + now + ":" + body).getBytes(StandardCharsets.UTF_8)));
          HttpRequest request =
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("X-Slack-Request-Timestamp", Long.toString(now))
                  .header("X-Slack-Signature", signature)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build();
          HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("slash command: HTTP " + r.statusCode());
          }
        }
      }
      TimeUnit.SECONDS.sleep(1);
      return "ready_ms="
          + readyMs
          + " rss_kib="
          + status(server.pid(), "VmRSS")
          + " hwm_kib="
          + status(server.pid(), "VmHWM")
          + " threads="
          + status(server.pid(), "Threads");
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
      slack.close();
      Files.deleteIfExists(log);
    }
  }

  private static int awaitPort(Path log, Process server) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log)) {
        int at = line.indexOf("listening on http://localhost:");
        if (at >= 0) {
          String rest = line.substring(at + "listening on http://localhost:".length());
          return Integer.parseInt(rest.substring(0, rest.indexOf('/')));
        }
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("serve exited: " + Files.readString(log));
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    throw new IllegalStateException("serve did not listen: " + Files.readString(log));
  }

  private static int get(HttpClient http, int port, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static String status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field + ":")) {
        return line.replaceAll("[^0-9]", "");
      }
    }
    return "?";
  }

  /** Slack on loopback: auth.test, apps.connections.open, response URLs, the Socket Mode server. */
  private static final class FakeSlack implements AutoCloseable {
    private final HttpServer web;
    private final Server socketServer;
    private final ServerConnector connector;
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final List<End> ends = new CopyOnWriteArrayList<>();

    FakeSlack() throws Exception {
      socketServer = new Server();
      connector = new ServerConnector(socketServer);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      socketServer.addConnector(connector);
      socketServer.setHandler(
          WebSocketUpgradeHandler.from(
              socketServer,
              container ->
                  container.addMapping(
                      "/link/",
                      (request, response, callback) -> {
                        String ticket = Request.extractQueryParameters(request).getValue("ticket");
                        if (ticket == null || !tickets.remove(ticket)) {
                          Response.writeError(request, response, callback, 403);
                          return null;
                        }
                        End end = new End();
                        ends.add(end);
                        return end;
                      })));
      socketServer.start();
      web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      web.createContext(
          "/api/auth.test",
          e ->
              reply(
                  e,
                  "{\"ok\":true,\"user\":\"genai-pitch\",\"team\":\"Bench\",\"user_id\":\"U0BOT\","
                      + "\"team_id\":\"T1\"}"));
      web.createContext(
          "/api/apps.connections.open",
          e -> {
            String ticket = UUID.randomUUID().toString();
            tickets.add(ticket);
            reply(
                e,
                "{\"ok\":true,\"url\":\"ws://127.0.0.1:"
                    + connector.getLocalPort()
                    + "/link/?ticket="
                    + ticket
                    + "\"}");
          });
      web.createContext("/api/response", e -> reply(e, "{\"ok\":true}"));
      web.start();
    }

    String apiUrl() {
      return "http://127.0.0.1:" + web.getAddress().getPort() + "/api/";
    }

    /** Sends one slash command envelope and waits for its acknowledgement. */
    void command(int i) throws InterruptedException {
      End end = ends.get(ends.size() - 1);
      String id = "env-" + i;
      CountDownLatch acked = new CountDownLatch(1);
      end.waiting.put(id, acked);
      end.session.sendText(
          "{\"envelope_id\":\""
              + id
              + "\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,\"payload\":"
              + "{\"team_id\":\"T1\",\"channel_id\":\"C1\",\"user_id\":\"U1\",\"command\":"
              + "\"/genai-pitch\",\"text\":\"do we need both?\",\"response_url\":\""
              + apiUrl()
              + "response\",\"trigger_id\":\"1.2.3\"}}",
          Callback.NOOP);
      if (!acked.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no acknowledgement of " + id);
      }
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    @Override
    public void close() throws Exception {
      web.stop(0);
      socketServer.stop();
    }
  }

  /** Slack's end of a Socket Mode connection. */
  public static final class End implements Session.Listener.AutoDemanding {
    volatile Session session;
    final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      session.sendText("{\"type\":\"hello\",\"num_connections\":1}", Callback.NOOP);
    }

    @Override
    public void onWebSocketText(String message) {
      int at = message.indexOf("\"envelope_id\":\"");
      if (at >= 0) {
        String rest = message.substring(at + 15);
        CountDownLatch latch = waiting.remove(rest.substring(0, rest.indexOf('"')));
        if (latch != null) {
          latch.countDown();
        }
      }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
      session.sendPong(payload, Callback.NOOP);
    }
  }
}
