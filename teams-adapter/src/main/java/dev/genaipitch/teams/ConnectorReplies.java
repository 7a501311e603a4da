package dev.genaipitch.teams;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.LoggerFactory;

/**
 * Posts replies to the Bot Connector's REST API ({@code POST
 * {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]}) with {@link ConnectorConnections},
 * blocking on the request thread, and the adapter's JSON writer, carrying the bot's own token when
 * it has one.
 *
 * <p>One pool of kept-alive HTTP/1.1 connections for every serviceUrl, as large as the number of
 * replies that may wait on the connector at once (the SDK's client kept 5 idle, so a busy bot
 * opened new connections all the time). The exchange runs on the thread that sends the reply: no
 * selector, cleaner or watchdog thread and no futures between it and the socket (the JDK's
 * asynchronous client, then OkHttp's call machinery, were the largest single costs of a reply,
 * docs/performance.md). A 408 or 5xx answer (except 501 and 505) is retried up to three times at
 * once, as the SDK did. A reply that timed out, or whose connection closed without an answer, is
 * not sent again: the connector may have taken it, and a reply is delivered at most once.
 */
final class ConnectorReplies implements Replies {

  private static final int RETRIES = 3;

  /** Extra wait past the HTTP timeouts before no further attempt of a reply is started. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  /**
   * How long an idle connection stays in the pool: below the 30 s after which common servers
   * (Jetty's, the JDK's) close one, so that the client drops it first, as a client must; one idle
   * for more than {@link ConnectorConnections#CHECK_AFTER} is checked before it is reused.
   */
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

  private final BotTokens tokens;
  private final Duration timeout;
  private final OkHttpClient shared;

  /** The connections the replies go over; read by tests. */
  final ConnectorConnections connections;

  /**
   * @param tokens the bot's own token for its replies ({@link BotTokens#NONE} for the Emulator)
   * @param timeout how long to wait to connect, and then for the connector's answer
   * @param connections how many idle connections the pool keeps (as many as replies may wait on the
   *     connector at once)
   */
  ConnectorReplies(BotTokens tokens, Duration timeout, int connections) {
    this(tokens, timeout, connections, null);
  }

  /**
   * @param tokens the bot's own token for its replies ({@link BotTokens#NONE} for the Emulator)
   * @param timeout how long to wait to connect, and then for the connector's answer
   * @param connections how many idle connections the pool keeps (as many as replies may wait on the
   *     connector at once)
   * @param shared the adapter's OkHttp client ({@link #client}) that fetches the bot's token and
   *     the signing keys, whose idle connections are closed with the replies'; or null
   */
  ConnectorReplies(BotTokens tokens, Duration timeout, int connections, OkHttpClient shared) {
    this.tokens = tokens;
    this.timeout = timeout;
    this.shared = shared;
    this.connections = new ConnectorConnections(connections, KEEP_ALIVE, timeout, System::nanoTime);
  }

  /**
   * The adapter's OkHttp client, for the bot's token and the signing keys (fetched now and then,
   * not per reply): each takes it with its own timeouts ({@link OkHttpClient#newBuilder()} shares
   * the pool). HTTP/1.1 only; sockets without Nagle's delay; no redirects.
   *
   * @param connections how many idle connections the pool keeps
   */
  static OkHttpClient client(int connections) {
    return new OkHttpClient.Builder()
        .protocols(List.of(Protocol.HTTP_1_1))
        .socketFactory(NoDelaySockets.INSTANCE)
        .connectionPool(
            new ConnectionPool(connections, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }

  /** Closes the idle connections; a reply under way finishes on its own thread. */
  @Override
  public void close() {
    connections.close();
    if (shared != null) {
      shared.connectionPool().evictAll();
    }
    closeIfCloseable(tokens);
  }

  static void closeIfCloseable(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Nothing is lost: the client held only idle connections and finished exchanges.
        LoggerFactory.getLogger(ConnectorReplies.class).debug("closing: {}", e.toString());
      }
    }
  }

