package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replies' HTTP/1.1 client against a loopback connector that answers each post with the bytes a
 * test gives it, and counts the connections it accepted and the posts it read.
 */
final class ConnectorConnectionsTest {

  private static final byte[] BODY = "{\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);
  private static final String OK =
      "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{\"id\":\"r-1\"}\n";

  private final AtomicLong now = new AtomicLong();
  private ScriptedConnector connector;
  private ConnectorConnections connections;

  @BeforeEach
  void start() throws IOException {
    connector = new ScriptedConnector();
    connections =
        new ConnectorConnections(4, Duration.ofSeconds(20), Duration.ofSeconds(5), now::get);
  }

  @AfterEach
  void stop() throws IOException {
    connections.close();
    connector.close();
  }

  @Test
  void post_manyInTurn_goOverOneKeptAliveConnection() throws Exception {
    for (int i = 0; i < 5; i++) {
      connector.answer(OK);
      assertThat(connections.post(connector.url("/v3/conversations/a%3A1/activities/9"), "", BODY))
          .isEqualTo(200);
    }

    assertThat(connector.connections()).isEqualTo(1);
    assertThat(connector.posts()).hasSize(5);
    String first = connector.posts().get(0);
    assertThat(first)
        .startsWith("POST /v3/conversations/a%3A1/activities/9 HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + connector.port() + "\r\n")
        .contains("Content-Type: application/json; charset=utf-8\r\n")
        .contains("Content-Length: " + BODY.length + "\r\n")
        .doesNotContain("Authorization")
        .endsWith("\r\n\r\n{\"type\":\"message\"}");
  }

  @Test
  void post_withAToken_carriesItAsTheAuthorizationHeader() throws Exception {
    connector.answer(OK);

    connections.post(connector.url("/v3/conversations/c/activities"), "Bearer t0ken", BODY);

    assertThat(connector.posts().get(0)).contains("\r\nAuthorization: Bearer t0ken\r\n");
  }

  @Test
  void post_answersInEveryFramingHttpAllows_areReadToTheirEnd_andTheConnectionReused()
      throws Exception {
    connector.answer(
        "HTTP/1.1 201 Created\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "4\r\n"
            + "{\"a\"\r\n"
            + "3;x=y\r\n"
            + ":1}\r\n"
            + "0\r\n"
            + "X-Trailer: t\r\n\r\n");
    connector.answer(
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\ncontent-length: 2\r\n\r\n{}");
    connector.answer("HTTP/1.1 204 No Content\r\n\r\n");
    connector.answer("HTTP/1.1 200 OK\nContent-Length: 0\n\n");
    URI url = connector.url("/v3/conversations/c/activities");

    assertThat(connections.post(url, "", BODY)).isEqualTo(201);
    assertThat(connections.post(url, "", BODY)).isEqualTo(202);
    assertThat(connections.post(url, "", BODY)).isEqualTo(204);
    assertThat(connections.post(url, "", BODY)).isEqualTo(200);

    assertThat(connector.connections()).isEqualTo(1);
    assertThat(connections.idleConnections()).isEqualTo(1);
  }

  @Test
  void post_anAnswerThatClosesOrHasNoLength_isNotFollowedOnItsConnection() throws Exception {
    connector.answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
    connector.answer("HTTP/1.1 200 OK\r\n\r\n{\"no\":\"length\"}", true);
    connector.answer("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    connector.answer(OK);
    URI url = connector.url("/v3/conversations/c/activities");

    for (int i = 0; i < 4; i++) {
      assertThat(connections.post(url, "", BODY)).isEqualTo(200);
    }

    assertThat(connector.connections()).isEqualTo(4);
    assertThat(connector.posts()).hasSize(4);
  }

  @Test
  void post_theConnectionClosedWithoutAnAnswer_failsAndIsNotSentAgain() throws Exception {
    connector.answer("", true);

    assertThatThrownBy(
            () -> connections.post(connector.url("/v3/conversations/c/activities"), "", BODY))
        .isInstanceOf(IOException.class);

    assertThat(connector.posts()).hasSize(1);
  }

  @Test
  void post_anAnswerThatIsNotHttp_fails() throws Exception {
    connector.answer("SSH-2.0-OpenSSH\r\n\r\n");

    assertThatThrownBy(
            () -> connections.post(connector.url("/v3/conversations/c/activities"), "", BODY))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an HTTP/1 answer");
  }

  @Test
  void post_afterAnIdleConnectionWasClosedByTheConnector_goesOverANewOne() throws Exception {
    URI url = connector.url("/v3/conversations/c/activities");
    connector.answer(OK);
    connections.post(url, "", BODY);
    connector.closeIdleConnections();
    now.addAndGet(ConnectorConnections.CHECK_AFTER.toNanos() + 1);
    connector.answer(OK);

    assertThat(connections.post(url, "", BODY)).isEqualTo(200);

    assertThat(connector.connections()).isEqualTo(2);
    assertThat(connector.posts()).hasSize(2);
  }

  @Test
  void post_afterTheKeepAlive_closesTheIdleConnection_andOpensANewOne() throws Exception {
    URI url = connector.url("/v3/conversations/c/activities");
    connector.answer(OK);
    connections.post(url, "", BODY);
    now.addAndGet(Duration.ofSeconds(20).toNanos());
    connector.answer(OK);

    connections.post(url, "", BODY);

    assertThat(connector.connections()).isEqualTo(2);
    assertThat(connector.closedByClient()).isEqualTo(1);
  }

  // A serviceUrl over https is spoken to in TLS: nothing of the reply goes out in the clear.
  @Test
  void post_toAnHttpsUrl_beginsWithATlsHandshake_andSendsNothingInTheClear() throws Exception {
    try (ConnectorConnections brief =
        new ConnectorConnections(4, Duration.ofSeconds(20), Duration.ofMillis(300), now::get)) {
      URI url =
          URI.create("https://127.0.0.1:" + connector.port() + "/v3/conversations/c/activities");

      assertThatThrownBy(() -> brief.post(url, "Bearer t0ken", BODY))
          .isInstanceOf(IOException.class);
    }

    assertThat(connector.connections()).isEqualTo(1);
    assertThat(connector.posts()).isEmpty();
  }

  @Test
  void close_closesTheIdleConnections_andKeepsNoneAfter() throws Exception {
    URI url = connector.url("/v3/conversations/c/activities");
    connector.answer(OK);
    connections.post(url, "", BODY);

    connections.close();
    connector.answer(OK);
    connections.post(url, "", BODY);

    assertThat(connections.idleConnections()).isZero();
    assertThat(connector.connections()).isEqualTo(2);
  }

  /**
   * A connector on loopback that reads each post (head and Content-Length body) and writes the next
   * scripted answer, closing the connection after it when told to.
   */
  private static final class ScriptedConnector implements AutoCloseable {
    private record Script(String answer, boolean closeAfter) {}

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final BlockingQueue<Script> answers = new LinkedBlockingQueue<>();
    private final List<String> posts = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final Thread acceptor;

    ScriptedConnector() throws IOException {
      acceptor = new Thread(this::accept, "scripted-connector");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    void answer(String raw) {
      answer(raw, false);
    }

    void answer(String raw, boolean closeAfter) {
      answers.add(new Script(raw, closeAfter));
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return accepted.get();
    }

    int closedByClient() throws InterruptedException {
      for (int i = 0; i < 200 && closedByClient.get() == 0; i++) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      return closedByClient.get();
    }

    List<String> posts() {
      return posts;
    }

    /** Closes every connection the client holds open, as a server does after its idle timeout. */
    void closeIdleConnections() throws IOException {
      synchronized (open) {
        for (Socket s : open) {
          s.close();
        }
      }
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          accepted.incrementAndGet();
          open.add(s);
          Thread t = new Thread(() -> serve(s), "scripted-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        while (true) {
          String head = head(in);
          if (head == null) {
            closedByClient.incrementAndGet();
            return;
          }
          int length = 0;
          for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          byte[] body = in.readNBytes(length);
          posts.add(head + new String(body, StandardCharsets.UTF_8));
          Script script = answers.poll(5, TimeUnit.SECONDS);
          if (script == null) {
            return;
          }
          out.write(script.answer().getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (script.closeAfter()) {
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // the test closed it
      }
    }

    /** The request's head up to and with its empty line, or null at the end of the stream. */
    private static String head(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        b.write(c);
        String s = b.toString(StandardCharsets.ISO_8859_1);
        if (s.endsWith("\r\n\r\n")) {
          return s;
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      server.close();
      closeIdleConnections();
    }
  }
}
