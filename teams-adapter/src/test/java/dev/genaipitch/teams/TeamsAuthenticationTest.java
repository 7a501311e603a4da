package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.testing.BotFrameworkIssuer;
import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.LogCapture;
import dev.genaipitch.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With an app id, only activities carrying a valid Bot Framework token are answered. */
final class TeamsAuthenticationTest {

  private static final String APP_ID = "4f6c2d0e-7b1a-4c8e-9d3f-2a5b6c7d8e9f";
  private static final String PASSWORD = "app-password-that-must-never-be-logged";

  private static BotFrameworkIssuer keys;

  private FakeBotConnector connector;
  private RunningBot bot;
  private FakeTeams teams;
  private LogCapture logs;

  @BeforeAll
  static void publishKeys() throws Exception {
    keys = new BotFrameworkIssuer();
  }

  @AfterAll
  static void unpublishKeys() {
    keys.close();
  }

  @BeforeEach
  void start() throws Exception {
    logs = LogCapture.root();
    connector = new FakeBotConnector();
    BotConfig config =
        BotConfig.load(
            Map.of(
                "MICROSOFT_APP_ID", APP_ID,
                "MICROSOFT_APP_PASSWORD", PASSWORD,
                "BOT_OPENID_METADATA", keys.metadataUrl()));
    bot =
        RunningBot.start(
            config.teams(),
            adapter -> adapter.outgoingCredentials(new FakeAzureAdCredentials(APP_ID)));
    teams = new FakeTeams(bot.endpoint(), connector.serviceUrl());
  }

  @AfterEach
  void stop() throws Exception {
    bot.close();
    connector.close();
    logs.close();
  }

  @Test
  void tokenSignedWithThePublishedKey_isAccepted() {
    teams.authorizeWith(signed(keys.teamsKey, claims -> claims));

    assertThat(teams.channelMessage("<at>genai-pitch</at> do we need both?").status())
        .isEqualTo(200);

    assertThat(connector.replies())
        .singleElement()
        .satisfies(
            reply -> {
              assertThat(reply.cardText())
                  .contains("Most enterprises start with Bedrock to prove value quickly.");
              assertThat(reply.authorization()).isEqualTo("Bearer " + FakeAzureAdCredentials.TOKEN);
            });
  }