  @Override
  public void send(OutgoingMessage message) throws DeliveryException {
    URI url = url(message);
    String token;
    try {
      token = tokens.token();
    } catch (IOException e) {
      throw new DeliveryException("cannot get the bot's Azure AD token: " + e.getMessage());
    }
    byte[] body = Json.bytes(Activity.of(message));
    String authorization = token.isEmpty() ? "" : "Bearer " + token;
    long deadline = System.nanoTime() + timeout.multipliedBy(2).plus(GRACE).toNanos();
    for (int attempt = 0; ; attempt++) {
      if (deadline - System.nanoTime() <= 0) {
        throw new DeliveryException(noAnswer());
      }
      int status;
      try {
        status = connections.post(url, authorization, body);
      } catch (IOException e) {
        throw new DeliveryException(describe(e));
      }
      if (status >= 200 && status < 300) {
        return;
      }
      if (attempt >= RETRIES || !retryable(status)) {
        throw new DeliveryException("the connector answered HTTP " + status);
      }
    }
  }

  private static boolean retryable(int status) {
    return status == 408 || (status >= 500 && status != 501 && status != 505);
  }

  /** What went wrong, in words safe for a log: no URL, token or body. */
  private String describe(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return noAnswer();
    }
    if (e instanceof InterruptedIOException) {
      // an interrupt of the replying thread (no timeout over the whole call is set: exchange)
      return Thread.currentThread().isInterrupted() ? "interrupted" : noAnswer();
    }
    if (e instanceof ConnectException) {
      return "cannot connect to the connector";
    }
    return "I/O error talking to the connector (" + e.getClass().getSimpleName() + ")";
  }

  private String noAnswer() {
    return "no answer within " + timeout.toMillis() + " ms";
  }

  private static URI url(OutgoingMessage message) throws DeliveryException {
    StringBuilder url = new StringBuilder(message.serviceUrl());
    if (url.length() == 0 || url.charAt(url.length() - 1) != '/') {
      url.append('/');
    }
    url.append("v3/conversations/");
    appendSegment(url, message.conversation().id());
    url.append("/activities");
    if (!message.replyToId().isEmpty()) {
      url.append('/');
      appendSegment(url, message.replyToId());
    }
    try {
      URI uri = URI.create(url.toString());
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("not an HTTP URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("the activity's serviceUrl is not an HTTP URL");
    }
  }

  /**
   * Appends {@code value} as one path segment: RFC 3986's pchar as is, the rest percent-encoded.
   */
  private static void appendSegment(StringBuilder url, String value) throws DeliveryException {
    if (value.equals(".") || value.equals("..")) {
      // A URL's dot segments move up its path: such an id would send the reply elsewhere.
      throw new DeliveryException("the activity's ids are not valid in a connector URL");
    }
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        url.append(c);
      } else {
        url.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
        url.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
  }

  /** The activity as the Bot Connector takes it; empty fields are left out. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Activity(
      String type,
      String channelId,
      String serviceUrl,
      ConversationAccount conversation,
      ChannelAccount from,
      ChannelAccount recipient,
      String replyToId,
      String text,
      String textFormat,
      String summary,
      List<Attachment> attachments) {

    static Activity of(OutgoingMessage m) {
      IncomingActivity.Conversation c = m.conversation();
      return new Activity(
          "message",
          m.channelId(),
          m.serviceUrl(),
          new ConversationAccount(c.id(), c.conversationType(), c.tenantId()),
          new ChannelAccount(m.bot().id(), m.bot().name()),
          m.user().id().isEmpty() ? null : new ChannelAccount(m.user().id(), m.user().name()),
          m.replyToId(),
          m.text(),
          m.text().isEmpty() ? null : "plain",
          m.summary(),
          m.card() == null ? null : List.of(new Attachment(AdaptiveCard.CONTENT_TYPE, m.card())));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ConversationAccount(String id, String conversationType, String tenantId) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ChannelAccount(String id, String name) {}

  record Attachment(String contentType, AdaptiveCard content) {}
}
