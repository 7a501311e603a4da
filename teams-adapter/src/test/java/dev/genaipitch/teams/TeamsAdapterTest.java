package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.testing.LogCapture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building the adapter from configuration. */
final class TeamsAdapterTest {

  // Regression: with no Teams settings the adapter served /api/messages without authentication and
  // posted replies to whatever serviceUrl an activity named.
  @Test
  void create_withNoTeamsSettings_refusesToBuild() throws Exception {
    PitchBot bot = RunningBot.sharedBotForTests();

    assertThatThrownBy(() -> TeamsAdapter.create(BotConfig.defaults().teams(), bot))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Teams is off");
  }

  @Test
  void create_inEmulatorMode_runsUnauthenticated_andSaysSoLoudlyInOneLine() throws Exception {
    try (LogCapture logs = LogCapture.root()) {
      TeamsAdapter adapter =
          TeamsAdapter.create(
              BotConfig.load(Map.of("TEAMS_EMULATOR", "true")).teams(),
              RunningBot.sharedBotForTests());

      assertThat(adapter.authenticated()).isFalse();
      assertThat(logs.messages())
          .filteredOn(l -> l.contains("WITHOUT AUTHENTICATION"))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("WARN").contains("only clients on this machine"));
      assertThat(adapter.endpoint()).isNotNull();
    }
  }

  @Test
  void create_withAppId_authenticates_andNeverLogsThePassword() throws Exception {
    try (LogCapture logs = LogCapture.root()) {
      BotConfig config =
          BotConfig.load(
              Map.of(
                  "MICROSOFT_APP_ID", "4f6c2d0e-7b1a-4c8e-9d3f-2a5b6c7d8e9f",
                  "MICROSOFT_APP_PASSWORD", "hunter2-but-longer",
                  "MICROSOFT_APP_TENANT_ID", "8a9b0c1d-2e3f-4a5b-6c7d-8e9f0a1b2c3d",
                  "BOT_OPENID_METADATA", "http://127.0.0.1:9/.well-known/openidconfiguration"));

      TeamsAdapter adapter = TeamsAdapter.create(config.teams(), RunningBot.sharedBotForTests());

      assertThat(adapter.authenticated()).isTrue();
      assertThat(logs.all())
          .contains("4f6c2d0e-7b1a-4c8e-9d3f-2a5b6c7d8e9f")
          .doesNotContain("hunter2");
    }
  }
}
