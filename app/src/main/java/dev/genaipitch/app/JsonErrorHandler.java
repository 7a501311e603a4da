package dev.genaipitch.app;

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
 * Every error response the server writes, from any handler or from Jetty itself: a small JSON
 * object {@code {"status", "error", "message"}}. Never a stack trace, never an exception message
 * for a 5xx (Jetty logs those, with the stack trace, at WARN).
 */
final class JsonErrorHandler extends ErrorHandler {

  private static final int MAX_MESSAGE = 200;

  private final long maxBodyBytes;

  JsonErrorHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
    setShowStacks(false);
    setShowCauses(false);
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
    response.setStatus(status);
    generateCacheControl(response);
    if (!request.getConnectionMetaData().isPersistent() || !request.consumeAvailable()) {
      // Jetty closes this connection after the response (a request it could not parse, a body
      // left unread): say so, or a client reusing the connection loses its next request.
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(
        true, ByteBuffer.wrap(body(status, clientMessage(status, message, cause))), callback);
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
      return "request body is larger than " + maxBodyBytes + " bytes";
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
    return text == null || text.isBlank() ? HttpStatus.getMessage(status) : printable(text);
  }

  // Written by hand: Jackson's start-up cost is not worth three fields of printable ASCII.
  private static byte[] body(int status, String message) {
    String json =
        "{\"status\":"
            + status
            + ",\"error\":"
            + quote(HttpStatus.getMessage(status))
            + ",\"message\":"
            + quote(message)
            + "}\n";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string of printable ASCII (what {@link #printable} and Jetty's reason phrases give). */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : printable(text).toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  /** At most {@value #MAX_MESSAGE} printable ASCII characters: client messages echo nothing odd. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_MESSAGE; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
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
