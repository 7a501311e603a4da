package dev.genaipitch.teams;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The replies' HTTP/1.1 client: one {@code POST} at a time per connection, blocking on the calling
 * thread, over kept-alive connections (plain or TLS sockets) that go back to a pool when their
 * answer has been read. Nothing runs on another thread: no pool cleaner and no timeout watchdog
 * (OkHttp woke one of each for every reply, and its call machinery was about a quarter of a reply's
 * CPU at 500/s: docs/performance.md), so an idle connection is closed when it is next looked at
 * after {@code keepAlive}, and timeouts are the sockets' own.
 *
 * <p>What it does not do, because the Bot Connector needs none of it: proxies, redirects, HTTP/2,
 * compression, cookies, {@code Expect: 100-continue}. A request is written once and never sent
 * again by this class (a reply is delivered at most once); a connection that has been idle for a
 * while is checked before it is used, as OkHttp did, so that one the server has closed meanwhile is
 * not.
 */
final class ConnectorConnections implements AutoCloseable {

  /** An idle connection older than this is checked for a close by the server before it is used. */
  static final Duration CHECK_AFTER = Duration.ofSeconds(10);

  /** The largest status line and headers read from an answer. */
  private static final int MAX_HEAD = 64 << 10;

  /** An answer's body longer than this is not read to its end: its connection is closed instead. */
  private static final long MAX_DRAIN = 1 << 20;

  private final SocketFactory sockets = NoDelaySockets.INSTANCE;
  private final int maxIdle;
  private final long keepAliveNanos;
  private final int timeoutMillis;
  private final LongSupplier ticker;
  private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param maxIdle how many idle connections are kept, over all hosts
   * @param keepAlive how long a connection may stay idle before it is closed rather than used
   * @param timeout how long to wait to connect (and for a TLS handshake), and then for each read of
   *     the answer
   * @param ticker nanoseconds from an arbitrary origin, for the connections' idle times
   */
  ConnectorConnections(int maxIdle, Duration keepAlive, Duration timeout, LongSupplier ticker) {
    if (maxIdle < 0) {
      throw new IllegalArgumentException("maxIdle must not be negative");
    }
    this.maxIdle = maxIdle;
    this.keepAliveNanos = keepAlive.toNanos();
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    this.ticker = ticker;
  }

  /**
   * Posts {@code body} as JSON to {@code url} (http or https, host required) and reads the answer.
   *
   * @param authorization the {@code Authorization} header's value, or empty for none
   * @return the answer's status code
   * @throws IOException when no answer was read; the request may or may not have reached the
   *     server, and is not sent again
   */
  int post(URI url, String authorization, byte[] body) throws IOException {
    boolean tls = "https".equalsIgnoreCase(url.getScheme());
    String host = url.getHost();
    int port = url.getPort() != -1 ? url.getPort() : tls ? 443 : 80;
    String origin = (tls ? "https://" : "http://") + host + ":" + port;
    Connection c = pooled(origin);
    if (c == null) {
      c = open(tls, host, port);
    }
    boolean reusable = false;
    try {
      c.out.write(request(url, host, port, tls, authorization, body));
      Answer answer = c.readAnswer();
      reusable = answer.keepAlive();
      return answer.status();
    } finally {
      if (reusable) {
        release(origin, c);
      } else {
        c.close();
      }
    }
  }

  /** Closes the idle connections; a connection in use is closed when its exchange ends. */
  @Override
  public void close() {
    closed = true;
    for (Deque<Connection> connections : idle.values()) {
      Connection c;
      while ((c = connections.pollFirst()) != null) {
        idleCount.decrementAndGet();
        c.close();
      }
    }
  }

  /** Where its sockets come from: each write is sent at once ({@link NoDelaySockets}). */
  SocketFactory sockets() {
    return sockets;
  }

  /** How many idle connections are kept now (for tests). */
  int idleConnections() {
    return idleCount.get();
  }

  /** The most recently used idle connection to {@code origin} that is still fit to use, or null. */
  private Connection pooled(String origin) {
    Deque<Connection> connections = idle.get(origin);
    if (connections == null) {
      return null;
    }
    Connection c;
    while ((c = connections.pollFirst()) != null) {
      idleCount.decrementAndGet();
      long idleNanos = ticker.getAsLong() - c.idleSince;
      if (idleNanos < keepAliveNanos
          && (idleNanos < CHECK_AFTER.toNanos() || c.stillOpen(timeoutMillis))) {
        return c;
      }
      c.close();
    }
    return null;
  }

  private void release(String origin, Connection c) {
    if (closed) {
      c.close();
      return;
    }
    if (idleCount.incrementAndGet() > maxIdle) {
      idleCount.decrementAndGet();
      c.close();
      return;
    }
    long now = ticker.getAsLong();
    c.idleSince = now;
    Deque<Connection> connections =
        idle.computeIfAbsent(origin, k -> new ConcurrentLinkedDeque<>());
    connections.offerFirst(c);
    // The oldest are at the end: close those idle for too long.
    Connection oldest;
    while ((oldest = connections.peekLast()) != null
        && now - oldest.idleSince >= keepAliveNanos
        && connections.removeLastOccurrence(oldest)) {
      idleCount.decrementAndGet();
      oldest.close();
    }
    if (closed) {
      close();
    }
  }

