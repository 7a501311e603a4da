package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Bot Framework's token issuer, on loopback: an OpenID metadata document, the JWKS it points
 * to, and RS256 tokens signed with those keys (or with a key nobody published).
 */
final class BotFrameworkKeys implements AutoCloseable {

  static final String ISSUER = "https://api.botframework.com";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** A signing key, its id, and the channels the issuer endorses it for. */
  record Key(String kid, KeyPair pair, List<String> endorsements) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile boolean down;

  /** Published, endorsed for Teams and the Emulator. */
  final Key teamsKey = key("teams-key", "msteams", "emulator");

  /** Published, but endorsed only for another channel. */
  final Key slackOnlyKey = key("slack-key", "slack");

  /** Same id as the Teams key, never published: a forger's key. */
  final Key forgedKey = key("teams-key", "msteams");

  BotFrameworkKeys() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/.well-known/openidconfiguration",
        exchange -> {
          fetches.incrementAndGet();
          respond(exchange, metadata());
        });
    server.createContext("/keys", exchange -> respond(exchange, jwks(teamsKey, slackOnlyKey)));
    server.start();
  }

  /** How many times the metadata document was asked for. */
  int metadataFetches() {
    return fetches.get();
  }

  /** Makes the issuer answer 500 to everything (an outage), or recover. */
  void down(boolean down) {
    this.down = down;
  }

  /**
   * The BOT_OPENID_METADATA for this issuer; unique per instance, since the SDK caches keys per
   * URL.
   */
  URI metadataUrl() {
    return URI.create(base() + "/.well-known/openidconfiguration");
  }

  /** The claims of a good token for {@code appId} from the connector at {@code serviceUrl}. */
  static Map<String, Object> claims(String appId, String serviceUrl) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("serviceurl", serviceUrl);
    claims.put("nbf", now - 60);
    claims.put("exp", now + Duration.ofHours(1).toSeconds());
    claims.put("iss", ISSUER);
    claims.put("aud", appId);
    return claims;
  }

  /** {@code Bearer <RS256 JWT>} of {@code claims}, signed with {@code key}. */
  static String bearer(Key key, Map<String, Object> claims) {
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
    return "http://127.0.0.1:" + server.getAddress().getPort();
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

  private void respond(com.sun.net.httpserver.HttpExchange exchange, String json)
      throws IOException {
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
