package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.FakeSlack.Call;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The used-by path: ask, look at the preview, post it in the channel for everyone. */
final class PostInChannelTest {

  @Test
  void postInChannel_sharesTheAnswerVisiblyAndRemovesThePreview() throws Exception {
    try (SlackFixture fixture = SlackFixture.start()) {
      Workspace slack = fixture.slack;
      FakeSlack fakeSlack = fixture.fakeSlack;

      Reply preview = slack.command("/genai-pitch", "do we need both?");
      assertThat(preview.text())
          .contains("Most enterprises start with Bedrock to prove value quickly")
          .contains("Think of Bedrock like Amazon RDS for AI models.");

      Reply click = slack.click(preview.json(), "Post in channel");
      assertThat(click.status()).isEqualTo(200);

      List<Call> responses = fakeSlack.awaitDelivered("response_url", 2);
      Call shared = responses.get(0);
      assertThat(shared.json().path("response_type").asText()).isEqualTo("in_channel");
      assertThat(shared.json().path("replace_original").asBoolean()).isFalse();
      // The headline: one click shares the journey answer and the analogy, in one message.
      assertThat(shared.text())
          .contains("Shared by <@" + Workspace.ASKER + "> · “do we need both?”")
          .contains("Most enterprises start with Bedrock to prove value quickly")
          .contains("3️⃣ The Analogy That Makes It Instantly Clear")
          .contains("> “Think of Bedrock like Amazon RDS for AI models.")
          .contains("> “SageMaker is like EC2 plus a full data science platform.");
      assertThat(shared.text().indexOf("Most enterprises start with Bedrock"))
          .isLessThan(shared.text().indexOf("Think of Bedrock like Amazon RDS"));
      assertThat(Blocks.labels(shared.message())).doesNotContain("Post in channel");

      Call removed = responses.get(1);
      assertThat(removed.path()).isEqualTo(shared.path());
      assertThat(removed.json().path("delete_original").asBoolean()).isTrue();
      assertThat(fakeSlack.sent()).hasSize(2);
    }
  }

  @Test
  void postInChannel_questionInTwoParts_sharesWhatThePreviewShowed() throws Exception {
    try (SlackFixture fixture = SlackFixture.start()) {
      Reply preview =
          fixture.slack.command("/genai-pitch", "exec summary + which regions is bedrock in?");
      assertThat(preview.text())
          .contains("Executive Summary")
          .contains("Not in the script, so no answer here: “which regions is bedrock in?”");

      fixture.slack.click(preview.json(), "Post in channel");

      Call shared = fixture.fakeSlack.awaitDelivered("response_url", 2).get(0);
      assertThat(shared.text())
          .contains("Bedrock helps you move fast, SageMaker helps you go deep");
    }
  }

  @Test
  void preview_oneFactQuestion_showsTheScriptsLineFirst() throws Exception {
    try (SlackFixture fixture = SlackFixture.start()) {
      Reply preview =
          fixture.slack.command("/genai-pitch", "do teams need ML expertise for bedrock?");

      assertThat(preview.text()).contains("*The script says:* “No ML expertise required”");
      assertThat(preview.text().indexOf("The script says"))
          .isLessThan(preview.text().indexOf("When to Use Amazon Bedrock"));

      fixture.slack.click(preview.json(), "Post in channel");
      Call shared = fixture.fakeSlack.awaitDelivered("response_url", 2).get(0);
      assertThat(shared.text()).contains("*The script says:* “No ML expertise required”");
    }
  }

  @Test
  void postInChannel_whenTheShareFails_keepsThePreview() throws Exception {
    try (SlackFixture fixture = SlackFixture.start()) {
      Reply preview = fixture.slack.command("/genai-pitch", "do we need both?");
      fixture.fakeSlack.answerNext("response_url", 404, null);

      fixture.slack.click(preview.json(), "Post in channel");

      assertThat(fixture.listener.awaitFailures(1))
          .extracting(SlackFixture.RecordingListener.Failure::operation)
          .containsExactly("response_url");
      assertThat(fixture.fakeSlack.calls("response_url")).hasSize(1);
    }
  }

  @Test
  void command_withInChannelVisibility_postsStraightAwayAndSaysWhoAsked() throws Exception {
    try (SlackFixture fixture =
        SlackFixture.start(Map.of("SLACK_DEFAULT_VISIBILITY", "in_channel"))) {
      Reply reply = fixture.slack.command("/genai-pitch", "do we need both?");

      JsonNode message = reply.json();
      assertThat(message.path("response_type").asText()).isEqualTo("in_channel");
      assertThat(reply.text())
          .contains("Shared by <@" + Workspace.ASKER + ">")
          .contains("Most enterprises start with Bedrock to prove value quickly");
      assertThat(Blocks.labels(message)).doesNotContain("Post in channel");
    }
  }

  @Test
  void command_withInChannelVisibility_keepsTheMenuAndNotInScriptPrivate() throws Exception {
    try (SlackFixture fixture =
        SlackFixture.start(Map.of("SLACK_DEFAULT_VISIBILITY", "in_channel"))) {
      assertThat(fixture.slack.command("/genai-pitch", "").json().path("response_type").asText())
          .isEqualTo("ephemeral");
      assertThat(
              fixture
                  .slack
                  .command("/genai-pitch", "what's the weather tomorrow")
                  .json()
                  .path("response_type")
                  .asText())
          .isEqualTo("ephemeral");
    }
  }
}
