package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

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
final class AzureAdCredentials implements BotTokens {

  /** The Bot Connector's scope, for replies into any channel. */
  static final String SCOPE = "https://api.botframework.com/.default";

  private static final Duration EARLY = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private final String appId;
  private final String password;
  private final URI tokenUrl;
  private final Clock clock;
  private final OkHttpClient http;
  private final Object lock = new Object();
  private String token;
  private Instant renewAt = Instant.MIN;

  /**
   * @param timeout how long to wait to connect, and then for the token endpoint's answer
   * @param shared the adapter's HTTP client ({@link ConnectorReplies#client})
   */
  AzureAdCredentials(
      String appId,
      String password,
      URI tokenUrl,
      Duration timeout,
      Clock clock,
      OkHttpClient shared) {
    this.appId = appId;
    this.password = password;
    this.tokenUrl = tokenUrl;
    this.clock = clock;
    this.http =
        shared
            .newBuilder()
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .callTimeout(timeout)
            .build();
  }

  @Override
  public String token() throws IOException {
    synchronized (lock) {
      if (token != null && clock.instant().isBefore(renewAt)) {
        return token;
      }
      fetch();
      return token;
    }
  }

  private void fetch() throws IOException {
    String form =
        "grant_type=client_credentials&client_id="
            + encode(appId)
            + "&client_secret="
            + encode(password)
            + "&scope="
            + encode(SCOPE);
    Instant asked = clock.instant();
    HttpUrl url = HttpUrl.get(tokenUrl);
    if (url == null) {
      throw new IOException("the token endpoint " + tokenUrl + " is not an http(s) URL");
    }
    Request request =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(form.getBytes(StandardCharsets.UTF_8), FORM))
            .build();
    int status;
    JsonNode body;
    try (Response response = http.newCall(request).execute()) {
      status = response.code();
      ResponseBody content = response.body();
      byte[] bytes = content == null ? new byte[0] : content.bytes();
      try {
        body = JSON.readTree(bytes);
      } catch (IOException e) {
        body = null;
      }
    }
    if (status != 200 || body == null || !body.path("access_token").isTextual()) {
      String code = body == null ? "" : body.path("error").asText("");
      throw new IOException(
          "the token endpoint "
              + tokenUrl
              + " answered HTTP "
              + status
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
}
