package dev.genaipitch.app.server;

import dev.genaipitch.http.HttpEdge;
import dev.genaipitch.http.HttpReply;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.ComplianceUtils;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests Jetty refuses in its own code before any handler runs (an ambiguous path such as one
 * with {@code %2F}, a path not starting with {@code /}, a duplicate or blank {@code Host}, a {@code
 * Host} that contradicts the request line), answered by our handler instead: the same 400 with the
 * same reason, on the same rules (Jetty's own checks, with the server's own compliance modes), but
 * after the body is drained, and through the request's ordinary callback.
 *
 * <p>Why (main's CI, HostileFuzzTest): Jetty answers these from the code that invokes handlers, as
 * an error response whose completion races the invoker's own: when the previous response on the
 * same connection completed from Jetty's write invoker (any response to a body that arrived after
 * its headers) and that thread was still inside the invoker, the refusal's write callback queued
 * behind it and ran after the request had been recycled: "IllegalStateException: channel already
 * completed" or, with {@code -ea}, an {@code AssertionError} in {@code SerializedInvoker}. Answered
 * by a handler, the request completes on the ordinary path, which has no such race. And its body is
 * read before the answer, so a client still sending reads the 400 instead of a reset.
 *
 * <p>A request target Jetty cannot even parse ({@code /%00}, {@code /%zz}, a path not starting with
 * {@code /}) fails earlier still, in the parser, before the request's headers are read: Jetty then
 * answers at once, with no {@code Content-Length} known, and closes with the body unread, so a
 * client still sending lost the answer to the reset (main's CI, HostileFuzzTest: {@code POST /%00}
 * with 126 KB). {@link #connections} keeps such a target out of the parser: it gives Jetty a
 * stand-in, and the request is answered here like the others, after its body is drained.
 */
final class JettyRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(JettyRefusals.class);
  private static final String REFUSED = JettyRefusals.class.getName() + ".refused";

  /** On the connection: the target of the request being parsed, when Jetty could not take it. */
  private static final String UNPARSEABLE = JettyRefusals.class.getName() + ".unparseable";

  /** The buffer the rest of a refused request is read into and dropped from. */
  private static final int DROP_BUFFER = 8 * 1024;

  /** What Jetty parses instead of a target it cannot (the request is refused all the same). */
  private static final String STAND_IN_TARGET = "/";

  /** Where a refused request is routed: no route serves it, and it has no violations. */
  private static final HttpURI NOWHERE = HttpURI.from("/-");

  private JettyRefusals() {}

  /**
   * The customizer that marks a request Jetty would refuse (and gives Jetty a stand-in that passes
   * its checks); {@link #answered} answers it.
   */
  static HttpConfiguration.Customizer marking() {
    return JettyRefusals::mark;
  }

  /**
   * Answers a marked request 400 with Jetty's reason once its body is drained; passes the rest to
   * {@code next}. Also answers a handler that throws (500) on the ordinary path, for the same
   * reason.
   */
  static Handler answered(Handler next, HttpEdge.Limits limits) {
    return new Answering(next, limits);
  }

  /**
   * The HTTP/1.1 connections of a connector: Jetty's own, except that a request target Jetty cannot
   * parse is replaced by a stand-in and marked, so that {@link #answered} refuses the request after
   * its body is drained, as it does the others.
   */
  static HttpConnectionFactory connections(HttpConfiguration config, HttpEdge.Limits limits) {
    return new HttpConnectionFactory(config) {
      @Override
      public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection =
            new StandInTargets(getHttpConfiguration(), connector, endPoint, limits);
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
      }
    };
  }

  /** The target as sent, and why Jetty cannot take it. */
  private record Unparseable(String target, String reason) {}

  /**
   * Jetty's connection, with a stand-in for a target it cannot parse (see {@link #connections}),
   * and a lingering close.
   *
   * <p>Once Jetty has decided to close a connection (it answered a request its parser refused: a
   * header over the limit, a malformed header line or {@code Content-Length}, a malformed chunk; or
   * any response it will not keep the connection open after), it sends the answer, shuts its output
   * and waits for the client's end of the stream; but the first bytes that arrive instead make it
   * close at once ("Parser is terminated"). A client still sending the rest of its request then
   * finds the connection reset, and a reset makes its kernel drop the answer it has not read yet.
   * Here those bytes are read and dropped until the client ends its side, as servers' lingering
   * close does, within {@link HttpEdge.Limits#discardBytes} and {@link HttpEdge.Limits#bodyTimeout}
   * (past either, the connection is closed as before), and the connection's idle timeout still ends
   * a client that goes silent.
   */
  private static final class StandInTargets extends HttpConnection {
    private final HttpEdge.Limits limits;
    private RequestHandler requests;
    private ByteBuffer dropped;
    private long lingered;
    private long lingerSince;

    StandInTargets(
        HttpConfiguration config, Connector connector, EndPoint endPoint, HttpEdge.Limits limits) {
      super(config, connector, endPoint);
      this.limits = limits;
    }

    // Called by Jetty's constructor, before this class's fields are set: kept for newHttpParser.
    @Override
    protected RequestHandler newRequestHandler() {
      RequestHandler handler = super.newRequestHandler();
      requests = handler;
      return handler;
    }

    // Jetty's parser, except that it drops what arrives after the connection's last response
    // instead of refusing it (see LingeringParser).
    @Override
    protected HttpParser newHttpParser(HttpCompliance compliance) {
      HttpParser parser =
          new LingeringParser(requests, getHttpConfiguration().getRequestHeaderSize(), compliance);
      parser.setHeaderCacheSize(getHttpConfiguration().getHeaderCacheSize());
      parser.setHeaderCacheCaseSensitive(getHttpConfiguration().isHeaderCacheCaseSensitive());
      return parser;
    }

    @Override
    public void onFillable() {
      // CLOSE: a response after which Jetty closes has been sent; what arrives now is the rest of a
      // request nobody will read.
      if (getParser().isClose() && getHttpChannel().getRequest() == null) {
        linger();
      } else {
        super.onFillable();
      }
    }

    /** Reads and drops what arrives until the client's end of the stream or a limit. */
    private void linger() {
      EndPoint endPoint = getEndPoint();
      if (dropped == null) {
        dropped = ByteBuffer.allocate(DROP_BUFFER);
      }
      try {
        endPoint.shutdownOutput();
        while (endPoint.isOpen()) {
          if (!mayLinger()) {
            endPoint.close();
            return;
          }
          BufferUtil.clear(dropped);
          int filled = endPoint.fill(dropped);
          if (filled == 0) {
            fillInterested();
            return;
          } else if (filled < 0) {
            endPoint.close();
            return;
          }
          lingered += filled;
        }
      } catch (IOException e) {
        endPoint.close(e);
      }
    }

    /** Whether more of a refused request may still be read and dropped. */
    private boolean mayLinger() {
      if (lingerSince == 0) {
        lingerSince = NanoTime.now();
        // A client that has read the answer and the end of the stream closes its side at once; one
        // that goes silent instead is not waited for longer than a body may take.
        EndPoint endPoint = getEndPoint();
        endPoint.setIdleTimeout(
            Math.min(endPoint.getIdleTimeout(), limits.bodyTimeout().toMillis()));
      }
      // A server shutting down waits for its connections to close: it does not linger.
      boolean within =
          !getConnector().isShutdown()
              && lingered <= limits.discardBytes()
              && NanoTime.millisSince(lingerSince) <= limits.bodyTimeout().toMillis();
      if (!within) {
        LOG.debug("Closing {} after dropping {} bytes of a refused request", this, lingered);
      }
      return within;
    }

    /**
     * When the connection's last response has completed on the thread that parsed its request (a
     * refusal written from inside the handler), Jetty's loop goes on to read, finds its parser
     * closed and closes the connection, with the rest of the request unread. This parser is not
     * "terminated" for that loop while it may linger: it drops the bytes instead, and Jetty then
     * waits for more, which {@link #onFillable} reads and drops in turn.
     */
    private final class LingeringParser extends HttpParser {
      LingeringParser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
        super(handler, maxHeaderBytes, compliance);
      }

      @Override
      public boolean isTerminated() {
        if (super.isTerminated() && lingersNow() && mayLinger()) {
          // The response is complete: the client reads it and then the end of the stream.
          getEndPoint().shutdownOutput();
          return false;
        }
        return super.isTerminated();
      }

      @Override
      public boolean parseNext(ByteBuffer buffer) {
        if (lingersNow()) {
          lingered += buffer.remaining();
          BufferUtil.clear(buffer);
          // At the client's end of the stream, Jetty's own parsing moves on to CLOSED.
          return isAtEOF() && super.parseNext(buffer);
        }
        return super.parseNext(buffer);
      }

      /** Closing, and no request is left to read: the connection's last response went out. */
      private boolean lingersNow() {
        return isClose() && getHttpChannel().getRequest() == null;
      }
    }

    @Override
    protected HttpStreamOverHTTP1 newHttpStream(String method, String target, HttpVersion version) {
      // One request at a time is parsed on a connection: the mark is for this one, and is read
      // (and removed) by the customizer once its headers are in.
      removeAttribute(UNPARSEABLE);
      String reason = target == null ? null : unparseable(method, target);
      if (reason == null) {
        return super.newHttpStream(method, target, version);
      }
      setAttribute(UNPARSEABLE, new Unparseable(target, reason));
      return super.newHttpStream(method, STAND_IN_TARGET, version);
    }

    /**
     * Why Jetty would fail this target before the request's headers are read; null if it would not.
     */
    private static String unparseable(String method, String target) {
      HttpURI uri;
      try {
        uri = HttpURI.build(method, target);
      } catch (IllegalArgumentException e) {
        return e.getMessage() == null || e.getMessage().isBlank()
            ? "Bad URI"
            : "Bad URI: " + HttpReply.printable(e.getMessage());
      }
      // Jetty gives an origin-form target the server's authority, which fails on a relative path.
      boolean relative =
          !uri.isAbsolute()
              && uri.getPath() != null
              && !uri.getPath().isEmpty()
              && !uri.getPath().startsWith("/");
      boolean asterisk =
          "*".equals(uri.getPath()) && (HttpMethod.OPTIONS.is(method) || HttpMethod.PRI.is(method));
      return relative && !asterisk && !HttpMethod.CONNECT.is(method) ? "Bad URI path" : null;
    }
  }

  private static Request mark(Request request, HttpFields.Mutable responseHeaders) {
    HttpConfiguration config = request.getConnectionMetaData().getHttpConfiguration();
    if (request.getConnectionMetaData().removeAttribute(UNPARSEABLE)
        instanceof Unparseable unparseable) {
      request.setAttribute(REFUSED, unparseable.reason());
      request.setAttribute(UNPARSEABLE, unparseable.target());
      return new StandIn(request, false);
    }
    String reason = null;
    boolean badHeaders = false;
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path != null
        && !path.startsWith("/")
        && !HttpMethod.PRI.is(method)
        && !HttpMethod.CONNECT.is(method)
        && !HttpMethod.OPTIONS.is(method)) {
      reason = "Bad URI path";
    } else {
      try {
        ComplianceUtils.verify(
            config.getUriCompliance(),
            request.getHttpURI(),
            null,
            message -> new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, message));
      } catch (HttpException.RuntimeException e) {
        reason = e.getReason();
      }
      if (reason == null) {
        try {
          ComplianceUtils.verify(
              request.getHttpURI(), request.getHeaders(), config.getHttpCompliance(), null);
        } catch (HttpException.RuntimeException e) {
          reason = e.getReason();
          badHeaders = true;
        }
      }
    }
    if (reason == null) {
      return request;
    }
    request.setAttribute(REFUSED, reason.isBlank() ? "Bad Request" : reason);
    return new StandIn(request, badHeaders);
  }

  /** What Jetty checks instead of a refused request: a path nobody serves, one Host at most. */
  private static final class StandIn extends Request.Wrapper {
    private final HttpFields headers;

    StandIn(Request request, boolean badHeaders) {
      super(request);
      this.headers =
          badHeaders
              ? HttpFields.build(request.getHeaders()).remove(HttpHeader.HOST).asImmutable()
              : request.getHeaders();
    }

    @Override
    public HttpURI getHttpURI() {
      return NOWHERE;
    }

    @Override
    public HttpFields getHeaders() {
      return headers;
    }
  }

  private static final class Answering extends Handler.Wrapper {
    private final HttpEdge.Limits limits;

    Answering(Handler next, HttpEdge.Limits limits) {
      super(next);
      this.limits = limits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (request.getAttribute(REFUSED) instanceof String reason) {
        LOG.info(
            "Refused {} {} from {} with 400: {}",
            HttpReply.printable(request.getMethod()),
            HttpReply.printable(abbreviated(target(request))),
            Request.getRemoteAddr(request),
            reason);
        HttpEdge.drain(
            request,
            limits,
            () -> {
              // As Jetty does: a request this malformed ends its connection.
              response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
              Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, reason);
            });
        return true;
      }
      LastWritten written = new LastWritten(request, response);
      Callback completed = written.completing(callback);
      try {
        if (!super.handle(request, written, completed)) {
          Response.writeError(request, written, completed, HttpStatus.NOT_FOUND_404);
        }
      } catch (Throwable e) {
        // Thrown to Jetty, this would be answered on its racy error path (see the class comment).
        Response.writeError(request, written, completed, e);
      }
      return true;
    }
  }

  /**
   * Sees that every response ends with a last write before its callback completes: a handler that
   * completes its callback without one (a 304, an error for a method without an error page) leaves
   * Jetty to send the end itself from the completion, on the same racy path as its own refusals.
   */
  private static final class LastWritten extends Response.Wrapper {
    private volatile boolean last;

    LastWritten(Request request, Response response) {
      super(request, response);
    }

    @Override
    public void write(boolean last, java.nio.ByteBuffer content, Callback callback) {
      if (last) {
        this.last = true;
      }
      super.write(last, content, callback);
    }

    Callback completing(Callback callback) {
      return new Callback() {
        @Override
        public void succeeded() {
          if (last) {
            callback.succeeded();
          } else {
            write(true, null, callback);
          }
        }

        @Override
        public void failed(Throwable x) {
          callback.failed(x);
        }

        @Override
        public InvocationType getInvocationType() {
          return callback.getInvocationType();
        }
      };
    }
  }

  /** The path as sent, or for a target Jetty could not parse, the target as sent. */
  private static String target(Request request) {
    return request.getAttribute(UNPARSEABLE) instanceof String target
        ? target
        : Request.unWrap(request).getHttpURI().getPath();
  }

  private static String abbreviated(String path) {
    return path == null ? "" : path.length() > 120 ? path.substring(0, 120) + "..." : path;
  }
}
