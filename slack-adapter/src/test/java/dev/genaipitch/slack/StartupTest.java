package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.testing.FakeSlack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up: the token is checked once, and a bad one stops the start with a clear message. */
final class StartupTest {

  @Test
  void start_withAValidToken_isReadyAndNoRequestWaitsOnAuthTest() throws Exception {
    try (SlackFixture fixture = SlackFixture.start()) {
      assertThat(fixture.adapter.ready()).isTrue();

      fixture.slack.command("/genai-pitch", "do we need both?");
      fixture.slack.mention("<@" + FakeSlack.BOT_USER + "> exec summary");
      fixture.slack.homeOpened();
      fixture.fakeSlack.awaitDelivered("views.publish");

      assertThat(fixture.fakeSlack.calls("auth.test")).hasSize(1);
      assertThat(fixture.fakeSlack.calls("auth.test").get(0).headers().get("Authorization"))
          .containsExactly("Bearer " + SlackFixture.TOKEN);
    }
  }

  @Test
  void close_makesItNotReady() throws Exception {
    SlackFixture fixture = SlackFixture.start();
    fixture.close();

    assertThat(fixture.adapter.ready()).isFalse();
  }

  @Test
  void start_withARejectedToken_refusesWithAClearMessage() throws Exception {
    try (FakeSlack fakeSlack = new FakeSlack()) {
      fakeSlack.rejectToken("invalid_auth");
      BotConfig.Slack config = SlackFixture.config(fakeSlack, Map.of());

      assertThatThrownBy(() -> SlackAdapter.start(config, bot()))
          .isInstanceOf(SlackStartException.class)
          .hasMessageContaining("Slack rejected SLACK_BOT_TOKEN (auth.test: invalid_auth)")
          .hasMessageContaining("xoxb-")
          .message()
          .doesNotContain(SlackFixture.TOKEN)
          .doesNotContain(SlackFixture.SECRET);
    }
  }

  @Test
  void start_withSlackUnreachable_saysSo() throws Exception {
    BotConfig.Slack config =
        BotConfig.load(
                Map.of(
                    "SLACK_SIGNING_SECRET", SlackFixture.SECRET,
                    "SLACK_BOT_TOKEN", SlackFixture.TOKEN,
                    "SLACK_API_URL", "http://127.0.0.1:1/api/"))
            .slack();

    assertThatThrownBy(() -> SlackAdapter.start(config, bot()))
        .isInstanceOf(SlackStartException.class)
        .hasMessageContaining("cannot reach the Slack Web API at http://127.0.0.1:1/api/")
        .message()
        .doesNotContain(SlackFixture.TOKEN);
  }

  @Test
  void start_withoutSecrets_saysWhichVariablesTurnSlackOn() {
    assertThatThrownBy(() -> SlackAdapter.start(BotConfig.defaults().slack(), bot()))
        .isInstanceOf(SlackStartException.class)
        .hasMessageContaining("SLACK_SIGNING_SECRET")
        .hasMessageContaining("SLACK_BOT_TOKEN");
  }

  private static PitchBot bot() throws Exception {
    return PitchBot.create(GuideLoader.builtIn());
  }
}
