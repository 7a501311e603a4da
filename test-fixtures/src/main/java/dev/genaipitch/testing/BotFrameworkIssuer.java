package dev.genaipitch.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Bot Framework's token issuer on loopback, for BOT_OPENID_METADATA: an OpenID metadata
 * document, the JWKS it points to, RS256 tokens signed with those keys (or with a key nobody
 * published), and the Azure AD token endpoint the bot gets its own token from
 * (MICROSOFT_TOKEN_URL). Signed with the JDK alone.
 */
public final class BotFrameworkIssuer implements AutoCloseable {

  public static final String ISSUER = "https://api.botframework.com";

  /** The access token the fake Azure AD token endpoint issues to the bot. */
  public static final String ACCESS_TOKEN = "issued-to-the-bot-by-the-fake-azure-ad";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** A signing key, its id, and the channels the issuer endorses it for. */
  public record Key(String kid, KeyPair pair, List<String> endorsements) {}

  /** Published, endorsed for Teams and the Emulator. */
  public final Key teamsKey = key("teams-key", "msteams", "emulator");

  /** Published, but endorsed only for another channel. */
  public final Key slackOnlyKey = key("slack-key", "slack");

  /** Same id as the Teams key, never published: a forger's key. */
  public final Key forgedKey = key("teams-key", "msteams");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger fetches = new AtomicInteger();
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  public BotFrameworkIssuer() {
    server = Loopback.server(threads);
    server.createContext(
        "/.well-known/openidconfiguration",
        exchange -> {
          fetches.incrementAndGet();
          respond(exchange, metadata());
        });
    server.createContext("/keys", exchange -> respond(exchange, jwks(teamsKey, slackOnlyKey)));
    server.createContext("/oauth2/v2.0/token", this::token);
    server.start();
  }

  /**
   * The BOT_OPENID_METADATA for this issuer; unique per instance, since the SDK caches keys per
   * URL.
   */
  public String metadataUrl() {
    return base() + "/.well-known/openidconfiguration";
  }

  /**
   * The Azure AD token endpoint for MICROSOFT_TOKEN_URL: answers a client-credentials request with
   * {@link #ACCESS_TOKEN} for an hour.
   */
  public String tokenUrl() {
    return base() + "/oauth2/v2.0/token";
  }

  /** Every form the bot posted to the token endpoint, decoded. */
  public List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** How many times the metadata document was asked for. */
  public int metadataFetches() {
    return fetches.get();
  }

  /** Makes the issuer answer 500 to everything (an outage), or recover. */
  public void down(boolean down) {
    this.down = down;
  }

  /**
   * The claims of a good token for {@code appId} from the connector at {@code serviceUrl}, valid
   * for an hour.
   */
  public static Map<String, Object> claims(String appId, String serviceUrl) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("serviceurl", serviceUrl);
    claims.put("nbf", now - 60);
    claims.put("exp", now + Duration.ofHours(1).toSeconds());
    claims.put("iss", ISSUER);
    claims.put("aud", appId);
    return claims;
  }

  /** {@code Bearer <JWT>} of {@code claims}, signed with the published Teams key. */
  public String bearer(Map<String, Object> claims) {
    return bearer(teamsKey, claims);
  }

  /** {@code Bearer <JWT>} signed with a key nobody published, under the published key's id. */
  public String forgedBearer(Map<String, Object> claims) {
    return bearer(forgedKey, claims);
  }

  /** {@code Bearer <RS256 JWT>} of {@code claims}, signed with {@code key}. */
  public static String bearer(Key key, Map<String, Object> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", key.kid());
    try {
      String signingInput =
          encode(JSON.writeValueAsBytes(header)) + "." + encode(JSON.writeValueAsBytes(claims));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key.pair().getPrivate());
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return "Bearer " + signingInput + "." + encode(rs256.sign());
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private String base() {
    return Loopback.base(server);
  }

  private void token(HttpExchange exchange) throws IOException {
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      String[] kv = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    tokenRequests.add(fields);
    respond(
        exchange,
        "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\""
            + ACCESS_TOKEN
            + "\"}");
  }

  private String metadata() {
    ObjectNode metadata = JSON.createObjectNode();
    metadata.put("issuer", ISSUER);
    metadata.put("jwks_uri", base() + "/keys");
    metadata.putArray("id_token_signing_alg_values_supported").add("RS256");
    return metadata.toString();
  }

  private static String jwks(Key... keys) {
    ObjectNode jwks = JSON.createObjectNode();
    ArrayNode list = jwks.putArray("keys");
    for (Key key : keys) {
      RSAPublicKey publicKey = (RSAPublicKey) key.pair().getPublic();
      ObjectNode jwk = list.addObject();
      jwk.put("kty", "RSA");
      jwk.put("use", "sig");
      jwk.put("kid", key.kid());
      jwk.put("n", encode(unsigned(publicKey.getModulus())));
      jwk.put("e", encode(unsigned(publicKey.getPublicExponent())));
      ArrayNode endorsements = jwk.putArray("endorsements");
      key.endorsements().forEach(endorsements::add);
    }
    return jwks.toString();
  }

  private static Key key(String kid, String... endorsements) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new Key(kid, generator.generateKeyPair(), List.of(endorsements));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String encode(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }

  private void respond(HttpExchange exchange, String json) throws IOException {
    try (exchange) {
      if (down) {
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
