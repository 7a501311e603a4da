package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.JwtTokenExtractor;
import com.microsoft.bot.connector.authentication.SkillValidation;
import com.microsoft.bot.connector.authentication.TokenValidationParameters;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import okhttp3.OkHttpClient;

/**
 * Validates the Bot Framework's bearer token: signature against the keys published in the
 * configured OpenID metadata ({@link OpenIdKeys}, through the SDK's token extractor), issuer,
 * audience (the app id), lifetime, the {@code serviceurl} claim against the activity's serviceUrl,
 * and that the signing key is endorsed for the activity's channel.
 *
 * <p>Stricter than the SDK's {@code JwtTokenValidation}: a token must carry {@code exp} and one of
 * {@code nbf}/{@code iat} (the SDK accepts a token that never expires), and only the channel issuer
 * is accepted, checked before any key is looked up: a token whose issuer looks like the Emulator's
 * no longer makes the bot fetch Microsoft's Emulator metadata.
 */
final class BotFrameworkAuthenticator implements Authenticator {

  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  static final String ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER;

  private static final int MAX_REASON = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String appId;
  private final JwtTokenExtractor extractor;
  private final Clock clock;

  BotFrameworkAuthenticator(String appId, URI openIdMetadata, Clock clock, OkHttpClient http) {
    this.appId = appId;
    this.clock = clock;
    OpenIdKeys keys = new OpenIdKeys(openIdMetadata, Duration.ofSeconds(5), clock, http);
    TokenValidationParameters parameters =
        new TokenValidationParameters(true, List.of(ISSUER), false, true, CLOCK_SKEW, true);
    parameters.issuerSigningKeyResolver = url -> keys;
    this.extractor =
        new JwtTokenExtractor(
            parameters,
            openIdMetadata.toString(),
            AuthenticationConstants.ALLOWED_SIGNING_ALGORITHMS);
  }

  @Override
  public void authenticate(Caller caller, IncomingActivity activity) throws Unauthorized {
    String authorization = caller.authorization();
    if (authorization == null || authorization.isBlank()) {
      throw new Unauthorized("no Authorization header");
    }
    checkClaims(authorization);
    // This bot is no skill: a bot-to-bot token is refused before any key is looked up.
    if (SkillValidation.isSkillToken(authorization)) {
      throw new Unauthorized("a skill token is not accepted");
    }
    ClaimsIdentity identity;
    try {
      identity = extractor.getIdentity(authorization, activity.channelId()).join();
    } catch (CompletionException e) {
      throw new Unauthorized(reason(e.getCause()));
    } catch (RuntimeException e) {
      throw new Unauthorized(reason(e));
    }
    if (identity == null || !identity.isAuthenticated()) {
      throw new Unauthorized("the token is not authenticated");
    }
    if (!ISSUER.equalsIgnoreCase(identity.getIssuer())) {
      throw new Unauthorized("wrong issuer");
    }
    if (!appId.equals(identity.claims().get(AuthenticationConstants.AUDIENCE_CLAIM))) {
      throw new Unauthorized("the token is for another audience");
    }
    String serviceUrl = identity.claims().get(AuthenticationConstants.SERVICE_URL_CLAIM);
    if (serviceUrl == null || !serviceUrl.equalsIgnoreCase(activity.serviceUrl())) {
      throw new Unauthorized("the token's serviceurl claim does not match the activity's");
    }
  }

  /**
   * Checks what needs no key, before any is looked up: the token's shape, its issuer, and that it
   * expires and says since when it is valid.
   */
  private void checkClaims(String authorization) throws Unauthorized {
    String[] scheme = authorization.strip().split(" ", 2);
    if (scheme.length != 2 || !scheme[0].equalsIgnoreCase("Bearer")) {
      throw new Unauthorized("not a Bearer token");
    }
    String[] parts = scheme[1].strip().split("\\.", -1);
    if (parts.length != 3) {
      throw new Unauthorized("not a valid JWT (not three parts)");
    }
    JsonNode claims;
    try {
      claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      throw new Unauthorized("not a valid JWT (claims are not base64url JSON)");
    }
    if (claims == null || !claims.isObject()) {
      throw new Unauthorized("not a valid JWT (claims are not a JSON object)");
    }
    if (!claims.path("iss").isTextual() || !claims.get("iss").asText().equals(ISSUER)) {
      throw new Unauthorized("issuer not accepted (only " + ISSUER + ")");
    }
    if (!claims.path("exp").isNumber()) {
      throw new Unauthorized("the token has no expiry (exp)");
    }
    long now = clock.instant().getEpochSecond();
    if (claims.get("exp").asLong() < now - CLOCK_SKEW.toSeconds()) {
      throw new Unauthorized("the token has expired");
    }
    JsonNode since = claims.path("nbf").isNumber() ? claims.get("nbf") : claims.path("iat");
    if (!since.isNumber()) {
      throw new Unauthorized("the token says neither since when it is valid (nbf) nor when issued");
    }
    if (since.asLong() > now + CLOCK_SKEW.toSeconds()) {
      throw new Unauthorized("the token is not valid yet");
    }
    if (claims.path("iat").isNumber()
        && claims.get("iat").asLong() > now + CLOCK_SKEW.toSeconds()) {
      throw new Unauthorized("the token was issued in the future");
    }
  }

  private static String reason(Throwable e) {
    if (e == null) {
      return "invalid token";
    }
    String reason;
    if (e instanceof AuthenticationException
        && e.getCause() != null
        && e.getCause().getMessage() != null) {
      reason = e.getCause().getMessage();
    } else if (e instanceof AuthenticationException && e.getMessage() != null) {
      reason = e.getMessage();
    } else if (e.getClass().getName().startsWith("com.auth0.jwt.exceptions.")) {
      reason = "not a valid JWT (" + e.getClass().getSimpleName() + ")";
    } else {
      reason = e.getClass().getSimpleName();
    }
    reason = reason.replaceAll("\\s+", " ");
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
  }
}
