package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack.Call;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The App Home tab: the topic menu and how to ask. */
final class AppHomeTest {

  @AutoClose private final SlackFixture fixture = SlackFixture.start();

  @Test
  void homeOpened_publishesTheTopicMenuAndHowToAsk() {
    assertThat(fixture.slack.homeOpened().status()).isEqualTo(200);

    Call publish = fixture.fakeSlack.awaitDelivered("views.publish");
    assertThat(publish.param("user_id")).isEqualTo(Workspace.ASKER);
    assertThat(publish.message().path("type").asText()).isEqualTo("home");
    assertThat(publish.text())
        .contains("What I can help with")
        .contains("/genai-pitch your question")
        .contains("*Do we need both?*");
    assertThat(Blocks.labels(publish.message()))
        .hasSize(fixture.bot.topics().size())
        .containsOnly("Open");
  }

  @Test
  void homeTopic_clicked_showsTheTopicAboveTheMenu() {
    fixture.slack.homeOpened();
    Call home = fixture.fakeSlack.awaitDelivered("views.publish");

    assertThat(
            fixture
                .slack
                .clickHome(
                    home.message(),
                    "Open",
                    fixture.bot.topics().stream()
                        .map(dev.genaipitch.core.Topic::id)
                        .toList()
                        .indexOf("need-both"))
                .status())
        .isEqualTo(200);

    Call updated = fixture.fakeSlack.awaitDelivered("views.publish", 2).get(1);
    assertThat(updated.text())
        .contains("Most enterprises start with Bedrock to prove value quickly")
        .contains("What I can help with");
    assertThat(Blocks.labels(updated.message())).doesNotContain("Post in channel", "👍");
    assertThat(fixture.fakeSlack.sent()).extracting(Call::method).containsOnly("views.publish");
  }

  @Test
  void messagesTabOpened_publishesNothing() {
    ObjectNode event = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    event.put("type", "app_home_opened");
    event.put("user", Workspace.ASKER);
    event.put("channel", Workspace.DM_CHANNEL);
    event.put("tab", "messages");

    assertThat(fixture.slack.event(fixture.slack.newEventId(), event, null).status())
        .isEqualTo(200);

    assertThat(fixture.executor.submitted()).isZero();
  }
}
