package dev.genaipitch.app;

import static dev.genaipitch.app.Verdicts.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a plain start serves for Teams: nothing. With no Teams settings (no MICROSOFT_APP_ID, no
 * TEAMS_EMULATOR), {@code /api/messages} answers 404 and the bot posts nowhere.
 */
final class TeamsOffTest {

  private static RunningService running;

  @BeforeAll
  static void start() throws Exception {
    running = RunningService.builder().env("TEAMS_EMULATOR", "false").start();
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  // Regression: a plain start accepted any activity without authentication and posted the reply to
  // whatever serviceUrl it named: anyone who could reach the port could make the server send
  // requests wherever they liked.
  @Test
  void plainStart_activity_is404_andNothingIsSent() {
    Wire.Reply reply = running.teams.post(running.teams.personal("do we need both?"));

    assertRefused(reply, 404, "Teams is off");
    assertThat(running.connector.received()).isEmpty();
  }

  @Test
  void plainStart_saysHowToTurnTeamsOn() {
    assertThat(running.logs.lines())
        .anySatisfy(line -> assertThat(line).contains("Teams is off").contains("MICROSOFT_APP_ID"));
  }
}
