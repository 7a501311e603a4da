package dev.genaipitch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * HTTP/1.1 to the service on loopback with the JDK client, over kept-alive connections: what Slack,
 * Teams and attackers send, and what comes back.
 */
final class Wire {

  /**
   * How long a request may go unanswered before the test calls it lost: long, since it only has to
   * tell a hang from an answer. A fresh service's first request on a loaded machine (class loading,
   * a cold JIT, other builds on the two cores) was seen to take over 15 seconds.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One response. */
  record Reply(int status, String body, Map<String, List<String>> headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    String contentType() {
      return headers.getOrDefault("content-type", List.of("")).get(0);
    }
  }

  private final HttpClient http;
  private final String base;

  Wire(int port) {
    this(port, null);
  }

  /**
   * @param executor the client's own threads (null: the JDK's default)
   */
  Wire(int port, Executor executor) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (executor != null) {
      builder.executor(executor);
    }
    this.http = builder.build();
    this.base = "http://127.0.0.1:" + port;
  }

  Reply post(String path, String body, Map<String, String> headers) {
    return send("POST", path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  /** Sends {@code body} (null for none) with exactly {@code headers}. */
  Reply send(String method, String path, byte[] body, Map<String, String> headers) {
    try {
      HttpResponse<String> response =
          http.send(
              request(method, path, body, headers),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException("no answer to " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest request(String method, String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return request.build();
  }

  HttpClient client() {
    return http;
  }
}
