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
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.slf4j.LoggerFactory;

/**
 * Posts replies to the Bot Connector's REST API ({@code POST
 * {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]}) with OkHttp, blocking on the
 * request thread, and the adapter's JSON mapper, carrying the bot's own token when it has one.
 *
 * <p>One client for every serviceUrl, with a pool of kept-alive HTTP/1.1 connections as large as
 * the number of replies that may wait on the connector at once (the SDK's client kept 5 idle, so a
 * busy bot opened new connections all the time). The exchange runs on the thread that sends the
 * reply: no selector thread and no futures between it and the socket (the JDK's asynchronous client
 * was the largest single cost of a reply, docs/performance.md). A 408 or 5xx answer (except 501 and
 * 505) is retried up to three times at once, as the SDK did. A reply that timed out, or whose
 * connection closed without an answer, is not sent again: the connector may have taken it, and a
 * reply is delivered at most once (its body is one-shot, so OkHttp retries only a request it has
 * not begun to send, such as a refused connection to one of the connector's addresses).
 */
final class ConnectorReplies implements Replies {

  private static final int RETRIES = 3;

  /** Extra wait past the HTTP timeouts before no further attempt of a reply is started. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  /**
   * How long an idle connection stays in the pool: below the 30 s after which common servers
   * (Jetty's, the JDK's) close one, so that the client drops it first, as a client must; OkHttp
   * also checks a connection idle for more than 10 s before it reuses it.
   */
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final BotTokens tokens;
  private final Duration timeout;

  /** The client; its settings are read by tests. */
  final OkHttpClient http;

  /**
   * @param tokens the bot's own token for its replies ({@link BotTokens#NONE} for the Emulator)
   * @param timeout how long to wait to connect, and then for the connector's answer
   * @param connections how many idle connections the pool keeps (as many as replies may wait on the
   *     connector at once)
   */
  ConnectorReplies(BotTokens tokens, Duration timeout, int connections) {
    this(tokens, timeout, client(connections));
  }

  /**
   * @param tokens the bot's own token for its replies ({@link BotTokens#NONE} for the Emulator)
   * @param timeout how long to wait to connect, and then for the connector's answer
   * @param shared the adapter's client ({@link #client}), whose pool and settings the replies use
   */
  ConnectorReplies(BotTokens tokens, Duration timeout, OkHttpClient shared) {
    this.tokens = tokens;
    this.timeout = timeout;
    this.http =
        shared
            .newBuilder()
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .build();
  }

  /**
   * The adapter's one HTTP client, for the replies, the bot's token and the signing keys alike:
   * each takes it with its own timeouts ({@link OkHttpClient#newBuilder()} shares the pool).
   * HTTP/1.1 only, as the JDK's client was used before (an https URL would otherwise be offered
   * HTTP/2); sockets without Nagle's delay; no redirects.
   *
   * @param connections how many idle connections the pool keeps (as many as replies may wait on the
   *     connector at once)
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

  /**
   * Closes the pool's idle connections; a reply under way finishes on its own thread. OkHttp's
   * dispatcher is never started: every call here is synchronous.
   */
  @Override
  public void close() {
    http.connectionPool().evictAll();
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
    HttpUrl url = url(message);
    String token;
    try {
      token = tokens.token();
    } catch (IOException e) {
      throw new DeliveryException("cannot get the bot's Azure AD token: " + e.getMessage());
    }
    Request.Builder request =
        new Request.Builder().url(url).post(new OneShot(Json.bytes(Activity.of(message))));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    post(request.build());
  }

  private void post(Request request) throws DeliveryException {
    long deadline = System.nanoTime() + timeout.multipliedBy(2).plus(GRACE).toNanos();
    for (int attempt = 0; ; attempt++) {
      int status;
      try {
        status = exchange(request, deadline);
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

  private int exchange(Request request, long deadline) throws IOException, DeliveryException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new DeliveryException(noAnswer());
    }
    // No timeout over the whole call (OkHttp's callTimeout): okio keeps those deadlines in one
    // sorted list under a lock, and taking each call's out of it showed as 14% of a Teams reply's
    // samples at saturation (docs/performance.md). Each connect, write and read waits at most the
    // timeout, and no attempt starts past the deadline.
    Call call = http.newCall(request);
    // Closing the response reads what is left of its body, so the connection goes back to the pool.
    try (Response response = call.execute()) {
      return response.code();
    }
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

  private static HttpUrl url(OutgoingMessage message) throws DeliveryException {
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
      if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
        throw new IllegalArgumentException("not an HTTP URL");
      }
      HttpUrl parsed = HttpUrl.get(uri);
      if (parsed == null) {
        throw new IllegalArgumentException("not an HTTP URL");
      }
      return parsed;
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

  /**
   * The activity's bytes, written once: OkHttp then never sends them again on a new connection
   * after it began sending them on one.
   */
  private static final class OneShot extends RequestBody {
    private final byte[] body;

    OneShot(byte[] body) {
      this.body = body;
    }

    @Override
    public MediaType contentType() {
      return JSON;
    }

    @Override
    public long contentLength() {
      return body.length;
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(body);
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
