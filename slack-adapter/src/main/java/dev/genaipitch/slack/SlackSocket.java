package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.slack.SlackAdapter.Reconnect;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import javax.websocket.ClientEndpointConfig;
import javax.websocket.CloseReason;
import javax.websocket.DeploymentException;
import javax.websocket.Endpoint;
import javax.websocket.EndpointConfig;
import javax.websocket.MessageHandler;
import javax.websocket.PongMessage;
import javax.websocket.Session;
import javax.websocket.WebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Socket Mode, watched. Asks {@code apps.connections.open} for a URL, connects, and hands
 * every envelope to {@link SocketEnvelopes} (the same Bolt app and listeners as the Request URL),
 * acknowledging it on the connection it came on.
 *
 * <p>The connection is kept up:
 *
 * <ul>
 *   <li>a {@code disconnect} message from Slack (a routine refresh) opens a new connection at once,
 *       while the old one still delivers; the old one is closed once the new one says hello;
 *   <li>a connection that closes, or stops answering pings, is replaced: at once if it had been up
 *       for a while, else after a backoff that doubles (with jitter) up to {@link
 *       #LONGEST_BACKOFF}, honouring Slack's {@code Retry-After};
 *   <li>{@link #connected()} says whether a connection has said hello and is taking envelopes; one
 *       WARN line when it is lost, one INFO line when it is back.
 * </ul>
 *
 * <p>Every change of state runs on one thread ({@code slack-socket}), so the state needs no locks;
 * the WebSocket's own threads only post events to it. Envelopes run on a small bounded pool: when
 * it is full, an envelope is left unacknowledged, and Slack redelivers it (to another connection,
 * when there is one).
 */
final class SlackSocket implements AutoCloseable {

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

  /** A connection up this long counts as healthy: when it drops, the next try goes at once. */
  static final Duration STABLE = Duration.ofSeconds(30);

  /** Slack's envelopes are a few kilobytes; the same bound as a Request URL body. */
  static final int MAX_MESSAGE_BYTES = SlackEndpoint.MAX_BODY_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(SlackSocket.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long the socket waits for the things it waits for. */
  record Timing(
      Duration pingInterval, Duration pingTimeout, Duration helloTimeout, Duration sendTimeout) {
    Timing {
      Objects.requireNonNull(pingInterval, "pingInterval");
      Objects.requireNonNull(pingTimeout, "pingTimeout");
      Objects.requireNonNull(helloTimeout, "helloTimeout");
      Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5));
  }

  private final ConnectionsOpen open;
  private final WebSocketContainer container;
  private final SocketEnvelopes envelopes;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watch;
  private final SlackAdapter.Scheduler backoff;
  private final LongSupplier ticker;
  private final DoubleSupplier random;
  private final Timing timing;
  private final Runnable onClose;

  // State, read and written on the watch thread only.
  private final Set<Link> links = new HashSet<>();
  private Link live;
  private boolean opening;
  private int failures;
  private Reconnect cause;
  private boolean everConnected;
  private long downSince;
  private boolean closed;

  // Read from any thread.
  private volatile boolean connected;
  private volatile boolean closing;
  private final AtomicLong refreshes = new AtomicLong();
  private final AtomicLong drops = new AtomicLong();

  /**
   * @param pool where envelopes are handled; shut down by {@link #close()}
   * @param watch the one thread that changes state; shut down by {@link #close()}
   * @param backoff how a reconnect waits; its tasks only post to {@code watch}
   * @param onClose releases the WebSocket container, last
   */
  SlackSocket(
      ConnectionsOpen open,
      WebSocketContainer container,
      SocketEnvelopes envelopes,
      ThreadPoolExecutor pool,
      ScheduledExecutorService watch,
      SlackAdapter.Scheduler backoff,
      LongSupplier ticker,
      DoubleSupplier random,
      Timing timing,
      Runnable onClose) {
    this.open = open;
    this.container = container;
    this.envelopes = envelopes;
    this.pool = pool;
    this.watch = watch;
    this.backoff = backoff;
    this.ticker = ticker;
    this.random = random;
    this.timing = timing;
    this.onClose = onClose;
  }

  /**
   * Connects to {@code url} (from a first {@code apps.connections.open}, which checked the token)
   * in the background, and starts watching.
   */
  void start(URI url) {
    long every = timing.pingInterval().toMillis();
    // checkAlive catches what a ping or a close throws: a failure must not end the watch, which
    // a periodic task's first exception would do silently.
    var unused =
        watch.scheduleWithFixedDelay(this::checkAlive, every, every, TimeUnit.MILLISECONDS);
    post(
        () -> {
          opening = true;
          connect(url);
        });
  }

  /** Whether a connection has said hello and is taking envelopes. */
  boolean connected() {
    return connected;
  }

  /** Connections opened again so far, for {@code why}. */
  long reconnects(Reconnect why) {
    return why == Reconnect.REFRESH ? refreshes.get() : drops.get();
  }

  /**
   * Stops taking envelopes (Slack redelivers those that arrive now elsewhere), lets those being
   * handled finish and be acknowledged (up to 5 s), then closes the connections.
   */
  @Override
  public void close() {
    closing = true;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
      post(
          () -> {
            closed = true;
            connected = false;
            for (Link link : new ArrayList<>(links)) {
              link.close(CloseReason.CloseCodes.NORMAL_CLOSURE, "shutting down");
            }
            links.clear();
          });
      watch.shutdown();
      if (!watch.awaitTermination(5, TimeUnit.SECONDS)) {
        watch.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      watch.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      onClose.run();
    }
  }

  // ---- on the watch thread

  /** Opens a new connection, unless one is being opened. */
  private void attempt() {
    if (closed || opening) {
      return;
    }
    opening = true;
    URI url;
    try {
      url = open.url();
    } catch (ConnectionsOpen.Failure e) {
      LOG.debug("apps.connections.open failed: {}", e.getMessage());
      if (e.tokenRejected()) {
        LOG.warn(
            "Slack rejected SLACK_APP_TOKEN (apps.connections.open: {}); retrying, but check the"
                + " app-level token",
            e.getMessage());
      }
      failed(e.retryAfter().orElse(Duration.ZERO));
      return;
    }
    connect(url);
  }

  private void connect(URI url) {
    if (closed) {
      opening = false;
      return;
    }
    Link link = new Link();
    try {
      container.connectToServer(link, ClientEndpointConfig.Builder.create().build(), url);
    } catch (DeploymentException | IOException | RuntimeException e) {
      LOG.debug("Socket Mode connection failed: {}", e.toString());
      failed(Duration.ZERO);
      return;
    }
    links.add(link);
    var unused =
        watch.schedule(
            () -> helloTimedOut(link), timing.helloTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An attempt failed: try again after the backoff, or after Slack's wait if longer. */
  private void failed(Duration slackSaysWait) {
    opening = false;
    if (closed) {
      return;
    }
    failures++;
    Duration delay = backoff(failures);
    if (slackSaysWait.compareTo(delay) > 0) {
      delay = slackSaysWait;
    }
    scheduleAttempt(delay);
  }

  private void scheduleAttempt(Duration delay) {
    if (delay.isZero()) {
      attempt();
    } else {
      backoff.schedule(delay, () -> post(this::attempt));
    }
  }

  /** Half the doubled delay, plus up to as much again at random, so replicas do not march. */
  private Duration backoff(int failures) {
    long first = FIRST_BACKOFF.toMillis();
    long longest = LONGEST_BACKOFF.toMillis();
    long full = failures >= 31 ? longest : Math.min(longest, first << (failures - 1));
    return Duration.ofMillis(full / 2 + (long) (random.getAsDouble() * (full / 2.0)));
  }

  private void helloed(Link link, JsonNode hello) {
    if (closed || !links.contains(link)) {
      return;
    }
    link.helloAt = ticker.getAsLong();
    link.lastHeard = link.helloAt;
    opening = false;
    Link previous = live;
    live = link;
    connected = true;
    if (previous != null && previous != link) {
      // A refresh: the old connection has handed over; Slack closes it too.
      links.remove(previous);
      previous.close(CloseReason.CloseCodes.NORMAL_CLOSURE, "refreshed");
    }
    String host = hello.path("debug_info").path("host").asText("?");
    int connections = hello.path("num_connections").asInt(0);
    if (!everConnected) {
      everConnected = true;
      LOG.info(
          "Slack Socket Mode connected (host {}, {} connection(s) open for this app)",
          host,
          connections);
    } else if (cause == Reconnect.REFRESH && downSince == 0) {
      refreshes.incrementAndGet();
      LOG.info("Slack Socket Mode refreshed (host {}) as Slack asked", host);
    } else {
      (cause == Reconnect.REFRESH ? refreshes : drops).incrementAndGet();
      long down = downSince == 0 ? 0 : ticker.getAsLong() - downSince;
      LOG.info(
          "Slack Socket Mode reconnected (host {}, {} connection(s) open) after {} ms without a"
              + " connection",
          host,
          connections,
          TimeUnit.NANOSECONDS.toMillis(down));
    }
    cause = null;
    downSince = 0;
  }

  private void disconnectRequested(Link link, String reason) {
    if (closed || link != live) {
      return;
    }
    if ("link_disabled".equals(reason)) {
      LOG.warn(
          "Slack turned Socket Mode off for this app (disconnect: link_disabled): turn it on under"
              + " Socket Mode in the app's settings; retrying meanwhile");
    } else {
      LOG.info("Slack asked for a new Socket Mode connection ({}); opening one", reason);
    }
    cause = Reconnect.REFRESH;
    attempt();
  }

  private void closedLink(Link link, int code, String phrase) {
    if (!links.remove(link)) {
      return;
    }
    if (closed) {
      return;
    }
    if (link == live) {
      lost(
          link, "closed, code " + code + (phrase == null || phrase.isEmpty() ? "" : ": " + phrase));
    } else if (link.helloAt == 0) {
      LOG.debug("Socket Mode connection closed before hello (code {})", code);
      failed(Duration.ZERO);
    }
  }

  /** The live connection is gone: say so once, and open another. */
  private void lost(Link link, String how) {
    live = null;
    connected = false;
    downSince = ticker.getAsLong();
    if (cause == null) {
      cause = Reconnect.DROP;
    }
    LOG.warn("Slack Socket Mode connection lost ({}); reconnecting", how);
    long up = downSince - link.helloAt;
    failures = up >= STABLE.toNanos() ? 0 : failures + 1;
    if (opening) {
      return;
    }
    scheduleAttempt(failures == 0 ? Duration.ZERO : backoff(failures));
  }

  private void helloTimedOut(Link link) {
    if (closed || link.helloAt != 0 || !links.remove(link)) {
      return;
    }
    LOG.debug("Socket Mode connection said no hello within {}", timing.helloTimeout());
    link.close(CloseReason.CloseCodes.GOING_AWAY, "no hello");
    failed(Duration.ZERO);
  }

  private void checkAlive() {
    Link link = live;
    if (closed || link == null) {
      return;
    }
    long silent = ticker.getAsLong() - link.lastHeard;
    if (silent > timing.pingInterval().plus(timing.pingTimeout()).toNanos()) {
      links.remove(link);
      link.close(CloseReason.CloseCodes.GOING_AWAY, "no answer to pings");
      lost(link, "no answer to pings for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms");
      return;
    }
    link.ping();
  }

  private void post(Runnable task) {
    try {
      watch.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: nothing is watched any more.
    }
  }

  // ---- on the WebSocket's threads

  private void received(Link link, String message) {
    link.lastHeard = ticker.getAsLong();
    JsonNode json;
    try {
      json = JSON.readTree(message);
    } catch (IOException e) {
      LOG.warn("Ignored a Socket Mode message that is not JSON ({} characters)", message.length());
      return;
    }
    String type = json.path("type").asText("");
    if (type.equals("hello")) {
      post(() -> helloed(link, json));
    } else if (type.equals("disconnect")) {
      String reason = json.path("reason").asText("unknown");
      post(() -> disconnectRequested(link, reason));
    } else if (SocketEnvelopes.isEnvelope(type) && json.hasNonNull("envelope_id")) {
      if (closing) {
        return;
      }
      try {
        pool.execute(() -> link.send(envelopes.answer(message, json)));
      } catch (RejectedExecutionException e) {
        LOG.warn(
            "Left a Slack {} envelope unacknowledged (envelope {}): the bot is busy; Slack will"
                + " deliver it again",
            type,
            json.path("envelope_id").asText());
      }
    } else {
      LOG.debug("Ignored a Socket Mode message of type '{}'", type);
    }
  }

  /** One WebSocket connection. */
  private final class Link extends Endpoint {
    private volatile Session session;
    private volatile long lastHeard;
    private volatile long helloAt;
    private final Object sending = new Object();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      this.session = session;
      this.lastHeard = ticker.getAsLong();
      session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
      session.addMessageHandler(
          String.class, (MessageHandler.Whole<String>) message -> received(this, message));
      session.addMessageHandler(
          PongMessage.class,
          (MessageHandler.Whole<PongMessage>) pong -> lastHeard = ticker.getAsLong());
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      post(() -> closedLink(this, reason.getCloseCode().getCode(), reason.getReasonPhrase()));
    }

    @Override
    public void onError(Session session, Throwable error) {
      LOG.debug("Socket Mode connection error: {}", error.toString());
    }

    /** Sends an acknowledgement; a connection that cannot take it is left to the watch. */
    void send(String text) {
      Session s = session;
      if (s == null || !s.isOpen()) {
        LOG.debug("Socket Mode connection closed before an acknowledgement could be sent");
        return;
      }
      synchronized (sending) {
        try {
          Future<Void> sent = s.getAsyncRemote().sendText(text);
          sent.get(timing.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
          LOG.warn("Could not acknowledge a Slack envelope: {}", e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void ping() {
      Session s = session;
      if (s == null || !s.isOpen()) {
        return;
      }
      try {
        s.getAsyncRemote().sendPing(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
      } catch (IOException | RuntimeException e) {
        LOG.debug("Socket Mode ping failed: {}", e.toString());
      }
    }

    /** Closes without waiting: a dead connection's close may hang until the network gives up. */
    void close(CloseReason.CloseCode code, String phrase) {
      Session s = session;
      if (s == null) {
        return;
      }
      Thread closer =
          new Thread(
              () -> {
                try {
                  s.close(new CloseReason(code, phrase));
                } catch (IOException | RuntimeException e) {
                  LOG.debug("closing a Socket Mode connection: {}", e.toString());
                }
              },
              "slack-socket-close");
      closer.setDaemon(true);
      closer.start();
    }
  }

  /** For tests: the connections open now. */
  int openConnections() {
    try {
      return watch.submit(() -> (int) links.stream().filter(l -> l.session != null).count()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (ExecutionException | RejectedExecutionException e) {
      return 0;
    }
  }
}
