package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.core.Topic;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code /genai-pitch}: the menu, a previewed answer, "not in the script". */
final class SlashCommandTest {

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;

  @Test
  void command_withoutText_showsTheTopicMenuWithAButtonPerTopic() {
    Reply reply = slack.command("/genai-pitch", "");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode menu = reply.json();
    assertThat(menu.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(reply.text()).contains("What I can help with");
    for (Topic topic : fixture.bot.topics()) {
      assertThat(reply.text())
          .contains("*" + Mrkdwn.escape(topic.title()) + "*\n" + Mrkdwn.escape(topic.summary()));
    }
    assertThat(Blocks.labels(menu)).hasSize(fixture.bot.topics().size()).containsOnly("Open");
  }

  @Test
  void adapterClosed_refusesCommandsWith503() {
    assertThat(fixture.adapter.ready()).isTrue();

    fixture.adapter.close();
    Reply refused = slack.command("/genai-pitch", "do we need both?");

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().path("message").asText()).isEqualTo("shutting down");
    assertThat(fixture.adapter.ready()).isFalse();
  }

  @Test
  void command_help_showsTheTopicMenu() {
    Reply reply = slack.command("/genai-pitch", "help");

    assertThat(reply.text()).contains("What I can help with");
    assertThat(Blocks.labels(reply.json())).hasSize(fixture.bot.topics().size());
  }

  @Test
  void command_question_previewsTheScriptsAnswerToTheAskerAlone() {
    Reply reply = slack.command("/genai-pitch", "do we need both?");

    JsonNode preview = reply.json();
    assertThat(preview.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(preview.path("text").asText()).isEqualTo("Do we need both?");
    assertThat(Blocks.types(preview)).startsWith("context", "header");
    assertThat(preview.at("/blocks/1/text/text").asText())
        .startsWith("7️⃣ Address the Common Customer Confusion");
    assertThat(reply.text())
        .contains("You asked: “do we need both?”")
        .contains(
            "> “Most enterprises start with Bedrock to prove value quickly.\n"
                + "> As maturity grows, SageMaker comes in where deeper customization or governance"
                + " is required.”")
        .contains("That’s a *journey-based answer*, not a sales pitch.");
    assertThat(Blocks.labels(preview))
        .containsSubsequence(
            "Post in channel",
            "Not competing: two stages of the journey",
            "The 60-second executive summary")
        .contains("👍", "👎");
    assertThat(fixture.fakeSlack.sent()).as("the answer rides on the acknowledgement").isEmpty();
  }

  @Test
  void command_stageTable_isLaidOutAsTwoColumns() {
    Reply reply = slack.command("/genai-pitch", "are they competing services?");

    JsonNode fields = null;
    for (JsonNode block : reply.json().path("blocks")) {
      if (block.has("fields")) {
        fields = block.path("fields");
      }
    }
    assertThat(fields).as("a section of fields").isNotNull();
    assertThat(fields.findValuesAsText("text"))
        .containsExactly(
            "*Stage*", "*Service*",
            "Use AI quickly", "Bedrock",
            "Customize &amp; evolve AI", "SageMaker",
            "Production GenAI apps", "Bedrock",
            "Training &amp; data science", "SageMaker");
  }

  @Test
  void command_closeMatch_offersDidYouMean() {
    Reply reply = slack.command("/genai-pitch", "use cases");

    assertThat(reply.text()).contains("When to Use Amazon SageMaker", "Did you mean:");
    assertThat(Blocks.buttons(reply.json()))
        .filteredOn(b -> b.blockId().equals("answer.did_you_mean"))
        .extracting(Blocks.Button::label)
        .containsExactly("When to use Bedrock");
    assertThat(Blocks.labels(reply.json()))
        .containsOnlyOnce("When to use Bedrock")
        .contains("Post in channel");
  }

  @Test
  void command_outOfScope_saysPlainlyItIsNotInTheScriptAndOffersClosestTopicsAndTheMenu() {
    Reply reply = slack.command("/genai-pitch", "what is the weather in seattle tomorrow?");

    JsonNode answer = reply.json();
    assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(reply.text())
        .contains("That’s not in the script")
        .contains("The script doesn’t cover that, so I won’t guess.")
        .contains("Closest topics:");
    assertThat(Blocks.labels(answer))
        .doesNotContain("Post in channel", "👍")
        .endsWith("All topics");
    assertThat(Blocks.labels(answer)).hasSizeGreaterThan(1);
  }

  @Test
  void command_isAcknowledgedWellWithinThreeSecondsEvenWhenSlackIsSlow() {
    fixture.fakeSlack.hold("chat.postMessage");
    fixture.fakeSlack.hold("response_url");

    long start = System.nanoTime();
    Reply reply = slack.command("/genai-pitch", "give me the analogy");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(reply.text()).contains("Think of Bedrock like Amazon RDS for AI models.");
  }

  @Test
  void command_withNonAsciiText_echoesItIntact() {
    Reply reply = slack.command("/genai-pitch", "café ☕ — do we need both? 🤔");

    assertThat(reply.text()).contains("You asked: “café ☕ — do we need both? 🤔”");
    assertThat(fixture.listener.questions()).containsExactly("slack: café ☕ — do we need both? 🤔");
  }

  @Test
  void command_renamedInTheWorkspace_isStillAnswered() {
    Reply reply = slack.command("/pitch", "exec summary");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).contains("Bedrock helps you move fast, SageMaker helps you go deep.");
  }
}
