package dev.genaipitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BotConfigTest {

  private static final String SIGNING_SECRET = "s3cr3t-signing-value";
  private static final String BOT_TOKEN = "xoxb-very-secret-token";
  private static final String APP_TOKEN = "xapp-1-very-secret-app-token";
  private static final String APP_PASSWORD = "app-password-value";

  @TempDir Path dir;

  @Test
  void load_nothingSet_usesDefaults() throws ConfigException {
    BotConfig config = BotConfig.load(Map.of());

    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.adminPort()).isEqualTo(3001);
    assertThat(config.guideDir()).isEmpty();
    assertThat(config.reloadInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.slack().enabled()).isFalse();
    assertThat(config.teams().authenticated()).isFalse();
    assertThat(config.teams().enabled()).as("Teams is off with no Teams settings").isFalse();
    assertThat(config.teams().emulator()).isFalse();
    assertThat(config.teams().effectiveTokenUrl())
        .hasToString("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");
    assertThat(config.playground()).isEqualTo(new BotConfig.Playground(true, 30));
    assertThat(config.server().bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.server().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(config.server().maxThreads()).isEqualTo(64);
    assertThat(config.server().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.server().readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.server().shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.logging()).isEqualTo(new BotConfig.Logging(false, false));
    assertThat(config.report()).isEqualTo(new BotConfig.Report(Optional.empty(), 1000, 0.5));
    assertThat(config.source(Setting.PORT)).isEqualTo(BotConfig.Source.DEFAULT);
    assertThat(config).isEqualTo(BotConfig.defaults());
  }

  @Test
  void practiceKeepAnswers_isOffUnlessSetToTrue() throws ConfigException {
    assertThat(BotConfig.load(Map.of()).practiceKeepAnswers()).isFalse();
    assertThat(BotConfig.load(Map.of("PRACTICE_KEEP_ANSWERS", "TRUE")).practiceKeepAnswers())
        .isTrue();
    assertThatThrownBy(() -> BotConfig.load(Map.of("PRACTICE_KEEP_ANSWERS", "yes")))
        .hasMessageContaining("PRACTICE_KEEP_ANSWERS='yes' must be true or false");
  }

  @Test
  void load_validValues_areTyped() throws ConfigException {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "8080");
    env.put("ADMIN_PORT", "0");
    env.put("GUIDE_DIR", dir.toString());
    env.put("RELOAD_INTERVAL", "250ms");
    env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
    env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
    env.put("SLACK_DEFAULT_VISIBILITY", "IN_CHANNEL");
    env.put("MICROSOFT_APP_ID", "app-id");
    env.put("MICROSOFT_APP_PASSWORD", APP_PASSWORD);
    env.put("MAX_BODY_BYTES", "2048");
    env.put("IDLE_TIMEOUT", "2m");
    env.put("READ_TIMEOUT", "5");
    env.put("BODY_TIMEOUT", "3s");
    env.put("SHUTDOWN_TIMEOUT", "0");
    env.put("MICROSOFT_TOKEN_URL", "http://127.0.0.1:9/token");
    env.put("PLAYGROUND", "false");
    env.put("PLAYGROUND_RATE", "5");
    env.put("LOG_FORMAT", "json");
    env.put("LOG_QUESTIONS", "TRUE");
    env.put("REPORT_FILE", dir.resolve("report.jsonl").toString());
    env.put("REPORT_CAPACITY", "10");
    env.put("LOW_SCORE", "0.25");

    BotConfig config = BotConfig.load(env);

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.adminPort()).isZero();
    assertThat(config.guideDir()).contains(dir);
    assertThat(config.reloadInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.slack().enabled()).isTrue();
    assertThat(config.slack().postInChannel()).isTrue();
    assertThat(config.teams().authenticated()).isTrue();
    assertThat(config.server())
        .isEqualTo(
            new BotConfig.Server(
                2048,
                33_554_432,
                64,
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(3),
                Duration.ZERO));
    assertThat(config.teams().enabled()).isTrue();
    assertThat(config.teams().effectiveTokenUrl()).hasToString("http://127.0.0.1:9/token");
    assertThat(config.playground()).isEqualTo(new BotConfig.Playground(false, 5));
    assertThat(config.logging()).isEqualTo(new BotConfig.Logging(true, true));
    assertThat(config.report())
        .isEqualTo(new BotConfig.Report(Optional.of(dir.resolve("report.jsonl")), 10, 0.25));
    assertThat(config.source(Setting.PORT)).isEqualTo(BotConfig.Source.ENVIRONMENT);
  }

  @Test
  void load_appTokenAndBotToken_connectOverSocketModeWithoutASigningSecret()
      throws ConfigException {
    BotConfig config =
        BotConfig.load(Map.of("SLACK_APP_TOKEN", APP_TOKEN, "SLACK_BOT_TOKEN", BOT_TOKEN));

    assertThat(config.slack().enabled()).isTrue();
    assertThat(config.slack().socketMode()).isTrue();
    assertThat(config.slack().requestUrl()).isFalse();
    assertThat(config.slack().appToken()).contains(APP_TOKEN);
    assertThat(config.describe()).containsEntry("SLACK_APP_TOKEN", "********");
    assertThat(config.toString()).doesNotContain(APP_TOKEN);
    assertThat(config.slack().toString()).doesNotContain(APP_TOKEN).contains("socketMode=true");
  }

  @Test
  void load_allThreeSlackSecrets_serveTheRequestUrlAndTheSocket() throws ConfigException {
    BotConfig config =
        BotConfig.load(
            Map.of(
                "SLACK_APP_TOKEN",
                APP_TOKEN,
                "SLACK_BOT_TOKEN",
                BOT_TOKEN,
                "SLACK_SIGNING_SECRET",
                SIGNING_SECRET));

    assertThat(config.slack().socketMode()).isTrue();
    assertThat(config.slack().requestUrl()).isTrue();
  }

  @Test
  void load_signingSecretAndBotToken_postToTheRequestUrlOnly() throws ConfigException {
    BotConfig config =
        BotConfig.load(
            Map.of("SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_BOT_TOKEN", BOT_TOKEN));

    assertThat(config.slack().socketMode()).isFalse();
    assertThat(config.slack().requestUrl()).isTrue();
  }

  @Test
  void load_appTokenWithoutBotToken_saysSocketModeNeedsBoth() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> BotConfig.load(Map.of("SLACK_APP_TOKEN", APP_TOKEN)));

    assertThat(e.problems())
        .containsExactly(
            "SLACK_BOT_TOKEN is missing: Socket Mode needs both SLACK_APP_TOKEN and"
                + " SLACK_BOT_TOKEN");
    assertThat(e.getMessage()).doesNotContain(APP_TOKEN);
  }

  @Test
  void load_botTokenAlone_namesBothWaysIn() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> BotConfig.load(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN)));

    assertThat(e.problems())
        .containsExactly(
            "SLACK_SIGNING_SECRET is missing: Slack needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET"
                + " (Request URL) or with SLACK_APP_TOKEN (Socket Mode)");
  }

  @Test
  void load_botTokenAsAppToken_isRefusedWithoutShowingIt() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                BotConfig.load(Map.of("SLACK_APP_TOKEN", BOT_TOKEN, "SLACK_BOT_TOKEN", BOT_TOKEN)));

    assertThat(e.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("SLACK_APP_TOKEN is not an app-level token: it starts with xapp-");
    assertThat(e.getMessage()).doesNotContain(BOT_TOKEN);
  }

  @Test
  void load_teamsEmulator_turnsTeamsOnWithoutAuthentication() throws ConfigException {
    BotConfig.Teams teams = BotConfig.load(Map.of("TEAMS_EMULATOR", "true")).teams();

    assertThat(teams.enabled()).isTrue();
    assertThat(teams.authenticated()).isFalse();
    assertThat(teams.emulator()).isTrue();
  }

  @Test
  void load_teamsEmulatorWithAnAppId_isAProblem() {
    Map<String, String> env =
        Map.of(
            "TEAMS_EMULATOR", "true",
            "MICROSOFT_APP_ID", "app-id",
            "MICROSOFT_APP_PASSWORD", APP_PASSWORD);

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> BotConfig.load(env));

    assertThat(e.problems())
        .containsExactly(
            "TEAMS_EMULATOR=true turns Teams authentication off: it cannot be combined with"
                + " MICROSOFT_APP_ID");
  }

  @Test
  void load_singleTenantWithTheDefaultTokenUrl_usesTheTenantsEndpoint() throws ConfigException {
    BotConfig.Teams teams =
        BotConfig.load(
                Map.of(
                    "MICROSOFT_APP_ID", "app-id",
                    "MICROSOFT_APP_PASSWORD", APP_PASSWORD,
                    "MICROSOFT_APP_TENANT_ID", "contoso.onmicrosoft.com"))
            .teams();

    assertThat(teams.effectiveTokenUrl())
        .hasToString("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  }

  @Test
  void load_redisUrl_isTypedAndMasked() throws ConfigException {
    String url = "rediss://bot:s3cr3t-redis-password@redis.internal:6380/2";

    BotConfig config = BotConfig.load(Map.of("REDIS_URL", url));

    assertThat(config.redisUrl()).contains(java.net.URI.create(url));
    assertThat(config.describe()).containsEntry("REDIS_URL", "********");
    assertThat(config.toString()).doesNotContain("s3cr3t-redis-password");
    assertThat(BotConfig.defaults().redisUrl()).isEmpty();
  }

  @Test
  void load_redisUrlOfAnotherKind_isRefusedWithoutShowingIt() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> BotConfig.load(Map.of("REDIS_URL", "http://user:s3cr3t-redis@redis:6379")));

    assertThat(e.problems())
        .containsExactly(
            "REDIS_URL is not a redis:// or rediss:// URL with a host and at most a database number"
                + " (like redis://redis:6379/0)");
    assertThat(e.getMessage()).doesNotContain("s3cr3t-redis");
  }

  @Test
  void load_redisUrlWithAPathThatIsNoDatabase_isRefusedWithoutShowingIt() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> BotConfig.load(Map.of("REDIS_URL", "redis://:s3cr3t-redis@redis:6379/cache")));

    assertThat(e.problems()).singleElement().asString().startsWith("REDIS_URL is not a redis://");
    assertThat(e.getMessage()).doesNotContain("s3cr3t-redis");
  }

  @Test
  void load_redisTimeout_isADurationAboveZero() throws ConfigException {
    assertThat(BotConfig.defaults().redisTimeout()).isEqualTo(java.time.Duration.ofMillis(50));
    assertThat(BotConfig.load(Map.of("REDIS_TIMEOUT", "5ms")).redisTimeout())
        .isEqualTo(java.time.Duration.ofMillis(5));
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> BotConfig.load(Map.of("REDIS_TIMEOUT", "0ms")));
    assertThat(e.problems()).containsExactly("REDIS_TIMEOUT='0ms' must be longer than zero");
  }

  @Test
  void load_manyBadValues_reportsEveryProblemInOneMessage() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "eighty");
    env.put("ADMIN_PORT", "70000");
    env.put("GUIDE_DIR", dir.resolve("missing").toString());
    env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
    env.put("SLACK_API_URL", "ftp://example.invalid/");
    env.put("SLACK_DEFAULT_VISIBILITY", "loud");
    env.put("MICROSOFT_APP_ID", "app-id");
    env.put("IDLE_TIMEOUT", "soon");
    env.put("READ_TIMEOUT", "0");
    env.put("SHUTDOWN_TIMEOUT", "99999999999999999999");
    env.put("LOG_FORMAT", "xml");
    env.put("LOG_QUESTIONS", "yes");
    env.put("REPORT_CAPACITY", "0");
    env.put("LOW_SCORE", "high");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> BotConfig.load(env));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "PORT='eighty' is not a whole number",
            "ADMIN_PORT='70000' is out of range (0 to 65535)",
            "GUIDE_DIR=" + dir.resolve("missing") + " is not a directory",
            "SLACK_BOT_TOKEN is missing: Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN",
            "SLACK_API_URL='ftp://example.invalid/' is not an http(s) URL",
            "SLACK_DEFAULT_VISIBILITY='loud' must be one of ephemeral, in_channel",
            "MICROSOFT_APP_PASSWORD is missing: it is required with MICROSOFT_APP_ID",
            "IDLE_TIMEOUT='soon' is not a duration (like 500ms, 30s, 2m)",
            "READ_TIMEOUT='0' must be longer than zero",
            "SHUTDOWN_TIMEOUT='99999999999999999999' is not a duration (like 500ms, 30s, 2m)",
            "LOG_FORMAT='xml' must be one of text, json",
            "LOG_QUESTIONS='yes' must be true or false",
            "REPORT_CAPACITY='0' is out of range (1 to 1000000)",
            "LOW_SCORE='high' is not a number");
    assertThat(e.getMessage())
        .startsWith("invalid configuration (14 problems):\n  ")
        .contains(e.problems())
        .doesNotContain(SIGNING_SECRET);
  }

  @Test
  void load_secretWithoutItsPartner_namesTheMissingSettingButNotTheValue() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> BotConfig.load(Map.of("MICROSOFT_APP_PASSWORD", APP_PASSWORD)));

    assertThat(e.problems())
        .containsExactly("MICROSOFT_APP_ID is missing: MICROSOFT_APP_PASSWORD is set without it");
    assertThat(e.getMessage()).doesNotContain(APP_PASSWORD);
  }

  @Test
  void load_samePortForAdminAndHttp_isAProblem() {
    assertThatThrownBy(() -> BotConfig.load(Map.of("PORT", "4000", "ADMIN_PORT", "4000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ADMIN_PORT=4000 is the same as PORT");
  }

  @Test
  void load_zeroPorts_areAllowedTogether() throws ConfigException {
    BotConfig config = BotConfig.load(Map.of("PORT", "0", "ADMIN_PORT", "0"));

    assertThat(config.port()).isZero();
    assertThat(config.adminPort()).isZero();
  }

  @Test
  void load_durationLongerThanADay_isAProblem() {
    assertThatThrownBy(() -> BotConfig.load(Map.of("IDLE_TIMEOUT", "25h")))
        .hasMessageContaining("IDLE_TIMEOUT='25h' is longer than a day");
  }

  @Test
  void load_reportFileInMissingDirectory_isAProblem() {
    Path file = dir.resolve("nowhere").resolve("report.jsonl");

    assertThatThrownBy(() -> BotConfig.load(Map.of("REPORT_FILE", file.toString())))
        .hasMessageContaining("REPORT_FILE=" + file + ": its directory");
  }

  @Test
  void load_file_fillsWhatTheEnvironmentLeavesUnset() throws IOException, ConfigException {
    Path file =
        write(
            "PORT=4000\nLOG_FORMAT=json\nSLACK_SIGNING_SECRET="
                + SIGNING_SECRET
                + "\nSLACK_BOT_TOKEN="
                + BOT_TOKEN
                + "\n");

    BotConfig config =
        BotConfig.load(Map.of("GENAI_PITCH_CONFIG", file.toString(), "PORT", "5000"));

    assertThat(config.port()).isEqualTo(5000);
    assertThat(config.source(Setting.PORT)).isEqualTo(BotConfig.Source.ENVIRONMENT);
    assertThat(config.logging().json()).isTrue();
    assertThat(config.source(Setting.LOG_FORMAT)).isEqualTo(BotConfig.Source.FILE);
    assertThat(config.slack().enabled()).isTrue();
    assertThat(config.configFile()).contains(file);
  }

  @Test
  void load_blankEnvironmentValue_fallsBackToTheFile() throws IOException, ConfigException {
    Path file = write("PORT=4000\n");

    BotConfig config = BotConfig.load(Map.of("GENAI_PITCH_CONFIG", file.toString(), "PORT", "  "));

    assertThat(config.port()).isEqualTo(4000);
  }

  @Test
  void load_unknownKeyInFile_isAProblem() throws IOException {
    Path file = write("PROT=4000\nLOG_FORMAT=yaml\n");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> BotConfig.load(Map.of("GENAI_PITCH_CONFIG", file.toString())));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "PROT (in " + file + ") is not a known setting",
            "LOG_FORMAT='yaml' must be one of text, json");
  }

  @Test
  void load_missingFile_isAProblem() {
    Path file = dir.resolve("absent.properties");

    assertThatThrownBy(() -> BotConfig.load(Map.of("GENAI_PITCH_CONFIG", file.toString())))
        .hasMessageContaining("GENAI_PITCH_CONFIG=" + file + " does not exist");
  }

  @Test
  void describe_masksSecrets() throws ConfigException {
    BotConfig config =
        BotConfig.load(
            Map.of(
                "SLACK_SIGNING_SECRET", SIGNING_SECRET,
                "SLACK_BOT_TOKEN", BOT_TOKEN,
                "MICROSOFT_APP_ID", "app-id",
                "MICROSOFT_APP_PASSWORD", APP_PASSWORD));

    Map<String, String> shown = config.describe();

    assertThat(shown).hasSize(Setting.values().length);
    assertThat(shown)
        .containsEntry("SLACK_SIGNING_SECRET", "********")
        .containsEntry("SLACK_BOT_TOKEN", "********")
        .containsEntry("MICROSOFT_APP_PASSWORD", "********")
        .containsEntry("MICROSOFT_APP_ID", "app-id")
        .containsEntry("PORT", "3000");
    assertThat(config.toString())
        .doesNotContain(SIGNING_SECRET)
        .doesNotContain(BOT_TOKEN)
        .doesNotContain(APP_PASSWORD);
    assertThat(config.slack().toString()).doesNotContain(SIGNING_SECRET).doesNotContain(BOT_TOKEN);
    assertThat(config.teams().toString()).doesNotContain(APP_PASSWORD);
  }

  @Test
  void describe_unsetSecret_isEmpty() {
    assertThat(BotConfig.defaults().describe()).containsEntry("SLACK_BOT_TOKEN", "");
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("genai-pitch.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
