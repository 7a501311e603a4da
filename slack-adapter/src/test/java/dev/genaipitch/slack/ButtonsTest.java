package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.slack.SlackFixture.RecordingListener.Feedback;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.FakeSlack.Call;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Follow-up, topic, did-you-mean and feedback buttons. */
final class ButtonsTest {

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;
  private final FakeSlack fakeSlack = fixture.fakeSlack;

  @Test
  void followUp_onThePreview_answersInPlaceAndKeepsPostInChannel() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");

    assertThat(slack.click(preview.json(), "The 60-second executive summary").status())
        .isEqualTo(200);

    Call replaced = fakeSlack.awaitDelivered("response_url");
    assertThat(replaced.json().path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.text())
        .contains("Bedrock helps you move fast, SageMaker helps you go deep.");
    assertThat(Blocks.labels(replaced.message())).startsWith("Post in channel");
  }

  @Test
  void postInChannel_afterAFollowUp_sharesTheTopicNowShown() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");
    slack.click(preview.json(), "The 60-second executive summary");
    JsonNode replaced = fakeSlack.awaitDelivered("response_url").message();

    slack.click(replaced, "Post in channel");

    Call shared = fakeSlack.awaitDelivered("response_url", 3).get(1);
    assertThat(shared.json().path("response_type").asText()).isEqualTo("in_channel");
    assertThat(shared.text()).contains("Bedrock helps you move fast, SageMaker helps you go deep.");
  }

  @Test
  void didYouMean_answersInPlace() {
    Reply preview = slack.command("/genai-pitch", "use cases");

    slack.click(preview.json(), "When to use Bedrock");

    Call replaced = fakeSlack.awaitDelivered("response_url");
    assertThat(replaced.json().path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.text()).contains("When to Use Amazon Bedrock");
    assertThat(Blocks.labels(replaced.message())).contains("Post in channel");
  }

  @Test
  void menuTopic_answersInPlace() {
    Reply menu = slack.command("/genai-pitch", "");

    slack.click(menu.json(), "Open", topicIndex("need-both"), Workspace.ASKER, "ephemeral");

    Call replaced = fakeSlack.awaitDelivered("response_url");
    assertThat(replaced.json().path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.text())
        .contains("Most enterprises start with Bedrock to prove value quickly");
    assertThat(Blocks.labels(replaced.message())).contains("Post in channel");
  }

  private int topicIndex(String id) {
    return fixture.bot.topics().stream().map(dev.genaipitch.core.Topic::id).toList().indexOf(id);
  }

  @Test
  void closestTopicAndAllTopics_onNotInTheScript_answerInPlace() {
    Reply none = slack.command("/genai-pitch", "what is the weather in seattle tomorrow?");
    String closest = Blocks.labels(none.json()).get(0);

    slack.click(none.json(), closest);
    slack.click(none.json(), "All topics");

    var replaced = fakeSlack.awaitDelivered("response_url", 2);
    assertThat(replaced)
        .allSatisfy(c -> assertThat(c.json().path("replace_original").asBoolean()).isTrue());
    assertThat(replaced).anySatisfy(c -> assertThat(c.text()).contains("What I can help with"));
    assertThat(replaced)
        .anySatisfy(c -> assertThat(Blocks.labels(c.message())).contains("Post in channel"));
  }

  @Test
  void followUp_onAMessageEveryoneSees_opensAPrivatePreviewForTheClicker() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");
    slack.click(preview.json(), "Post in channel");
    JsonNode shared = fakeSlack.awaitDelivered("response_url", 2).get(0).message();

    slack.clickVisible(shared, "The 60-second executive summary", "U0COLLEAGUE");

    Call opened = fakeSlack.awaitDelivered("response_url", 3).get(2);
    assertThat(opened.json().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(opened.json().path("replace_original").asBoolean()).isFalse();
    assertThat(opened.text()).contains("Bedrock helps you move fast");
    assertThat(Blocks.labels(opened.message())).contains("Post in channel");
  }

  @Test
  void helpful_onThePreview_recordsFeedbackAndThanksQuietlyKeepingTheAnswer() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");

    slack.click(preview.json(), "👍");

    Call replaced = fakeSlack.awaitDelivered("response_url");
    assertThat(fixture.listener.feedback())
        .containsExactly(new Feedback("slack", "need-both", true));
    assertThat(replaced.json().path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.text())
        .contains("You asked: “do we need both?”")
        .contains("Most enterprises start with Bedrock to prove value quickly")
        .contains("Thanks for the feedback.")
        .doesNotContain("Helpful?");
    assertThat(Blocks.labels(replaced.message()))
        .contains("Post in channel")
        .doesNotContain("👍", "👎");
  }

  @Test
  void notHelpful_onASharedAnswer_recordsFeedbackAndThanksOnlyTheClicker() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");
    slack.click(preview.json(), "Post in channel");
    JsonNode shared = fakeSlack.awaitDelivered("response_url", 2).get(0).message();

    slack.clickVisible(shared, "👎", "U0COLLEAGUE");

    Call thanks = fakeSlack.awaitDelivered("response_url", 3).get(2);
    assertThat(fixture.listener.feedback())
        .containsExactly(new Feedback("slack", "need-both", false));
    assertThat(thanks.json().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(thanks.json().path("replace_original").asBoolean()).isFalse();
    assertThat(thanks.text()).isEqualTo("Thanks for the feedback.");
  }
}
