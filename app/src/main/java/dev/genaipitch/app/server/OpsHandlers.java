package dev.genaipitch.app.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The operations endpoints: health, readiness, metrics and the report, all read-only GETs. */
public final class OpsHandlers {

  /** A response to a GET. */
  record Reply(int status, String contentType, String body) {
    static Reply text(int status, String body) {
      return new Reply(status, "text/plain; charset=utf-8", body);
    }
  }

  private OpsHandlers() {}

  /** {@code GET /healthz}: 200 while the process can answer at all. */
  public static Handler health() {
    return get(() -> Reply.text(HttpStatus.OK_200, "ok\n"));
  }

  /**
   * {@code GET /readyz}: 200 when every readiness check passes, else 503 naming those that fail.
   */
  public static Handler readiness(Readiness readiness) {
    return get(
        () -> {
          List<String> failing = readiness.failing();
          return failing.isEmpty()
              ? Reply.text(HttpStatus.OK_200, "ready\n")
              : Reply.text(
                  HttpStatus.SERVICE_UNAVAILABLE_503,
                  "not ready: " + String.join(", ", failing) + "\n");
        });
  }

  /** {@code GET /metrics}: Prometheus text exposition format 0.0.4. */
  public static Handler metrics(Supplier<String> scrape) {
    return get(
        () ->
            new Reply(HttpStatus.OK_200, "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
  }

  /** A GET endpoint answering JSON, computed from the request (its query, say). */
  public static Handler json(Function<Request, String> body) {
    return get(request -> new Reply(HttpStatus.OK_200, "application/json", body.apply(request)));
  }

  /** Answers GET and HEAD with {@code reply}; other methods get 405. */
  static Handler get(Supplier<Reply> reply) {
    return get(request -> reply.get());
  }

  /** Answers GET and HEAD with the reply for the request; other methods get 405. */
  static Handler get(Function<Request, Reply> reply) {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (!head && !HttpMethod.GET.is(request.getMethod())) {
          response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
          Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
          return true;
        }
        Reply r = reply.apply(request);
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, head ? null : java.nio.ByteBuffer.wrap(bytes), callback);
        return true;
      }
    };
  }
}
