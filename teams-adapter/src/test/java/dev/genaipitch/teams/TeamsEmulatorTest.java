package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeBotConnector;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * TEAMS_EMULATOR=true: no token is checked, so only the Emulator on this machine is answered, and
 * the bot never posts anywhere but to this machine.
 */
final class TeamsEmulatorTest {

  @AutoClose private final EmulatorChat chat = new EmulatorChat();
  private final FakeBotConnector connector = chat.connector;
  private final RunningBot bot = chat.bot;
  private final FakeTeams teams = chat.teams;

  @Test
  void loopbackClient_loopbackServiceUrl_isAnswered() {
    assertThat(teams.personalMessage("do we need both?").status()).isEqualTo(200);

    assertThat(connector.replies()).hasSize(1);
  }

  // Regression: an activity could name any serviceUrl, and the bot posted its reply there.
  @Test
  void serviceUrlOffThisMachine_isRefused_andNothingIsSent() {
    ObjectNode activity = teams.message("do we need both?", "personal", FakeTeams.PERSONAL);
    activity.put("serviceUrl", "http://10.1.2.3:8080/");

    assertThat(teams.post(activity).status()).isEqualTo(401);
    assertThat(bot.heard.questions).isEmpty();
  }

  @Test
  void requestThroughATunnel_isRefused_andNothingIsSent() {
    ObjectNode activity = teams.message("do we need both?", "personal", FakeTeams.PERSONAL);

    assertThat(teams.postWithHeader(activity, "X-Forwarded-For", "203.0.113.9").status())
        .isEqualTo(401);
    assertThat(teams.postWithHeader(activity, "Forwarded", "for=203.0.113.9").status())
        .isEqualTo(401);
    assertThat(connector.received()).isEmpty();
    assertThat(bot.heard.questions).isEmpty();
  }

  @Test
  void clientOffThisMachine_isRefused() {
    EmulatorAuthenticator emulator = new EmulatorAuthenticator();
    IncomingActivity activity = activity("http://127.0.0.1:9/");

    assertThatThrownBy(
            () -> emulator.authenticate(new Authenticator.Caller(null, false, false), activity))
        .isInstanceOf(Authenticator.Unauthorized.class)
        .hasMessageContaining("only clients on this machine");
  }

  @Test
  void isLoopback_acceptsOnlyLiteralLoopbackHosts() {
    assertThat(EmulatorAuthenticator.isLoopback("http://localhost:9000/")).isTrue();
    assertThat(EmulatorAuthenticator.isLoopback("http://127.0.0.1:9000/")).isTrue();
    assertThat(EmulatorAuthenticator.isLoopback("http://[::1]:9000/")).isTrue();
    assertThat(EmulatorAuthenticator.isLoopback("http://127.0.0.1.evil.example/")).isFalse();
    assertThat(EmulatorAuthenticator.isLoopback("http://localhost.evil.example/")).isFalse();
    assertThat(EmulatorAuthenticator.isLoopback("https://smba.trafficmanager.net/amer/")).isFalse();
    assertThat(EmulatorAuthenticator.isLoopback("not a url")).isFalse();
  }

  private static IncomingActivity activity(String serviceUrl) {
    return new IncomingActivity(
        "message",
        "1",
        "emulator",
        serviceUrl,
        new IncomingActivity.Conversation("c1", "personal", ""),
        new IncomingActivity.Account("u1", "Alice"),
        new IncomingActivity.Account("b1", "bot"),
        "hi",
        null,
        "",
        java.util.List.of(),
        java.util.List.of());
  }
}
