package dev.genaipitch.app.server;

import dev.genaipitch.http.HttpEdge;
import dev.genaipitch.http.HttpReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error response Jetty itself writes (a request it cannot parse, a path nobody serves, a
 * handler that failed) in the one shape the HTTP edge writes too, {@link HttpReply#error}: {@code
 * {"status", "error", "message"}}. Never a stack trace, never an exception message for a 5xx.
 */
final class JsonErrorHandler extends ErrorHandler {

  private final long maxBodyBytes;
  private final HttpEdge.Limits limits;

  JsonErrorHandler(HttpEdge.Limits limits) {
    this.limits = limits;
    this.maxBodyBytes = limits.maxBodyBytes();
    setShowStacks(false);
    setShowCauses(false);
  }

  /**
   * Every method gets the error body (Jetty's own gives GET, POST and HEAD one): a handler that
   * completes without writing leaves Jetty to end the response from the completion, on a path that
   * races its handler invoker (see {@link JettyRefusals}).
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    int status = code;
    if (status == HttpStatus.INTERNAL_SERVER_ERROR_500 && causedBy(cause, TimeoutException.class)) {
      status = HttpStatus.REQUEST_TIMEOUT_408;
    }
    int answered = status;
    // A body nobody read (an ambiguous path Jetty refuses before any handler, say) is drained
    // first: closed with bytes unread, the connection would be reset under a client still sending,
    // and its answer lost.
    HttpEdge.drain(
        request,
        limits,
        () -> {
          response.setStatus(answered);
          generateCacheControl(response);
          if (!request.getConnectionMetaData().isPersistent() || !request.consumeAvailable()) {
            // Jetty closes this connection after the response (a request it could not parse, a
            // body left unread): say so, or a client reusing the connection loses its next
            // request.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
          }
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
          response.write(
              true,
              ByteBuffer.wrap(body(answered, clientMessage(answered, message, cause))),
              callback);
        });
  }

  /**
   * Errors found while parsing a request, before any handler ran (bad request line, huge headers).
   * Jetty closes the connection after these: the response says so, or a client reusing the
   * connection would lose its next request without an answer.
   */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    return ByteBuffer.wrap(body(status, clientMessage(status, reason, null)));
  }

  private String clientMessage(int status, String message, Throwable cause) {
    if (status == HttpStatus.PAYLOAD_TOO_LARGE_413) {
      return "the body is larger than " + maxBodyBytes + " bytes";
    }
    if (status == HttpStatus.REQUEST_TIMEOUT_408) {
      return "the request did not arrive in time";
    }
    if (status >= 500) {
      return HttpStatus.getMessage(status);
    }
    String text =
        cause instanceof HttpException http && http.getReason() != null
            ? http.getReason()
            : message;
    return text == null || text.isBlank() ? HttpStatus.getMessage(status) : text;
  }

  private static byte[] body(int status, String message) {
    return HttpReply.errorJson(status, message).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
