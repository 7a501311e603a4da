package dev.genaipitch.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Socket Mode envelope through the same Bolt app, and so the same listeners, as a request to
 * the Request URL, and writes the acknowledgement Slack expects: {@code {"envelope_id": ...}}, with
 * the listener's answer as {@code payload} when the envelope accepts one (a slash command's preview
 * rides on it, as on the HTTP acknowledgement).
 *
 * <p>An envelope the listeners refuse (a payload without what its kind must have) is acknowledged
 * all the same and logged: Slack redelivering it would not make it any better.
 */
final class SocketEnvelopes {

  /** What Slack sends and the bot handles; other message types are not envelopes. */
  static boolean isEnvelope(String type) {
    return "events_api".equals(type) || "slash_commands".equals(type) || "interactive".equals(type);
  }

  private static final Logger LOG = LoggerFactory.getLogger(SocketEnvelopes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final App app;
  private final SocketModeRequestParser parser;

  SocketEnvelopes(App app) {
    this.app = app;
    this.parser = new SocketModeRequestParser(app.config());
  }

  /**
   * The acknowledgement of one envelope, once the app has handled it.
   *
   * @param message the envelope as Slack sent it
   * @param envelope its already-read {@code type}, {@code envelope_id} and {@code
   *     accepts_response_payload}
   */
  String answer(String message, JsonNode envelope) {
    String id = envelope.path("envelope_id").asText();
    String type = envelope.path("type").asText();
    ObjectNode ack = JSON.createObjectNode();
    ack.put("envelope_id", id);
    Response response;
    try {
      SocketModeRequest request = parser.parse(message);
      if (request == null || request.getBoltRequest() == null) {
        LOG.warn("Acknowledged a Slack {} envelope the bot cannot read (envelope {})", type, id);
        return ack.toString();
      }
      response = app.run(request.getBoltRequest());
    } catch (BadSlackRequest e) {
      LOG.warn(
          "Acknowledged a Slack {} envelope without answering it (envelope {}): {}",
          type,
          id,
          e.getMessage());
      return ack.toString();
    } catch (Exception e) {
      // Bolt reads payloads lazily: a payload of the wrong shape fails here, as on the HTTP path.
      LOG.warn(
          "Acknowledged a Slack {} envelope the bot could not handle (envelope {}): {}",
          type,
          id,
          e.toString());
      return ack.toString();
    }
    int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
    String body = response.getBody();
    if (status != 200) {
      LOG.debug("Slack {} envelope {} answered {} by the app", type, id, status);
    } else if (body != null
        && !body.isEmpty()
        && envelope.path("accepts_response_payload").asBoolean(false)) {
      ack.set("payload", payload(response, body));
    }
    return ack.toString();
  }

  private static JsonNode payload(Response response, String body) {
    String type = response.getContentType();
    if (type == null || type.startsWith("application/json")) {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        // Not JSON after all: send it as text, as Bolt's own Socket Mode adapter does.
      }
    }
    return JSON.createObjectNode().put("text", body);
  }
}