  private Connection open(boolean tls, String host, int port) throws IOException {
    // A URI's IPv6 host keeps its brackets; the address does not.
    String address =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    Socket socket = sockets.createSocket();
    try {
      socket.connect(new InetSocketAddress(address, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      if (tls) {
        SSLSocket secure =
            (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, address, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        // The certificate must name the host, as every HTTPS client checks.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        socket = secure;
      }
      return new Connection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The request's bytes, head and body, written in one go. */
  private static byte[] request(
      URI url, String host, int port, boolean tls, String authorization, byte[] body) {
    StringBuilder head = new StringBuilder(256).append("POST ");
    String path = url.getRawPath();
    head.append(path == null || path.isEmpty() ? "/" : path);
    if (url.getRawQuery() != null) {
      head.append('?').append(url.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(host);
    if (port != (tls ? 443 : 80)) {
      head.append(':').append(port);
    }
    head.append("\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ")
        .append(body.length)
        .append("\r\nUser-Agent: genai-pitch\r\n");
    if (!authorization.isEmpty()) {
      head.append("Authorization: ").append(authorization).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** An answer's status, and whether its connection may carry another request. */
  record Answer(int status, boolean keepAlive) {}

  /** One connection and the buffer its answers are read through. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private long idleSince;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /**
     * Whether the server has not closed (or written to) this idle connection: a read that waits 1
     * ms and times out. The socket's timeout is put back after.
     */
    boolean stillOpen(int timeoutMillis) {
      try {
        socket.setSoTimeout(1);
        try {
          in.read(); // an end of stream, or bytes nobody asked for: not fit to use
          return false;
        } catch (SocketTimeoutException e) {
          return true;
        } finally {
          socket.setSoTimeout(timeoutMillis);
        }
      } catch (IOException e) {
        return false;
      }
    }

    /** Reads an answer to its end (skipping interim 1xx answers). */
    Answer readAnswer() throws IOException {
      while (true) {
        String status = line();
        int code = statusCode(status);
        boolean http11 = status.startsWith("HTTP/1.1 ");
        long length = -1;
        boolean chunked = false;
        boolean close = !http11;
        int headBytes = status.length();
        for (String header = line(); !header.isEmpty(); header = line()) {
          headBytes += header.length();
          if (headBytes > MAX_HEAD) {
            throw new ProtocolException("the answer's headers are too long");
          }
          int colon = header.indexOf(':');
          if (colon <= 0) {
            continue;
          }
          String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = header.substring(colon + 1).trim();
          switch (name) {
            case "content-length" -> length = contentLength(value);
            case "transfer-encoding" ->
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            case "connection" -> {
              String v = value.toLowerCase(Locale.ROOT);
              if (v.contains("close")) {
                close = true;
              } else if (v.contains("keep-alive")) {
                close = false;
              }
            }
            default -> {}
          }
        }
        if (code >= 100 && code < 200 && code != 101) {
          continue; // an interim answer: the final one follows
        }
        boolean bodyless = code == 204 || code == 304;
        boolean drained;
        if (bodyless) {
          drained = true;
        } else if (chunked) {
          drained = skipChunked();
        } else if (length >= 0) {
          drained = skip(length);
        } else {
          // No length: the body ends when the server closes the connection.
          return new Answer(code, false);
        }
        // Bytes beyond the answer (nothing asked for them): the connection is not used again.
        return new Answer(code, drained && !close && pos == limit);
      }
    }

    private static int statusCode(String status) throws ProtocolException {
      // HTTP/1.x NNN reason
      if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
        throw new ProtocolException("not an HTTP/1 answer");
      }
      try {
        return Integer.parseInt(status.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new ProtocolException("not an HTTP/1 answer");
      }
    }

    private static long contentLength(String value) throws ProtocolException {
      try {
        long n = Long.parseLong(value);
        if (n < 0) {
          throw new ProtocolException("a negative Content-Length");
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ProtocolException("an unreadable Content-Length");
      }
    }

    /**
     * Skips {@code n} bytes of body; false when it is too long to read to its end (the connection
     * is then not used again).
     */
    private boolean skip(long n) throws IOException {
      if (n > MAX_DRAIN) {
        return false;
      }
      long left = n;
      while (left > 0) {
        if (pos == limit && !fill()) {
          throw new EOFException("the answer ended early");
        }
        int k = (int) Math.min(left, limit - pos);
        pos += k;
        left -= k;
      }
      return true;
    }

    private boolean skipChunked() throws IOException {
      long total = 0;
      while (true) {
        String size = line();
        int semicolon = size.indexOf(';');
        long n;
        try {
          n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
        } catch (NumberFormatException e) {
          throw new ProtocolException("an unreadable chunk size");
        }
        if (n < 0) {
          throw new ProtocolException("an unreadable chunk size");
        }
        if (n == 0) {
          // trailers, up to the empty line
          while (!line().isEmpty()) {
            // ignored
          }
          return true;
        }
        total += n;
        if (total > MAX_DRAIN || !skip(n)) {
          return false;
        }
        if (!line().isEmpty()) {
          throw new ProtocolException("a chunk without its line end");
        }
      }
    }

    /** One line without its CRLF (or LF), in ISO-8859-1. */
    private String line() throws IOException {
      StringBuilder b = null;
      while (true) {
        for (int i = pos; i < limit; i++) {
          if (buffer[i] == '\n') {
            String part = new String(buffer, pos, i - pos, StandardCharsets.ISO_8859_1);
            pos = i + 1;
            String line = b == null ? part : b.append(part).toString();
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
          }
        }
        if (b == null) {
          b = new StringBuilder();
        }
        b.append(new String(buffer, pos, limit - pos, StandardCharsets.ISO_8859_1));
        if (b.length() > MAX_HEAD) {
          throw new ProtocolException("a line of the answer is too long");
        }
        pos = limit;
        if (!fill()) {
          throw new EOFException("the connection closed without an answer");
        }
      }
    }

    /** Reads more into the buffer (which has been used up); false at the end of the stream. */
    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing was left to send
      }
    }
  }
}
