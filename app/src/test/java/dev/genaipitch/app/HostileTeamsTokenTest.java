package dev.genaipitch.app;

import static dev.genaipitch.app.Verdicts.assertHandled;
import static dev.genaipitch.app.Verdicts.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.BotFrameworkIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged Bot Framework tokens at {@code /api/messages} with authentication on (an app id, keys from
 * a loopback OpenID issuer): each is refused 401, nothing is sent, and neither the token nor the
 * app password is logged. A search (answered in the response, so no outgoing Azure AD token is
 * needed) with a good token shows the check passes what it should.
 */
final class HostileTeamsTokenTest {

  private static final String APP_ID = "7c1f0e3a-4b2d-4e8f-9a6b-1c2d3e4f5a6b";
  private static final String PASSWORD = "hostile-test-app-password";

  private static BotFrameworkIssuer issuer;
  private static RunningService running;
  private static TeamsSide teams;

  @BeforeAll
  static void start() throws Exception {
    issuer = new BotFrameworkIssuer();
    running =
        RunningService.builder()
            .env("MICROSOFT_APP_ID", APP_ID)
            .env("MICROSOFT_APP_PASSWORD", PASSWORD)
            .env("BOT_OPENID_METADATA", issuer.metadataUrl())
            .env("MICROSOFT_TOKEN_URL", issuer.tokenUrl())
            .start();
    teams = running.teams;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
    issuer.close();
  }

  @BeforeEach
  void forget() {
    running.reset();
  }

  @Test
  void search_withAGoodToken_isAnswered() {
    ObjectNode search = teams.search("analogy");

    Wire.Reply reply = assertHandled(teams.post(search, issuer.bearer(claims())));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("composeExtension").path("attachments")).isNotEmpty();
  }

  // The whole authenticated round trip, which could not run before MICROSOFT_TOKEN_URL: a valid
  // incoming token, then the reply carrying the bot's own access token from the token endpoint.
  @Test
  void message_withAGoodToken_isAnswered_withTheBotsOwnAccessToken() {
    assertThat(teams.post(teams.personal("do we need both?"), issuer.bearer(claims())).status())
        .isEqualTo(200);
    assertThat(teams.post(teams.personal("the analogy"), issuer.bearer(claims())).status())
        .isEqualTo(200);

    assertThat(running.connector.delivered())
        .hasSize(2)
        .allSatisfy(
            reply ->
                assertThat(reply.authorization())
                    .isEqualTo("Bearer " + BotFrameworkIssuer.ACCESS_TOKEN));
    assertThat(running.connector.delivered().get(0).text())
        .contains("Most enterprises start with Bedrock to prove value quickly");
    assertThat(issuer.tokenRequests())
        .as("one token, kept for every later reply")
        .singleElement()
        .satisfies(
            form ->
                assertThat(form)
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_id", APP_ID)
                    .containsEntry("client_secret", PASSWORD)
                    .containsEntry("scope", "https://api.botframework.com/.default"));
    Verdicts.assertNoSecret(running.logs.lines(), PASSWORD, "app password");
    Verdicts.assertNoSecret(running.logs.lines(), BotFrameworkIssuer.ACCESS_TOKEN, "access token");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void message_withAForgedOrBrokenToken_is401AndSendsNothing(String what, String authorization) {
    Wire.Reply reply = teams.post(teams.channelMention("do we need both?"), authorization);

    assertRefused(reply, 401, "unauthorized");
    assertThat(running.connector.received()).isEmpty();
    List<String> logged = running.logs.lines();
    assertThat(logged)
        .anySatisfy(
            line -> assertThat(line).contains("refused an activity of type message with 401"));
    if (authorization != null && authorization.length() > 20) {
      Verdicts.assertNoSecret(
          logged, authorization.substring(authorization.length() - 20), "token");
    }
    Verdicts.assertNoSecret(logged, PASSWORD, "app password");
  }

  static Stream<Arguments> forgeries() {
    Map<String, Object> good = claims();
    return Stream.of(
        Arguments.of("no Authorization header", null),
        Arguments.of("empty", ""),
        Arguments.of("Bearer garbage", "Bearer garbage"),
        Arguments.of("Bearer alone", "Bearer"),
        Arguments.of("Bearer and spaces", "Bearer    "),
        Arguments.of(
            "Basic credentials",
            "Basic "
                + Base64.getEncoder().encodeToString("bot:pass".getBytes(StandardCharsets.UTF_8))),
        Arguments.of("three dots", "Bearer ..."),
        Arguments.of("not base64 parts", "Bearer !!!.???.###"),
        Arguments.of("a JSON header only", "Bearer " + b64("{\"alg\":\"RS256\"}") + ".."),
        Arguments.of(
            "alg none",
            "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(json(good)) + "."),
        Arguments.of(
            "HS256 with the kid",
            "Bearer "
                + b64("{\"alg\":\"HS256\",\"kid\":\"bf-key\"}")
                + "."
                + b64(json(good))
                + ".c2ln"),
        Arguments.of("signed with an unpublished key", issuer.forgedBearer(good)),
        Arguments.of(
            "signature of another token",
            swapSignature(issuer.bearer(good), issuer.bearer(with(good, c -> c.put("aud", "x"))))),
        Arguments.of("wrong audience", issuer.bearer(with(good, c -> c.put("aud", "another-app")))),
        Arguments.of("no audience", issuer.bearer(with(good, c -> c.remove("aud")))),
        Arguments.of(
            "wrong issuer", issuer.bearer(with(good, c -> c.put("iss", "https://evil.example")))),
        Arguments.of(
            "expired an hour ago",
            issuer.bearer(with(good, c -> c.put("exp", Instant.now().getEpochSecond() - 3600)))),
        Arguments.of(
            "not valid for another hour",
            issuer.bearer(with(good, c -> c.put("nbf", Instant.now().getEpochSecond() + 3600)))),
        Arguments.of(
            "for another connector",
            issuer.bearer(with(good, c -> c.put("serviceurl", "http://127.0.0.1:9/")))),
        Arguments.of(
            "a skill's token",
            issuer.bearer(
                with(
                    good,
                    c -> {
                      c.put("ver", "1.0");
                      c.put("appid", "another-bot");
                    }))),
        Arguments.of("8 KB of token", "Bearer " + "A".repeat(8_000)));
  }

  @Test
  void token_inAHugeHeader_isRefusedWithoutA5xx() {
    Wire.Reply reply =
        teams.post(teams.channelMention("do we need both?"), "Bearer " + "A".repeat(40_000));

    assertThat(reply.status()).isIn(401, 431);
    Verdicts.assertNoStackTrace(reply.body());
    assertThat(running.connector.received()).isEmpty();
  }

  @Test
  void goodToken_forAnotherServiceUrl_cannotRedirectReplies() {
    ObjectNode message = teams.channelMention("do we need both?");
    message.put("serviceUrl", "http://127.0.0.1:9/");

    assertRefused(teams.post(message, issuer.bearer(claims())), 401, "unauthorized");
    assertThat(running.connector.received()).isEmpty();
  }

  private static Map<String, Object> claims() {
    return BotFrameworkIssuer.claims(APP_ID, running.connector.serviceUrl());
  }

  private static Map<String, Object> with(
      Map<String, Object> claims, java.util.function.Consumer<Map<String, Object>> change) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
    change.accept(copy);
    return copy;
  }

  private static String swapSignature(String bearer, String other) {
    return bearer.substring(0, bearer.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
  }

  private static String json(Map<String, Object> claims) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(claims);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
