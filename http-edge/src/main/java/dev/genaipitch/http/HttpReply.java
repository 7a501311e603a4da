package dev.genaipitch.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link HttpEndpoint} answers: a status, headers, and a body of a content type.
 *
 * <p>Every error the server writes has one shape, {@link #error}: {@code {"status", "error",
 * "message"}}, the message a reason for the client (at most {@value #MAX_MESSAGE} printable ASCII
 * characters: it never echoes anything odd), never a stack trace.
 *
 * @param headers extra headers (not the content type or length)
 * @param contentType the body's type; empty when there is no body
 */
public record HttpReply(int status, Map<String, String> headers, String contentType, byte[] body) {

  /** The content type of every JSON answer. */
  public static final String JSON = "application/json; charset=utf-8";

  static final int MAX_MESSAGE = 200;

  public HttpReply {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** A JSON answer. */
  public static HttpReply json(int status, String json) {
    return new HttpReply(status, Map.of(), JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A plain text answer. */
  public static HttpReply text(int status, String text) {
    return new HttpReply(
        status, Map.of(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** An answer of this type with these bytes. */
  public static HttpReply of(int status, String contentType, String body) {
    return new HttpReply(status, Map.of(), contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A status alone, without a body (200 for an acknowledgement, 204). */
  public static HttpReply empty(int status) {
    return new HttpReply(status, Map.of(), "", new byte[0]);
  }

  /**
   * The one error shape, {@code {"status", "error", "message"}}, with {@code message} as reason.
   */
  public static HttpReply error(int status, String message) {
    return json(status, errorJson(status, message));
  }

  /** The same answer with one more header. */
  public HttpReply with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, more, contentType, body);
  }

  /**
   * The error body: {@code {"status":413,"error":"Payload Too Large","message":"..."}} and a line
   * break. Written by hand: Jackson's start-up cost is not worth three fields of printable ASCII.
   */
  public static String errorJson(int status, String message) {
    return "{\"status\":"
        + status
        + ",\"error\":"
        + quote(reasonPhrase(status))
        + ",\"message\":"
        + quote(message == null || message.isBlank() ? reasonPhrase(status) : message)
        + "}\n";
  }

  /** The standard reason phrase of a status ("Bad Request"), or "Error". */
  static String reasonPhrase(int status) {
    String phrase = org.eclipse.jetty.http.HttpStatus.getMessage(status);
    return phrase == null ? "Error" : phrase;
  }

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

  /** At most {@value #MAX_MESSAGE} printable ASCII characters, anything else as '?'. */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_MESSAGE; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