  @Test
  void searchWithAValidToken_isAnswered() {
    teams.authorizeWith(signed(keys.teamsKey, claims -> claims));

    FakeTeams.Response response = teams.search("analogy");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("composeExtension").path("attachments")).isNotEmpty();
  }

  @Test
  void noToken_isRefused() {
    assertRefused(activity -> null);
  }

  @Test
  void tokenThatIsNotAJwt_isRefused() {
    assertRefused(activity -> "Bearer not-a-jwt");
  }

  @Test
  void tokenWithAnotherScheme_isRefused() {
    assertRefused(
        activity ->
            signed(keys.teamsKey, claims -> claims).apply(activity).replace("Bearer ", "Basic "));
  }

  @Test
  void tokenSignedWithAnUnpublishedKey_isRefused() {
    assertRefused(signed(keys.forgedKey, claims -> claims));
  }

  @Test
  void tokenForAnotherBot_isRefused() {
    assertRefused(signed(keys.teamsKey, claims -> with(claims, "aud", "some-other-bot")));
  }

  @Test
  void tokenFromAnotherIssuer_isRefused() {
    assertRefused(signed(keys.teamsKey, claims -> with(claims, "iss", "https://issuer.example")));
  }

  @Test
  void expiredToken_isRefused() {
    long anHourAgo = Instant.now().getEpochSecond() - 3600;
    assertRefused(
        signed(
            keys.teamsKey, claims -> with(with(claims, "exp", anHourAgo), "nbf", anHourAgo - 600)));
  }

  @Test
  void tokenNotYetValid_isRefused() {
    long inAnHour = Instant.now().getEpochSecond() + 3600;
    assertRefused(signed(keys.teamsKey, claims -> with(claims, "nbf", inAnHour)));
  }

  @Test
  void tokenForAnotherServiceUrl_isRefused() {
    assertRefused(
        signed(keys.teamsKey, claims -> with(claims, "serviceurl", "https://smba.example/amer/")));
  }

  @Test
  void tokenWithoutServiceUrlClaim_isRefused() {
    assertRefused(
        signed(
            keys.teamsKey,
            claims -> {
              claims.remove("serviceurl");
              return claims;
            }));
  }

  @Test
  void keyNotEndorsedForTheActivitysChannel_isRefused() {
    assertRefused(signed(keys.slackOnlyKey, claims -> claims));
  }

  // Regression: the SDK accepted a token without exp, valid for ever once captured.
  @Test
  void tokenWithoutExpiry_isRefused() {
    assertRefused(signed(keys.teamsKey, claims -> without(claims, "exp")));
  }

  @Test
  void tokenSayingNeitherSinceWhenValidNorWhenIssued_isRefused() {
    assertRefused(signed(keys.teamsKey, claims -> without(claims, "nbf")));
  }

  @Test
  void tokenIssuedInTheFuture_isRefused() {
    long inAnHour = Instant.now().getEpochSecond() + 3600;
    assertRefused(signed(keys.teamsKey, claims -> with(claims, "iat", inAnHour)));
  }

  // Regression: a token whose issuer looked like the Emulator's made the SDK fetch Microsoft's
  // Emulator metadata (an outbound connection and an ERROR line per unauthenticated request), even
  // with BOT_OPENID_METADATA set and Emulator mode off.
  @Test
  void tokenWithTheEmulatorsIssuer_isRefused_withoutFetchingAnything() {
    int fetched = keys.metadataFetches();

    assertRefused(
        signed(
            keys.teamsKey,
            claims ->
                with(
                    claims,
                    "iss",
                    "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")));

    assertThat(keys.metadataFetches()).isEqualTo(fetched);
    assertThat(logs.messages()).noneMatch(line -> line.startsWith("ERROR"));
    assertThat(logs.messages()).filteredOn(line -> line.contains("refused")).isNotEmpty();
  }

  // Regression: while the metadata could not be fetched, every request fetched it again and logged
  // an ERROR: one unauthenticated request, one outbound connection.
  @Test
  void metadataUnreachable_isFetchedOnceForManyRequests_warnedOnce_andRetriedAfterABackoff()
      throws Exception {
    bot.close();
    MutableClock clock = new MutableClock(Instant.now());
    try (BotFrameworkIssuer outage = new BotFrameworkIssuer()) {
      outage.down(true);
      BotConfig config =
          BotConfig.load(
              Map.of(
                  "MICROSOFT_APP_ID", APP_ID,
                  "MICROSOFT_APP_PASSWORD", PASSWORD,
                  "BOT_OPENID_METADATA", outage.metadataUrl()));
      bot =
          RunningBot.start(
              config.teams(),
              adapter ->
                  adapter.clock(clock).outgoingCredentials(new FakeAzureAdCredentials(APP_ID)));
      teams = new FakeTeams(bot.endpoint(), connector.serviceUrl());
      teams.authorizeWith(signedWith(outage, outage.teamsKey));

      for (int i = 0; i < 5; i++) {
        assertThat(teams.personalMessage("do we need both?").status()).isEqualTo(401);
      }

      assertThat(outage.metadataFetches()).isEqualTo(1);
      assertThat(logs.messages())
          .filteredOn(line -> line.contains("cannot fetch the Bot Framework signing keys"))
          .singleElement()
          .satisfies(line -> assertThat(line).startsWith("WARN"));
      assertThat(logs.messages()).noneMatch(line -> line.startsWith("ERROR"));

      outage.down(false);
      clock.advance(OpenIdKeys.FIRST_BACKOFF);
      assertThat(teams.personalMessage("do we need both?").status()).isEqualTo(200);
      assertThat(outage.metadataFetches()).isEqualTo(2);
    }
  }

  @Test
  void refusals_neverLogTheTokenOrThePassword() {
    String token =
        signed(keys.forgedKey, claims -> claims)
            .apply(teams.activity("message", "personal", FakeTeams.PERSONAL));
    teams.authorizeWith(activity -> token);
    teams.personalMessage("do we need both?");
    teams.authorizeWith(signed(keys.teamsKey, claims -> claims));
    teams.personalMessage("do we need both?");

    assertThat(logs.all())
        .contains("refused")
        .doesNotContain(PASSWORD)
        .doesNotContain(token.substring("Bearer ".length()))
        .doesNotContain(FakeAzureAdCredentials.TOKEN);
  }

  // Regression: the refusal's log line quoted the activity's type as sent, from a caller not yet
  // authenticated: a line break in it forged log lines, and a megabyte of type logged a megabyte.
  @Test
  void refusal_ofAnActivityWithAForgedType_logsOneShortLine() {
    ObjectNode activity =
        teams.activity(
            "message\n2025-05-01T09:00:00.000Z ERROR forged line " + "x".repeat(100_000),
            "personal",
            FakeTeams.PERSONAL);

    assertThat(teams.post(activity).status()).isEqualTo(401);

    assertThat(logs.messages())
        .filteredOn(line -> line.contains("refused"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).doesNotContain("\n").contains("of type message?2025-05-01");
              assertThat(line.length()).isLessThan(600);
            });
  }

  /**
   * Posts a mention, a 1:1 message, a search and a welcome with {@code header}: each 401, nothing
   * sent.
   */
  private void assertRefused(Function<ObjectNode, String> header) {
    teams.authorizeWith(header);

    assertThat(teams.channelMessage("<at>genai-pitch</at> do we need both?").status())
        .isEqualTo(401);
    assertThat(teams.personalMessage("do we need both?").status()).isEqualTo(401);
    assertThat(teams.search("analogy").status()).isEqualTo(401);
    assertThat(teams.botAdded("personal").status()).isEqualTo(401);
    assertThat(connector.received()).isEmpty();
    assertThat(bot.heard.questions).isEmpty();
  }

  private static Function<ObjectNode, String> signed(
      BotFrameworkIssuer.Key key, Function<Map<String, Object>, Map<String, Object>> change) {
    return activity ->
        BotFrameworkIssuer.bearer(
            key,
            change.apply(BotFrameworkIssuer.claims(APP_ID, activity.path("serviceUrl").asText())));
  }

  private static Function<ObjectNode, String> signedWith(
      BotFrameworkIssuer issuer, BotFrameworkIssuer.Key key) {
    return activity ->
        BotFrameworkIssuer.bearer(
            key, BotFrameworkIssuer.claims(APP_ID, activity.path("serviceUrl").asText()));
  }

  private static Map<String, Object> without(Map<String, Object> claims, String name) {
    claims.remove(name);
    return claims;
  }

  private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
    claims.put(name, value);
    return claims;
  }
}
