package dev.genaipitch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A hand-driven HTTP/1.1 connection, for what ordinary clients cannot do: send half a body, wait,
 * then send the rest. Reads time out rather than hang a test.
 */
public final class RawHttp implements AutoCloseable {

  /** A response as read off the wire. */
  public record Reply(int status, String head, String body) {}

  private static final int READ_TIMEOUT_MS = 30_000;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawHttp(int port, int sendBufferBytes) throws IOException {
    socket = new Socket();
    if (sendBufferBytes > 0) {
      socket.setSendBufferSize(sendBufferBytes);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  public static RawHttp connect(int port) throws IOException {
    return new RawHttp(port, 0);
  }

  /**
   * A connection with a small send buffer: a large body is still being sent, a piece at a time,
   * when the server answers.
   */
  public static RawHttp connectWithSmallBuffers(int port) throws IOException {
    return new RawHttp(port, 8 * 1024);
  }

  /**
   * Whether the server, once it has read what this client sent, closes the connection without a
   * reset: the end of the stream, not "connection reset".
   */
  public boolean endsWithoutAReset() throws IOException {
    socket.shutdownOutput();
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return false;
    }
  }

  /** Sends a POST's head announcing {@code length} bytes of body, and the first part of it. */
  public RawHttp startPost(String path, int length, String firstPart) throws IOException {
    send(
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: "
            + length
            + "\r\nConnection: close\r\n\r\n"
            + firstPart);
    return this;
  }

  public RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  public RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Ends what this side sends (a half-close): the server reads the end of the stream. */
  public void closeOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Whether any of an answer has arrived (without waiting for one). */
  public boolean answered() throws IOException {
    return in.available() > 0;
  }

  /** Reads until the server closes the connection (requests here say Connection: close). */
  public Reply read() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // reset after the response: what was read is the answer
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      return new Reply(0, text, "");
    }
    return new Reply(
        Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
  }

  /**
   * Reads one response, its body by Content-Length, leaving the connection for the next; null when
   * the server closed the connection without answering.
   */
  public Reply readOne() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c;
      try {
        c = in.read();
      } catch (java.net.SocketException e) {
        c = -1;
      }
      if (c < 0) {
        return null;
      }
      head.write(c);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Reply(Integer.parseInt(text.substring(9, 12)), text.strip(), body);
  }

  /** Whether a new connection to {@code port} is refused now. */
  public static boolean refused(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits, without sleeping, until new connections to {@code port} are refused: each attempt is a
   * connect, which a closed port refuses at once.
   */
  public static boolean awaitRefused(int port, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (refused(port)) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
