package dev.genaipitch.teams;

import dev.genaipitch.http.HttpCall;
import dev.genaipitch.http.HttpEndpoint;
import dev.genaipitch.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}, behind the server's HTTP edge (which has read the body): refuses what
 * is malformed (400) or not from the Bot Framework (401), and hands the rest to {@link TeamsBot}.
 * Blocking: authentication may fetch keys and replies wait for the connector.
 */
final class ActivityEndpoint implements HttpEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(ActivityEndpoint.class);

  /** Headers a proxy or tunnel adds: the request came from elsewhere, whatever the connection. */
  private static final List<String> FORWARDING_HEADERS =
      List.of(
          "Forwarded",
          "X-Forwarded-For",
          "X-Forwarded-Host",
          "X-Real-IP",
          "CF-Connecting-IP",
          "True-Client-IP");

  private final Authenticator authenticator;
  private final TeamsBot teams;
  private volatile boolean closed;

  ActivityEndpoint(Authenticator authenticator, TeamsBot teams) {
    this.authenticator = authenticator;
    this.teams = teams;
  }

  /** From now on activities are refused with 503 (the Bot Framework delivers them again). */
  void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }

  @Override
  public HttpReply handle(HttpCall call) {
    if (closed) {
      return HttpReply.error(503, "shutting down");
    }
    IncomingActivity activity;
    try {
      activity = IncomingActivity.parse(call.body());
    } catch (IncomingActivity.Malformed e) {
      return HttpReply.error(400, "bad activity: " + e.getMessage());
    }
    try {
      authenticator.authenticate(caller(call), activity);
    } catch (Authenticator.Unauthorized e) {
      // The type is the caller's, and the caller is not authenticated: never log it as sent.
      LOG.info(
          "Teams: refused an activity of type {} with 401: {}",
          LogText.of(activity.type()),
          e.getMessage());
      return HttpReply.error(401, "unauthorized");
    }
    TeamsBot.Result result = teams.handle(activity);
    if (result.json() == null) {
      return HttpReply.empty(result.status());
    }
    return new HttpReply(
        result.status(),
        java.util.Map.of(),
        HttpReply.JSON,
        result.json().getBytes(StandardCharsets.UTF_8));
  }

  private static Authenticator.Caller caller(HttpCall call) {
    boolean forwarded = FORWARDING_HEADERS.stream().anyMatch(call::has);
    return new Authenticator.Caller(call.header("Authorization"), call.loopback(), forwarded);
  }
}
