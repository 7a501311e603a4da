package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The bot's own access token for its replies, from the Azure AD token endpoint named by
 * MICROSOFT_TOKEN_URL (OAuth 2.0 client credentials: the app id and password, scope {@value
 * #SCOPE}), kept until five minutes before it expires.
 *
 * <p>Not the SDK's credentials: they go through MSAL, whose authority must be an HTTPS Azure AD
 * login host; a plain token endpoint URL serves every cloud (the US Government's login host
 * differs) and a loopback fake in tests alike. Errors name the HTTP status and Azure AD's error
 * code, never the password or a token.
 */
final class AzureAdCredentials implements BotTokens, AutoCloseable {

  /** The Bot Connector's scope, for replies into any channel. */
  static final String SCOPE = "https://api.botframework.com/.default";

  private static final Duration EARLY = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String appId;
  private final String password;
  private final URI tokenUrl;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;
  private final Object lock = new Object();
  private String token;
  private Instant renewAt = Instant.MIN;

  AzureAdCredentials(String appId, String password, URI tokenUrl, Duration timeout, Clock clock) {
    this.appId = appId;
    this.password = password;
    this.tokenUrl = tokenUrl;
    this.timeout = timeout;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String token() throws IOException {
    synchronized (lock) {
      if (token != null && clock.instant().isBefore(renewAt)) {
        return token;
      }
      try {
        fetch();
        return token;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while asking the token endpoint", e);
      }
    }
  }

  private void fetch() throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id="
            + encode(appId)
            + "&client_secret="
            + encode(password)
            + "&scope="
            + encode(SCOPE);
    Instant asked = clock.instant();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (response.statusCode() != 200 || body == null || !body.path("access_token").isTextual()) {
      String code = body == null ? "" : body.path("error").asText("");
      throw new IOException(
          "the token endpoint "
              + tokenUrl
              + " answered HTTP "
              + response.statusCode()
              + (code.isEmpty() ? "" : " (" + LogText.of(code) + ")"));
    }
    long seconds = body.path("expires_in").asLong(3600);
    token = body.get("access_token").asText();
    Instant expires = asked.plusSeconds(seconds);
    Instant early = expires.minus(EARLY);
    renewAt = early.isAfter(asked) ? early : asked.plusSeconds(seconds / 2);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  /** Closes the token client where the JDK can (21 and later). */
  @Override
  public void close() {
    ConnectorReplies.closeIfCloseable(http);
  }
}
