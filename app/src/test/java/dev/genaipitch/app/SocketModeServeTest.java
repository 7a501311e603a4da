package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genaipitch.app.cli.ServeCommand;
import dev.genaipitch.config.BotConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} with only {@code SLACK_APP_TOKEN} and {@code SLACK_BOT_TOKEN}: Slack over Socket
 * Mode, against a loopback Slack (Web API and Socket Mode server). {@code /readyz} waits for the
 * socket and says when it is down; {@code /metrics} counts its reconnects.
 */
final class SocketModeServeTest {

  private static final String APP_TOKEN = "xapp-1-serve-test-app-token-not-real";
  private static final String BOT_TOKEN = "xoxb-serve-test-bot-token-not-real";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer web;
  private Server socketServer;
  private ServerConnector socketConnector;
  private final Set<String> tickets = ConcurrentHashMap.newKeySet();
  private final List<SlackEnd> connections = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  private PitchService service;

  @BeforeEach
  void start() throws Exception {
    socketServer = new Server();
    socketConnector = new ServerConnector(socketServer);
    socketConnector.setHost("127.0.0.1");
    socketConnector.setPort(0);
    socketServer.addConnector(socketConnector);
    socketServer.setHandler(
        WebSocketUpgradeHandler.from(
            socketServer,
            container ->
                container.addMapping(
                    "/link/",
                    (request, response, callback) -> {
                      String ticket = Request.extractQueryParameters(request).getValue("ticket");
                      if (ticket == null || !tickets.remove(ticket)) {
                        Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
                        return null;
                      }
                      SlackEnd end = new SlackEnd();
                      connections.add(end);
                      return end;
                    })));
    socketServer.start();
    web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    web.createContext("/api/auth.test", e -> reply(e, authTest()));
    web.createContext("/api/apps.connections.open", e -> reply(e, connectionsOpen(e)));
    web.start();
    scheduler = Executors.newSingleThreadScheduledExecutor();
    BotConfig config =
        BotConfig.load(
            Map.of(
                "PORT",
                "0",
                "ADMIN_PORT",
                "0",
                "SLACK_APP_TOKEN",
                APP_TOKEN,
                "SLACK_BOT_TOKEN",
                BOT_TOKEN,
                "SLACK_API_URL",
                "http://127.0.0.1:" + web.getAddress().getPort() + "/api/"));
    service = PitchService.create(config, ServeCommand::routes, Clock.systemUTC(), scheduler);
    service.start();
  }

  @AfterEach
  void stop() throws Exception {
    service.stop();
    scheduler.shutdownNow();
    web.stop(0);
    socketServer.stop();
  }

  @Test
  void serve_overSocketMode_isReadyOnceConnectedAndAnswersACommandOnTheAcknowledgement()
      throws Exception {
    awaitTrue(() -> get("/readyz").statusCode() == 200, "/readyz 200 once Slack said hello");
    SlackEnd slack = connections.get(0);

    String envelopeId = UUID.randomUUID().toString();
    slack.send(slashCommand(envelopeId, "give me the analogy"));

    JsonNode ack = slack.awaitAck(envelopeId);
    assertThat(ack.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(ack.path("payload").toString()).contains("Think of Bedrock like Amazon RDS");
    assertThat(post("/slack/events").statusCode()).isEqualTo(404);
    assertThat(service.scrape()).contains("genai_pitch_slack_socket_connected 1.0");
  }

  @Test
  void droppedSocket_turnsReadinessOffUntilItIsBack_andCountsTheReconnect() throws Exception {
    awaitTrue(() -> get("/readyz").statusCode() == 200, "/readyz 200 once Slack said hello");

    connections.get(0).session.disconnect();

    awaitTrue(
        () -> get("/readyz").body().equals("not ready: slack_socket\n"),
        "/readyz names the socket while it is down");
    awaitTrue(() -> get("/readyz").statusCode() == 200, "/readyz 200 again once reconnected");
    assertThat(connections).hasSize(2);
    assertThat(service.scrape())
        .contains("genai_pitch_slack_socket_reconnects_total{reason=\"drop\"} 1.0")
        .contains("genai_pitch_slack_socket_reconnects_total{reason=\"refresh\"} 0.0");
  }

  private static String authTest() {
    return "{\"ok\":true,\"user\":\"genai-pitch\",\"team\":\"Acme\",\"user_id\":\"U0BOT\","
        + "\"team_id\":\"T1\"}";
  }

  private String connectionsOpen(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + APP_TOKEN).equals(auth)) {
      return "{\"ok\":false,\"error\":\"invalid_auth\"}";
    }
    String ticket = UUID.randomUUID().toString();
    tickets.add(ticket);
    return "{\"ok\":true,\"url\":\"ws://127.0.0.1:"
        + socketConnector.getLocalPort()
        + "/link/?ticket="
        + ticket
        + "\"}";
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String slashCommand(String envelopeId, String text) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId);
    envelope.put("type", "slash_commands");
    envelope.put("accepts_response_payload", true);
    ObjectNode p = envelope.putObject("payload");
    p.put("team_id", "T1");
    p.put("channel_id", "C0GENERAL");
    p.put("user_id", "U0ASKER");
    p.put("command", "/genai-pitch");
    p.put("text", text);
    p.put("api_app_id", "A0APP");
    p.put("response_url", "http://127.0.0.1:1/response/unused");
    p.put("trigger_id", "1.2.trigger");
    return envelope.toString();
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString("command=%2Fgenai-pitch"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Slack's end of one Socket Mode connection: says hello, records what the bot sends. */
  public static final class SlackEnd implements Session.Listener.AutoDemanding {
    private volatile Session session;
    private final List<JsonNode> received = new ArrayList<>();

    @Override
    public void onWebSocketOpen(Session session) {
      this.session = session;
      session.sendText(
          "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-serve\"}}",
          Callback.NOOP);
    }

    @Override
    public void onWebSocketText(String message) {
      synchronized (received) {
        try {
          received.add(JSON.readTree(message));
        } catch (IOException e) {
          received.add(JSON.createObjectNode().put("unreadable", message));
        }
        received.notifyAll();
      }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
      session.sendPong(payload, Callback.NOOP);
    }

    void send(String text) {
      session.sendText(text, Callback.NOOP);
    }

    JsonNode awaitAck(String envelopeId) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT_NANOS;
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
          TimeUnit.NANOSECONDS.timedWait(received, left);
        }
      }
    }
  }
}
