package dev.genaipitch.slack;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code apps.connections.open}: the app-level token buys a fresh WebSocket URL, good for one
 * connection. Failures say whether Slack refused the token (trying again will not help) and, when
 * Slack is rate limiting, how long it asked to wait. Never shows the token or the URL (it carries a
 * ticket).
 */
final class ConnectionsOpen {

  /** Errors that mean the token itself is wrong: a start-up must stop on them. */
  private static final Set<String> TOKEN_ERRORS =
      Set.of(
          "invalid_auth",
          "not_authed",
          "not_allowed_token_type",
          "token_revoked",
          "token_expired",
          "account_inactive",
          "missing_scope",
          "no_permission");

  /** Why no URL was had. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean tokenRejected;
    private final transient Optional<Duration> retryAfter;

    Failure(String reason, boolean tokenRejected, Optional<Duration> retryAfter) {
      super(reason, null, false, false);
      this.tokenRejected = tokenRejected;
      this.retryAfter = retryAfter;
    }

    /** Slack refused the token: a configuration mistake, not an outage. */
    boolean tokenRejected() {
      return tokenRejected;
    }

    /** How long Slack asked to wait (HTTP 429), if it did. */
    Optional<Duration> retryAfter() {
      return retryAfter;
    }
  }

  private final Slack slack;
  private final String appToken;

  ConnectionsOpen(Slack slack, String appToken) {
    this.slack = slack;
    this.appToken = appToken;
  }

  /** A new WebSocket URL. */
  URI url() throws Failure {
    AppsConnectionsOpenResponse response;
    try {
      response = slack.methods().appsConnectionsOpen(r -> r.token(appToken));
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      Optional<Duration> wait =
          status == 429
              ? Optional.ofNullable(e.getResponse().header("Retry-After"))
                  .flatMap(ConnectionsOpen::seconds)
              : Optional.empty();
      throw new Failure("HTTP " + status, status == 401 || status == 403, wait);
    } catch (IOException e) {
      throw new Failure(e.getClass().getSimpleName(), false, Optional.empty());
    } catch (RuntimeException e) {
      throw new Failure(
          "unreadable answer (" + e.getClass().getSimpleName() + ")", false, Optional.empty());
    }
    if (!response.isOk()) {
      String error = response.getError() == null ? "ok=false" : response.getError();
      throw new Failure(error, TOKEN_ERRORS.contains(error), Optional.empty());
    }
    String url = response.getUrl();
    try {
      URI uri = url == null ? null : new URI(url);
      if (uri == null
          || uri.getHost() == null
          || !("wss".equals(uri.getScheme()) || "ws".equals(uri.getScheme()))) {
        throw new Failure("no WebSocket URL in the answer", false, Optional.empty());
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new Failure("no WebSocket URL in the answer", false, Optional.empty());
    }
  }

  private static Optional<Duration> seconds(String value) {
    try {
      long s = Long.parseLong(value.strip());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
