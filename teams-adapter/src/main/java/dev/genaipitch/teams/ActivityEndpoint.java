package dev.genaipitch.teams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}: reads the activity, refuses what is malformed (400) or not from the
 * Bot Framework (401), and hands the rest to {@link TeamsBot}. Blocking: authentication may fetch
 * keys and replies wait for the connector.
 */
final class ActivityEndpoint extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(ActivityEndpoint.class);

  /** Headers a proxy or tunnel adds: the request came from elsewhere, whatever the connection. */
  private static final java.util.List<String> FORWARDING_HEADERS =
      java.util.List.of(
          "Forwarded",
          "X-Forwarded-For",
          "X-Forwarded-Host",
          "X-Real-IP",
          "CF-Connecting-IP",
          "True-Client-IP");

  private final Authenticator authenticator;
  private final TeamsBot teams;
  private final long maxBodyBytes;

  ActivityEndpoint(Authenticator authenticator, TeamsBot teams, long maxBodyBytes) {
    this.authenticator = authenticator;
    this.teams = teams;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      if (!HttpMethod.POST.is(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        return respond(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST\n");
      }
      byte[] body = readBody(request);
      if (body == null) {
        return respond(
            response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "the body is too large\n");
      }
      IncomingActivity activity;
      try {
        activity = IncomingActivity.parse(body);
      } catch (IncomingActivity.Malformed e) {
        return respond(
            response,
            callback,
            HttpStatus.BAD_REQUEST_400,
            "bad activity: " + e.getMessage() + "\n");
      }
      try {
        authenticator.authenticate(caller(request), activity);
      } catch (Authenticator.Unauthorized e) {
        // The type is the caller's, and the caller is not authenticated: never log it as sent.
        LOG.info(
            "Teams: refused an activity of type {} with 401: {}",
            LogText.of(activity.type()),
            e.getMessage());
        return respond(response, callback, HttpStatus.UNAUTHORIZED_401, "unauthorized\n");
      }
      TeamsBot.Result result = teams.handle(activity);
      if (result.json() == null) {
        response.setStatus(result.status());
        callback.succeeded();
        return true;
      }
      response.setStatus(result.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      response.write(true, StandardCharsets.UTF_8.encode(result.json()), callback);
      return true;
    } catch (IOException e) {
      return respond(response, callback, HttpStatus.BAD_REQUEST_400, "the body cannot be read\n");
    } catch (RuntimeException e) {
      // A bug, not the caller's fault: logged here, never shown to the caller.
      LOG.error("Teams: failed to handle an activity", e);
      return respond(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error\n");
    }
  }

  private static Authenticator.Caller caller(Request request) {
    boolean loopback =
        request.getConnectionMetaData().getRemoteSocketAddress()
                instanceof java.net.InetSocketAddress address
            && address.getAddress() != null
            && address.getAddress().isLoopbackAddress();
    boolean forwarded = false;
    for (String name : FORWARDING_HEADERS) {
      forwarded |= request.getHeaders().contains(name);
    }
    return new Authenticator.Caller(
        request.getHeaders().get(HttpHeader.AUTHORIZATION), loopback, forwarded);
  }

  /** The body, or null when it is larger than allowed. */
  private byte[] readBody(Request request) throws IOException {
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      return null;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      return body.length > maxBodyBytes ? null : body;
    }
  }

  private static boolean respond(Response response, Callback callback, int status, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.write(true, StandardCharsets.UTF_8.encode(text), callback);
    return true;
  }
}
