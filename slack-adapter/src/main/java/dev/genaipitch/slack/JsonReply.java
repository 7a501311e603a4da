package dev.genaipitch.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * A JSON answer in the HTTP response (a slash command's), written once as the UTF-8 bytes the
 * server sends: not to a String first and then encoded again, which a slash command's profile
 * showed. To Bolt it is an ordinary response, whose body, if anything asks for it, is the same JSON
 * as text; a body set afterwards replaces the bytes.
 */
final class JsonReply extends Response {

  /**
   * Jackson's defaults, as {@code JsonNode.toString()} writes, except that a character outside the
   * Basic Multilingual Plane (an emoji in the asker's words) goes out as its four UTF-8 bytes, as
   * the text encoded to UTF-8 does, not as two escaped surrogates.
   */
  private static final ObjectWriter WRITER =
      JsonMapper.builder()
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build()
          .writer();

  private byte[] bytes;

  private JsonReply(byte[] bytes) {
    this.bytes = bytes;
    setStatusCode(200);
    setContentType(CONTENT_TYPE_APPLICATION_JSON_UTF8);
    setHeaders(new HashMap<>());
  }

  static Response of(ObjectNode body) {
    try {
      return new JsonReply(WRITER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      // A tree of nodes always writes; should it not, the text is the same JSON.
      return Response.builder()
          .statusCode(200)
          .contentType(CONTENT_TYPE_APPLICATION_JSON_UTF8)
          .body(body.toString())
          .build();
    }
  }

  /** JSON already written as UTF-8 bytes, such as {@link CommandJson}'s. */
  static Response of(byte[] json) {
    return new JsonReply(json);
  }

  /** The body's bytes, or null once a body was set in their place. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public String getBody() {
    return bytes != null ? new String(bytes, StandardCharsets.UTF_8) : super.getBody();
  }

  @Override
  public void setBody(String body) {
    bytes = null;
    super.setBody(body);
  }
}
