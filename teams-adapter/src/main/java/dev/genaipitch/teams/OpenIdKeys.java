package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.OpenIdMetadata;
import com.microsoft.bot.connector.authentication.OpenIdMetadataKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot Framework's signing keys from the one configured OpenID metadata URL
 * (BOT_OPENID_METADATA), for the SDK's token check. Unlike the SDK's own cache, which fetches again
 * on every request while the metadata cannot be fetched, this one bounds what a caller can make the
 * bot fetch: keys are fetched once a day, again for an unknown key id at most every {@link
 * #UNKNOWN_KEY_INTERVAL}, and after a failed fetch not before a backoff (1 s, doubling, at most
 * {@link #MAX_BACKOFF}). A failure is logged once per outage, not per request.
 */
final class OpenIdKeys implements OpenIdMetadata {

  static final Duration REFRESH = Duration.ofDays(1);
  static final Duration UNKNOWN_KEY_INTERVAL = Duration.ofMinutes(5);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(OpenIdKeys.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DOCUMENT = 1 << 20;

  private final URI metadataUrl;
  private final OkHttpClient http;
  private final Clock clock;
  private final Object lock = new Object();
  private Map<String, OpenIdMetadataKey> keys = Map.of();
  private Instant fetchedAt = Instant.MIN;
  private Instant nextAttempt = Instant.MIN;
  private int failures;

  /**
   * @param timeout how long each fetch may wait to connect, and then for the answer
   * @param shared the adapter's HTTP client ({@link ConnectorReplies#client})
   */
  OpenIdKeys(URI metadataUrl, Duration timeout, Clock clock, OkHttpClient shared) {
    this.metadataUrl = metadataUrl;
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

  /** The key with this id, or null (the token is then refused). */
  @Override
  public OpenIdMetadataKey getKey(String keyId) {
    synchronized (lock) {
      Instant now = clock.instant();
      boolean stale = !now.isBefore(fetchedAt.plus(REFRESH));
      boolean unknown =
          !keys.containsKey(keyId) && !now.isBefore(fetchedAt.plus(UNKNOWN_KEY_INTERVAL));
      if ((stale || unknown) && !now.isBefore(nextAttempt)) {
        fetch(now);
      }
      return keys.get(keyId);
    }
  }

  private void fetch(Instant now) {
    try {
      JsonNode metadata = get(metadataUrl);
      String jwksUri = metadata.path("jwks_uri").asText("");
      if (jwksUri.isEmpty()) {
        throw new IOException("the metadata has no jwks_uri");
      }
      keys = parse(get(URI.create(jwksUri)));
      fetchedAt = now;
      nextAttempt = now;
      if (failures > 0) {
        LOG.info(
            "Teams: fetched the Bot Framework signing keys again after {} failure(s)", failures);
      }
      failures = 0;
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // The caller's thread is stopping, not the metadata failing: no backoff, no warning.
        return;
      }
      Duration backoff = backoff(++failures);
      nextAttempt = now.plus(backoff);
      if (failures == 1) {
        LOG.warn(
            "Teams: cannot fetch the Bot Framework signing keys from {} ({}); tokens are refused"
                + " until they can be fetched (next try in {} s, then less often)",
            metadataUrl,
            describe(e),
            backoff.toSeconds());
      } else {
        LOG.debug("Teams: signing keys still not fetched ({}): {}", failures, describe(e));
      }
    }
  }

  static Duration backoff(int failures) {
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 20));
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  private JsonNode get(URI uri) throws IOException {
    HttpUrl url = HttpUrl.get(uri);
    if (url == null) {
      throw new IOException("not an http(s) URL: " + uri);
    }
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code() + " from " + uri);
      }
      ResponseBody body = response.body();
      if (body == null) {
        return JSON.readTree(new byte[0]);
      }
      // Never more than the limit in memory, whatever the server says the length is.
      BufferedSource source = body.source();
      if (source.request(MAX_DOCUMENT + 1L)) {
        throw new IOException("a document over " + MAX_DOCUMENT + " bytes from " + uri);
      }
      return JSON.readTree(source.readByteArray());
    }
  }

  private static Map<String, OpenIdMetadataKey> parse(JsonNode jwks) throws IOException {
    Map<String, OpenIdMetadataKey> parsed = new HashMap<>();
    for (JsonNode jwk : jwks.path("keys")) {
      if (!jwk.path("kty").asText().equals("RSA") || !jwk.hasNonNull("kid")) {
        continue;
      }
      OpenIdMetadataKey key = new OpenIdMetadataKey();
      key.key = rsa(jwk.path("n").asText(""), jwk.path("e").asText(""));
      List<String> endorsements = new ArrayList<>();
      jwk.path("endorsements").forEach(e -> endorsements.add(e.asText()));
      key.endorsements = endorsements;
      parsed.put(jwk.get("kid").asText(), key);
    }
    if (parsed.isEmpty()) {
      throw new IOException("the key set has no RSA keys");
    }
    return Map.copyOf(parsed);
  }

  private static RSAPublicKey rsa(String n, String e) throws IOException {
    try {
      Base64.Decoder url = Base64.getUrlDecoder();
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(
                  new RSAPublicKeySpec(
                      new BigInteger(1, url.decode(n)), new BigInteger(1, url.decode(e))));
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      throw new IOException("a key that is not an RSA public key", ex);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
