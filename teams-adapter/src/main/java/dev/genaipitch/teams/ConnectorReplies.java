package dev.genaipitch.teams;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * Posts replies to the Bot Connector's REST API ({@code POST
 * {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]}) with the JDK's HTTP client and the
 * adapter's JSON mapper, carrying the bot's own token when it has one.
 *
 * <p>One client for every serviceUrl: its connections stay open between replies (the SDK's OkHttp
 * client kept 5 idle ones, so a busy bot opened new connections all the time). A 408 or 5xx answer
 * (except 501 and 505) is retried up to three times at once, as the SDK did. A reply that timed
 * out, or whose connection closed without an answer, is not sent again: the connector may have
 * taken it, and a reply is delivered at most once. (The client drops pooled connections the
 * connector closes while they are idle.)
 */
final class ConnectorReplies implements Replies {

  private static final int RETRIES = 3;

  /** Extra wait past the HTTP timeouts before giving up on a reply ourselves. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  private final BotTokens tokens;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param tokens the bot's own token for its replies ({@link BotTokens#NONE} for the Emulator)
   * @param timeout how long to wait to connect, and then for the connector's answer
   */
  ConnectorReplies(BotTokens tokens, Duration timeout) {
    this.tokens = tokens;
    this.timeout = timeout;
    // HTTP/1.1: an http:// serviceUrl (the Emulator's) would otherwise be asked to upgrade to h2c.
    // The client's own tasks run on its selector thread rather than being handed to a worker
    // thread each (measured cheaper per reply, docs/performance.md): nothing here blocks in them,
    // the waiting is done by the request thread in exchange().
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Closes the HTTP client where the JDK can (21 and later: it lets exchanges under way finish and
   * stops its selector thread); on Java 17 the client has no close and is released with the
   * adapter.
   */
  @Override
  public void close() {
    closeIfCloseable(http);
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
    URI uri = uri(message);
    String token;
    try {
      token = tokens.token();
    } catch (IOException e) {
      throw new DeliveryException("cannot get the bot's Azure AD token: " + e.getMessage());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Activity.of(message))));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    post(request.build());
  }

  private void post(HttpRequest request) throws DeliveryException {
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

  private int exchange(HttpRequest request, long deadline) throws IOException, DeliveryException {
    CompletableFuture<HttpResponse<Void>> sent =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).statusCode();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new DeliveryException(e.getCause().getClass().getSimpleName());
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw new DeliveryException(noAnswer());
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted");
    }
  }

  /** What went wrong, in words safe for a log: no URL, token or body. */
  private String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
      return noAnswer();
    }
    if (e instanceof ConnectException) {
      return "cannot connect to the connector";
    }
    return "I/O error talking to the connector (" + e.getClass().getSimpleName() + ")";
  }

  private String noAnswer() {
    return "no answer within " + timeout.toMillis() + " ms";
  }

  private static URI uri(OutgoingMessage message) throws DeliveryException {
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
      return uri;
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("the activity's serviceUrl is not an HTTP URL");
    }
  }

  /**
   * Appends {@code value} as one path segment: RFC 3986's pchar as is, the rest percent-encoded.
   */
  private static void appendSegment(StringBuilder url, String value) {
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
