package dev.genaipitch.teams;

import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.CredentialProvider;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.connector.authentication.SkillValidation;
import com.microsoft.bot.schema.Activity;
import java.net.URI;
import java.util.concurrent.CompletionException;

/**
 * Validates the Bot Framework's bearer token with the SDK: signature against the keys published in
 * the OpenID metadata, issuer, audience (the app id), expiry, the {@code serviceurl} claim against
 * the activity's serviceUrl, and that the signing key is endorsed for the activity's channel.
 */
final class BotFrameworkAuthenticator implements Authenticator {

  private static final int MAX_REASON = 200;

  private final CredentialProvider credentials;

  /**
   * Note: the SDK keeps the OpenID metadata URL in a static field and caches its keys per URL for a
   * day, so the metadata URL is global to the JVM: the last authenticator built wins.
   */
  BotFrameworkAuthenticator(String appId, URI openIdMetadata) {
    // Validation needs only the app id; the password stays with the outgoing credentials.
    this.credentials = new SimpleCredentialProvider(appId, null);
    ChannelValidation.setOpenIdMetaDataUrl(openIdMetadata.toString());
  }

  @Override
  public void authenticate(String authorization, IncomingActivity incoming) throws Unauthorized {
    if (authorization == null || authorization.isBlank()) {
      throw new Unauthorized("no Authorization header");
    }
    Activity activity = new Activity(incoming.type());
    activity.setChannelId(incoming.channelId());
    activity.setServiceUrl(incoming.serviceUrl());
    try {
      // This bot is no skill: a bot-to-bot token is refused before the SDK goes looking for its
      // keys.
      if (SkillValidation.isSkillToken(authorization)) {
        throw new Unauthorized("a skill token is not accepted");
      }
      ClaimsIdentity identity =
          JwtTokenValidation.authenticateRequest(activity, authorization, credentials, null).join();
      if (identity == null || !identity.isAuthenticated()) {
        throw new Unauthorized("the token is not authenticated");
      }
    } catch (CompletionException e) {
      throw new Unauthorized(reason(e.getCause()));
    } catch (RuntimeException e) {
      // A header that is not a JWT at all makes the SDK throw while it inspects the token.
      throw new Unauthorized(reason(e));
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
