package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeSlack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Slack's Socket Mode server on loopback, as Slack runs it: {@code apps.connections.open} (answered
 * through {@link FakeSlack}) checks the app-level token and hands out a WebSocket URL with a
 * one-time ticket; a connection gets {@code hello}, then the envelopes the test sends, and must
 * acknowledge each by its {@code envelope_id}. The test can also ask for a refresh ({@code
 * disconnect}), drop a connection without a word, or freeze one (it stops reading, so pings go
 * unanswered, as on a half-open network path).
 */
public final class FakeSocketMode implements AutoCloseable {

  static final String APP_TOKEN = "xapp-1-A0APP-test-app-token-not-real";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server server;
  private final ServerConnector connector;
  private final Set<String> tickets = ConcurrentHashMap.newKeySet();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final Deque<FakeSlack.Answer> failOpens = new ArrayDeque<>();
  private final AtomicInteger envelopeIds = new AtomicInteger();
  private final AtomicInteger opens = new AtomicInteger();

  FakeSocketMode(FakeSlack web) throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container ->
                container.addMapping(
                    "/link/",
                    (request, response, callback) -> {
                      String ticket = Request.extractQueryParameters(request).getValue("ticket");
                      if (ticket == null || !tickets.remove(ticket)) {
                        Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
                        return null;
                      }
                      Connection connection =
                          new Connection(
                              connections.size() + 1,
                              1 + (int) connections.stream().filter(Connection::open).count());
                      connections.add(connection);
                      return connection;
                    })));
    server.start();
    web.handle("apps.connections.open", this::open);
  }

  /** The next {@code n} calls of apps.connections.open get {@code answer} instead of a URL. */
  void failNextOpens(int n, FakeSlack.Answer answer) {
    synchronized (failOpens) {
      for (int i = 0; i < n; i++) {
        failOpens.add(answer);
      }
    }
  }

  /** How many times apps.connections.open was called with the app-level token. */
  int opens() {
    return opens.get();
  }

  private FakeSlack.Answer open(Map<String, List<String>> headers) {
    List<String> auth = headers.getOrDefault("Authorization", List.of());
    String token = auth.isEmpty() ? "" : auth.get(0).replaceFirst("^Bearer ", "");
    if (token.startsWith("xoxb-")) {
      return new FakeSlack.Answer(200, null, "{\"ok\":false,\"error\":\"not_allowed_token_type\"}");
    }
    if (!token.equals(APP_TOKEN)) {
      return new FakeSlack.Answer(200, null, "{\"ok\":false,\"error\":\"invalid_auth\"}");
    }
    opens.incrementAndGet();
    synchronized (failOpens) {
      FakeSlack.Answer failure = failOpens.poll();
      if (failure != null) {
        return failure;
      }
    }
    String ticket = UUID.randomUUID().toString();
    tickets.add(ticket);
    return new FakeSlack.Answer(
        200,
        null,
        "{\"ok\":true,\"url\":\"ws://127.0.0.1:"
            + connector.getLocalPort()
            + "/link/?ticket="
            + ticket
            + "&app_id=A0APP\"}");
  }

  /** Waits until the {@code n}-th connection (from 1) has been greeted, and returns it. */
  Connection awaitConnection(int n) {
    return awaitConnection(n, FakeSlack.WAIT);
  }

  /**
   * Waits up to {@code within} until the {@code n}-th connection (from 1) has been greeted, and
   * returns it.
   */
  Connection awaitConnection(int n, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (connections.size() < n || !connections.get(n - 1).greeted) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected connection " + n + ", have " + connections.size() + " connection(s)");
      }
      pause();
    }
    return connections.get(n - 1);
  }

  /** Connections opened so far, greeted or not. */
  int connections() {
    return connections.size();
  }

  /** The most recent connection. */
  Connection latest() {
    return awaitConnection(Math.max(1, connections.size()));
  }

  // ---- what Slack sends

  /**
   * Someone types {@code /genai-pitch text}: the payload Slack sends in a slash_commands envelope.
   */
  ObjectNode command(String text, String responseUrl) {
    ObjectNode p = JSON.createObjectNode();
    p.put("token", "legacy-verification-token");
    p.put("team_id", "T1");
    p.put("team_domain", "acme");
    p.put("channel_id", Workspace.CHANNEL);
    p.put("channel_name", "general");
    p.put("user_id", Workspace.ASKER);
    p.put("user_name", "ann");
    p.put("command", "/genai-pitch");
    p.put("text", text);
    p.put("api_app_id", "A0APP");
    p.put("is_enterprise_install", "false");
    p.put("response_url", responseUrl);
    p.put("trigger_id", "1.2.trigger");
    return p;
  }

  /** An Events API callback around {@code event}, as the events_api envelope carries it. */
  ObjectNode eventCallback(String eventId, ObjectNode event) {
    ObjectNode p = JSON.createObjectNode();
    p.put("token", "legacy-verification-token");
    p.put("team_id", "T1");
    p.put("api_app_id", "A0APP");
    p.set("event", event);
    p.put("type", "event_callback");
    p.put("event_id", eventId);
    p.put("event_time", 1_700_000_000L);
    p.putArray("authorizations")
        .addObject()
        .put("team_id", "T1")
        .put("user_id", FakeSlack.BOT_USER)
        .put("is_bot", true);
    return p;
  }

  /** A new envelope id, as Slack makes one for every delivery. */
  String newEnvelopeId() {
    return "env-" + envelopeIds.incrementAndGet() + "-" + UUID.randomUUID();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** One WebSocket connection, from Slack's side. */
  public static final class Connection implements Session.Listener {
    final int number;
    private final int openForTheApp;
    private volatile Session session;
    private volatile boolean greeted;
    private volatile boolean frozen;
    private volatile int closeCode;
    private final List<JsonNode> received = new ArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();

    Connection(int number, int openForTheApp) {
      this.number = number;
      this.openForTheApp = openForTheApp;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      ObjectNode hello = JSON.createObjectNode();
      hello.put("type", "hello");
      hello.put("num_connections", openForTheApp);
      hello
          .putObject("debug_info")
          .put("host", "applink-test-" + number)
          .put("build_number", 1)
          .put("approximate_connection_time", 18060);
      hello.putObject("connection_info").put("app_id", "A0APP");
      session.sendText(hello.toString(), Callback.from(() -> greeted = true, t -> {}));
      session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
      try {
        JsonNode json = JSON.readTree(message);
        synchronized (received) {
          received.add(json);
          received.notifyAll();
        }
      } catch (IOException e) {
        synchronized (received) {
          received.add(JSON.createObjectNode().put("unreadable", message));
          received.notifyAll();
        }
      }
      if (!frozen) {
        session.demand();
      }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
      pings.incrementAndGet();
      if (!frozen) {
        session.sendPong(payload, Callback.NOOP);
        session.demand();
      }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
      if (!frozen) {
        session.demand();
      }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      synchronized (received) {
        closeCode = statusCode;
        received.notifyAll();
      }
    }

    /** Delivers an envelope of {@code type} carrying {@code payload}; returns its id. */
    String deliver(String type, String envelopeId, JsonNode payload, int retryAttempt) {
      ObjectNode envelope = JSON.createObjectNode();
      envelope.put("envelope_id", envelopeId);
      envelope.set("payload", payload);
      envelope.put("type", type);
      envelope.put("accepts_response_payload", type.equals("slash_commands"));
      if (type.equals("events_api")) {
        envelope.put("retry_attempt", retryAttempt);
        envelope.put("retry_reason", retryAttempt == 0 ? "" : "timeout");
      }
      send(envelope.toString());
      return envelopeId;
    }

    /** Sends any text, as is. */
    void send(String text) {
      session.sendText(text, Callback.NOOP);
    }

    /** Waits for the acknowledgement of {@code envelopeId}. */
    JsonNode awaitAck(String envelopeId) {
      long deadline = System.nanoTime() + FakeSlack.WAIT.toNanos();
      synchronized (received) {
        while (true) {
          for (JsonNode json : received) {
            if (envelopeId.equals(json.path("envelope_id").asText())) {
              return json;
            }
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("no acknowledgement of " + envelopeId + "; got " + received);
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(received, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        }
      }
    }

    /** Everything the bot sent on this connection. */
    List<JsonNode> received() {
      synchronized (received) {
        return List.copyOf(received);
      }
    }

    /** Slack's refresh: a {@code disconnect} message; Slack closes the connection soon after. */
    void disconnect(String reason) {
      ObjectNode message = JSON.createObjectNode();
      message.put("type", "disconnect");
      message.put("reason", reason);
      message.putObject("debug_info").put("host", "applink-test-" + number);
      send(message.toString());
    }

    /** Drops the connection without a close handshake, as a failing network or server does. */
    void drop() {
      session.disconnect();
    }

    /** Stops reading: pings go unanswered, nothing more is received. */
    void freeze() {
      frozen = true;
    }

    int pings() {
      return pings.get();
    }

    /** Waits until the connection closed, and returns the close code Slack saw. */
    int awaitClosed() {
      long deadline = System.nanoTime() + FakeSlack.WAIT.toNanos();
      synchronized (received) {
        while (closeCode == 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("connection " + number + " did not close");
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(received, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        }
        return closeCode;
      }
    }

    boolean open() {
      Session s = session;
      return s != null && s.isOpen() && closeCode == 0;
    }
  }
}
