package dev.genaipitch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Bot Framework's token issuer on loopback, for BOT_OPENID_METADATA: an OpenID metadata
 * document, its JWKS with one key endorsed for Teams, and RS256 tokens signed with that key or with
 * a forger's key under the same key id. Signed with the JDK alone.
 */
final class BotFrameworkIssuer implements AutoCloseable {

  static final String ISSUER = "https://api.botframework.com";
  private static final String KID = "bf-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** The access token the fake Azure AD token endpoint issues to the bot. */
  static final String ACCESS_TOKEN = "issued-to-the-bot-by-the-fake-azure-ad";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  private final KeyPair published = rsa();
  private final KeyPair forged = rsa();

  BotFrameworkIssuer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext(
        "/.well-known/openidconfiguration", exchange -> respond(exchange, metadata()));
    server.createContext("/keys", exchange -> respond(exchange, jwks()));
    server.createContext("/oauth2/v2.0/token", this::token);
    server.start();
  }

  /**
   * The Azure AD token endpoint for MICROSOFT_TOKEN_URL: answers a client-credentials request with
   * {@link #ACCESS_TOKEN} for an hour.
   */
  String tokenUrl() {
    return base() + "/oauth2/v2.0/token";
  }

  /** Every form the bot posted to the token endpoint, decoded. */
  List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
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

  /** Unique per instance: the SDK caches keys per metadata URL for a day. */
  String metadataUrl() {
    return base() + "/.well-known/openidconfiguration";
  }

  /**
   * Claims of a good token for {@code appId} from the connector at {@code serviceUrl}, valid for an
   * hour.
   */
  static Map<String, Object> claims(String appId, String serviceUrl) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("serviceurl", serviceUrl);
    claims.put("nbf", now - 60);
    claims.put("exp", now + 3600);
    claims.put("iss", ISSUER);
    claims.put("aud", appId);
    return claims;
  }

  /** {@code Bearer <JWT>} signed with the published key. */
  String bearer(Map<String, Object> claims) {
    return bearer(published, claims);
  }

  /** {@code Bearer <JWT>} signed with a key nobody published, under the published key's id. */
  String forgedBearer(Map<String, Object> claims) {
    return bearer(forged, claims);
  }

  private static String bearer(KeyPair key, Map<String, Object> claims) {
    Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "kid", KID);
    try {
      String input =
          encode(JSON.writeValueAsBytes(header)) + "." + encode(JSON.writeValueAsBytes(claims));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key.getPrivate());
      rs256.update(input.getBytes(StandardCharsets.US_ASCII));
      return "Bearer " + input + "." + encode(rs256.sign());
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

  private String jwks() {
    RSAPublicKey key = (RSAPublicKey) published.getPublic();
    ObjectNode jwks = JSON.createObjectNode();
    ObjectNode jwk = jwks.putArray("keys").addObject();
    jwk.put("kty", "RSA").put("use", "sig").put("kid", KID);
    jwk.put("n", encode(unsigned(key.getModulus())))
        .put("e", encode(unsigned(key.getPublicExponent())));
    jwk.putArray("endorsements").add("msteams").add("emulator");
    return jwks.toString();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
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

  private static void respond(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
