package dev.genaipitch.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP edge of every POST endpoint (Slack's Request URL, the Bot Framework's messaging
 * endpoint, the playground's API): it reads the whole body <em>before</em> a thread is committed to
 * the request, then hands it to the {@link HttpEndpoint} and writes its {@link HttpReply}.
 *
 * <p>The body is read asynchronously: while a client is slow to send it, the request holds no
 * thread, only its bytes so far. The read is bounded three ways, each answered in the one error
 * shape ({@link HttpReply#error}) with {@code Connection: close} and one WARN line without a stack
 * trace:
 *
 * <ul>
 *   <li>size: more than the endpoint's size is {@code 413}; a body up to the server's {@link
 *       Limits#maxBodyBytes} is read to its end first (and dropped), so that the client, still
 *       sending, reads the answer instead of a reset connection;
 *   <li>time: a body not complete within {@link Limits#bodyTimeout} of its request's arrival is
 *       {@code 408} (so is one whose bytes stop for the server's idle timeout, READ_TIMEOUT);
 *   <li>memory: all bodies being read at once may hold at most the {@link BodyBudget}; a body that
 *       would go past it is {@code 503} with {@code Retry-After}.
 * </ul>
 *
 * <p>A body that breaks off (a bad chunk size, the connection closing before its Content-Length) is
 * {@code 400}. Any method but POST is {@code 405}. An endpoint that throws is a bug: {@code 500}
 * without detail, logged with its stack trace.
 */
public final class HttpEdge extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);
  private static final int MAX_LOGGED_PATH = 120;
  private static final int FIRST_BUFFER = 8 * 1024;

  /**
   * How much body the server reads and how fast, the same for every edge.
   *
   * @param maxBodyBytes the largest body read at all (MAX_BODY_BYTES): one over an endpoint's own
   *     size is read and discarded up to this, so that its client reads the 413 intact
   * @param bodyTimeout how long the whole body may take to arrive (BODY_TIMEOUT)
   * @param budget the bytes all bodies being read at once may hold, shared by every edge
   */
  public record Limits(long maxBodyBytes, Duration bodyTimeout, BodyBudget budget) {
    public Limits {
      if (maxBodyBytes < 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxBodyBytes out of range: " + maxBodyBytes);
      }
      if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
        throw new IllegalArgumentException("bodyTimeout must be positive");
      }
      Objects.requireNonNull(budget, "budget");
    }

    /**
     * The most of a refused body (a 413, a 503) read and discarded <em>after</em> its answer went
     * out: {@value #DISCARD_FACTOR} times {@link #maxBodyBytes}, within {@link #bodyTimeout}. A
     * client that sends its whole body before it reads (the JDK's HTTP client, most scripts) then
     * finishes sending and reads the answer; closed with its body unread, the connection would be
     * reset under it and the answer lost. A body declared larger still is not waited for.
     */
    public long discardBytes() {
      return Math.min(DISCARD_FACTOR * maxBodyBytes, Integer.MAX_VALUE);
    }
  }

  /** How many times MAX_BODY_BYTES a refused body may be discarded after its answer. */
  static final long DISCARD_FACTOR = 4;

  /** The bytes of request bodies the server holds at once, all edges together. Thread-safe. */
  public static final class BodyBudget {
    private final long bytes;
    private final AtomicLong held = new AtomicLong();

    public BodyBudget(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("a budget of at least one byte");
      }
      this.bytes = bytes;
    }

    /** Bytes held by bodies being read or handled now. */
    public long held() {
      return held.get();
    }

    boolean reserve(long n) {
      while (true) {
        long now = held.get();
        if (now + n > bytes) {
          return false;
        }
        if (held.compareAndSet(now, now + n)) {
          return true;
        }
      }
    }

    void release(long n) {
      held.addAndGet(-n);
    }
  }

  private final HttpEndpoint endpoint;
  private final long maxBodyBytes;
  private final Limits limits;

  /**
   * @param maxBodyBytes the largest body this endpoint takes (at most the limits' own)
   */
  public HttpEdge(HttpEndpoint endpoint, long maxBodyBytes, Limits limits) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.maxBodyBytes = Math.min(maxBodyBytes, limits.maxBodyBytes());
  }

  /**
   * A handler that reads and discards any body a request carries (within {@code limits}: its {@link
   * Limits#maxBodyBytes} is how much may be drained) before {@code next} handles it.
   *
   * <p>Requests for which {@code readsItsOwnBody} holds (the POSTs an edge serves) pass untouched.
   * For every other route (GETs, unknown paths), which reads no body: a response written while the
   * client is still sending makes the server close a connection with unread bytes, and the kernel
   * then resets it, destroying the response the client has not read yet. Drained first, the body is
   * gone and the answer arrives whole.
   */
  public static Handler drainingFirst(
      Handler next, Limits limits, Predicate<Request> readsItsOwnBody) {
    return new Draining(next, limits, readsItsOwnBody);
  }

  /**
   * Reads and discards what is left of a request's body (up to {@link Limits#discardBytes}, within
   * the body timeout), then runs {@code then}, whether the body ended or could not be had: for
   * refusals written where no handler reads the body (a path Jetty would refuse as ambiguous, an
   * error response).
   */
  public static void drain(Request request, Limits limits, Runnable then) {
    boolean bodiless =
        request.getLength() == 0
            || (request.getLength() < 0
                && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    if (bodiless) {
      then.run();
      return;
    }
    new BodyReader(
            request,
            limits,
            limits.discardBytes(),
            0,
            new BodyReader.Outcome() {
              @Override
              public void read(byte[] body) {
                then.run();
              }

              @Override
              public void failed(int status, String reason, String header, String value) {
                then.run();
              }
            })
        .run();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      write(
          response,
          callback,
          HttpReply.error(HttpStatus.METHOD_NOT_ALLOWED_405, "use POST").with("Allow", "POST"));
      return true;
    }
    new BodyReader(
            request,
            limits,
            limits.maxBodyBytes(),
            maxBodyBytes,
            new BodyReader.Outcome() {
              @Override
              public void read(byte[] body) {
                if (body == null) {
                  refuse(
                      request,
                      response,
                      callback,
                      limits,
                      HttpStatus.PAYLOAD_TOO_LARGE_413,
                      tooLarge(),
                      null,
                      null);
                } else {
                  answer(request, response, callback, body);
                }
              }

              @Override
              public void failed(int status, String reason, String header, String value) {
                refuse(request, response, callback, limits, status, reason, header, value);
              }
            })
        .run();
    return true;
  }

  private void answer(Request request, Response response, Callback callback, byte[] body) {
    HttpReply reply;
    try {
      reply = endpoint.handle(call(request, body));
    } catch (Exception | LinkageError e) {
      LOG.error("{} {} failed unexpectedly", request.getMethod(), logged(request), e);
      reply = HttpReply.error(HttpStatus.INTERNAL_SERVER_ERROR_500, null);
    } finally {
      limits.budget().release(body.length);
    }
    write(response, callback, reply);
  }

  /** Drains a request's body, then lets the next handler have it. */
  private static final class Draining extends Handler.Wrapper {
    private final Limits limits;
    private final Predicate<Request> readsItsOwnBody;

    Draining(Handler next, Limits limits, Predicate<Request> readsItsOwnBody) {
      super(next);
      this.limits = limits;
      this.readsItsOwnBody = readsItsOwnBody;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      boolean bodiless =
          request.getLength() == 0
              || (request.getLength() < 0
                  && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
      if (bodiless || readsItsOwnBody.test(request)) {
        return super.handle(request, response, callback);
      }
      new BodyReader(
              request,
              limits,
              limits.maxBodyBytes(),
              0,
              new BodyReader.Outcome() {
                @Override
                public void read(byte[] body) {
                  try {
                    if (!Draining.super.handle(request, response, callback)) {
                      Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                    }
                  } catch (Exception e) {
                    Response.writeError(request, response, callback, e);
                  }
                }

                @Override
                public void failed(int status, String reason, String header, String value) {
                  refuse(request, response, callback, limits, status, reason, header, value);
                }
              })
          .run();
      return true;
    }
  }

  private String tooLarge() {
    return "the body is larger than " + maxBodyBytes + " bytes";
  }

  /**
   * Answers a body the edge would not read to the end: one WARN line, {@code Connection: close},
   * and what is left of the body discarded as it arrives (see {@link Limits#discardBytes}) before
   * the connection closes.
   */
  private static void refuse(
      Request request,
      Response response,
      Callback callback,
      Limits limits,
      int status,
      String reason,
      String header,
      String value) {
    LOG.warn(
        "Refused {} {} from {} with {}: {}",
        HttpReply.printable(request.getMethod()),
        logged(request),
        Request.getRemoteAddr(request),
        status,
        reason);
    HttpReply reply = HttpReply.error(status, reason);
    if (header != null) {
      reply = reply.with(header, value);
    }
    if (!response.isCommitted()) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    write(
        response,
        Callback.from(() -> discardTheRest(request, limits, callback), callback::failed),
        reply);
  }

  /**
   * Reads and discards the rest of a refused body, then completes {@code callback}. The answer has
   * gone out and the server has closed its side (the client reads it and the end of the stream);
   * the body's bytes still arriving are read rather than left unread: a connection closed with
   * bytes unread is reset, and a reset makes the client's kernel drop the answer it has not read
   * yet. A body that broke off or timed out ends this at once; one past {@link Limits#discardBytes}
   * or {@link Limits#bodyTimeout} is abandoned (then a reset may still follow).
   */
  private static void discardTheRest(Request request, Limits limits, Callback callback) {
    if (request.getLength() == 0) {
      callback.succeeded();
      return;
    }
    new BodyReader(
            request,
            limits,
            limits.discardBytes(),
            0,
            new BodyReader.Outcome() {
              @Override
              public void read(byte[] body) {
                callback.succeeded();
              }

              @Override
              public void failed(int status, String reason, String header, String value) {
                callback.succeeded();
              }
            })
        .run();
  }

  private static void write(Response response, Callback callback, HttpReply reply) {
    if (response.isCommitted()) {
      callback.failed(new IllegalStateException("response already committed"));
      return;
    }
    response.setStatus(reply.status());
    reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    if (!reply.contentType().isEmpty()) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  private static HttpCall call(Request request, byte[] body) {
    Map<String, List<String>> headers = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers
          .computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>())
          .add(field.getValue());
    }
    boolean loopback =
        request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a
            && a.getAddress() != null
            && a.getAddress().isLoopbackAddress();
    return new HttpCall(
        request.getMethod(),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        headers,
        body,
        Request.getRemoteAddr(request),
        loopback);
  }

  private static String logged(Request request) {
    String path = request.getHttpURI().getPath();
    return HttpReply.printable(
        path == null
            ? ""
            : path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) + "..." : path);
  }
}
