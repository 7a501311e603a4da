package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.core.Answer;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.FakeSlack.Call;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A follow-up in a thread or a DM is read after the bot's answer before it, over real signed HTTP
 * into the adapter, with the Web API a loopback fake; a slash command starts fresh.
 */
final class SlackConversationTest {

  private static final String BOT = "<@" + FakeSlack.BOT_USER + "> ";
  private static final String NOT_IN_THE_SCRIPT = "That’s not in the script";

  /** The key message of when-sagemaker, its short form, in words without markup. */
  private static final String SAGEMAKER_KEY_MESSAGE = "their models, not just consume them.";

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;
  private final FakeSlack fakeSlack = fixture.fakeSlack;

  @Test
  void followUp_inTheThreadOfAMention_isReadAfterTheAnswerThere() {
    slack.mention(BOT + "when to use bedrock", "1700000000.000300", null);
    fakeSlack.awaitDelivered("chat.postMessage", 1);

    slack.mention(BOT + "and sagemaker?", "1700000000.000900", "1700000000.000300");

    Call reply = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(reply.param("thread_ts")).isEqualTo("1700000000.000300");
    assertThat(reply.text()).contains("When to Use Amazon SageMaker");
  }

  @Test
  void followUp_inAnotherThread_isReadAlone() {
    slack.mention(BOT + "when to use bedrock", "1700000000.000300", null);
    fakeSlack.awaitDelivered("chat.postMessage", 1);

    slack.mention(BOT + "and sagemaker?", "1700000000.000900", null);

    Call reply = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(reply.param("thread_ts")).isEqualTo("1700000000.000900");
    assertThat(reply.text()).contains(NOT_IN_THE_SCRIPT);
  }

  @Test
  void followUp_inADirectMessage_isReadAfterTheAnswerBefore() {
    slack.directMessage("when to use bedrock");
    fakeSlack.awaitDelivered("chat.postMessage", 1);

    slack.directMessage("and for an insurer?");

    Call reply = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(reply.param("channel")).isEqualTo(Workspace.DM_CHANNEL);
    assertThat(reply.text()).contains("When to Use Amazon SageMaker");
  }

  @Test
  void shorter_inADirectMessage_isTheSectionsKeyMessage_withTheWholeSectionAClickAway() {
    slack.directMessage("when should I use sagemaker");
    fakeSlack.awaitDelivered("chat.postMessage", 1);

    slack.directMessage("shorter");

    Call brief = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(brief.text())
        .contains("When to Use Amazon SageMaker", SAGEMAKER_KEY_MESSAGE, "In brief")
        .doesNotContain("Typical SageMaker Use Cases");
    assertThat(Blocks.labels(brief.message()))
        .startsWith("The whole section", "The 60-second executive summary");

    slack.clickInDm(brief.message(), "The whole section");

    Call whole = fakeSlack.awaitDelivered("response_url");
    assertThat(whole.text()).contains("Typical SageMaker Use Cases", SAGEMAKER_KEY_MESSAGE);
  }

  @Test
  void shorter_inAThread_isTheKeyMessage_andItsButtonsOpenTheWholeSectionOrTheSummary() {
    slack.mention(BOT + "when should I use sagemaker", "1700000000.000300", null);
    fakeSlack.awaitDelivered("chat.postMessage", 1);

    slack.mention(BOT + "shorter", "1700000000.000900", "1700000000.000300");

    Call brief = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(brief.param("thread_ts")).isEqualTo("1700000000.000300");
    assertThat(brief.text())
        .contains(SAGEMAKER_KEY_MESSAGE)
        .doesNotContain("Typical SageMaker Use Cases");

    slack.clickVisible(brief.message(), "The 60-second executive summary", "U0OTHER");
    assertThat(fakeSlack.awaitDelivered("response_url").text())
        .contains("Bedrock helps you move fast, SageMaker helps you go deep.");

    slack.clickVisible(brief.message(), "The whole section", "U0OTHER");
    Call whole = fakeSlack.awaitDelivered("response_url", 2).get(1);
    assertThat(whole.text()).contains("Typical SageMaker Use Cases");
    assertThat(Blocks.labels(whole.message())).startsWith("Post in channel");
  }

  /**
   * "Post in channel" on a preview of a short form shares the short form: the button carries the
   * answer's ref, here drawn as the preview of the brief answer is drawn (the playground shows it).
   */
  @Test
  void postInChannel_onAShortForm_sharesTheShortForm() {
    Answer brief = fixture.bot.open("when-sagemaker!brief");
    JsonNode preview = BlockKit.preview(brief, "shorter", false).body();

    slack.click(preview, "Post in channel");

    Call shared = fakeSlack.awaitDelivered("response_url", 2).get(0);
    assertThat(shared.json().path("response_type").asText()).isEqualTo("in_channel");
    assertThat(shared.text())
        .contains(SAGEMAKER_KEY_MESSAGE)
        .doesNotContain("Typical SageMaker Use Cases");
  }

  @Test
  void buttonClickedInADirectMessage_isTheContextOfTheNextMessage() {
    slack.directMessage("give me the analogy");
    Call analogy = fakeSlack.awaitDelivered("chat.postMessage", 1).get(0);
    slack.clickInDm(analogy.message(), "When to use Bedrock");
    assertThat(fakeSlack.awaitDelivered("response_url").text())
        .contains("When to Use Amazon Bedrock");

    slack.directMessage("and sagemaker?");

    List<Call> posts = fakeSlack.awaitDelivered("chat.postMessage", 2);
    assertThat(posts.get(1).text()).contains("When to Use Amazon SageMaker");
  }

  @Test
  void completeQuestion_inAThread_isAnsweredAsItself() {
    slack.mention(BOT + "when to use bedrock", "1700000000.000300", null);
    fakeSlack.awaitDelivered("chat.postMessage", 1);

    slack.mention(BOT + "do we need both?", "1700000000.000900", "1700000000.000300");

    assertThat(fakeSlack.awaitDelivered("chat.postMessage", 2).get(1).text())
        .contains("Most enterprises start with Bedrock to prove value quickly");
  }

  @Test
  void theSameQuestion_askedAgainInAThread_getsTheSameAnswer() {
    slack.mention(BOT + "when should I use sagemaker", "1700000000.000300", null);
    assertThat(fakeSlack.awaitDelivered("chat.postMessage", 1).get(0).text())
        .contains("When to Use Amazon SageMaker");

    slack.mention(BOT + "when should I use sagemaker", "1700000000.000900", "1700000000.000300");

    Call again = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(again.param("thread_ts")).isEqualTo("1700000000.000300");
    assertThat(again.text()).contains("When to Use Amazon SageMaker");
  }

  @Test
  void theSameQuestion_askedAgainInADirectMessage_getsTheSameAnswer_evenWhenItNamesAPart() {
    // "rds" names the analogy's RDS part, which when-bedrock holds in full: a follow-up
    // naming it asks for when-bedrock, the question asked again still asks for the analogy.
    slack.directMessage("is bedrock like rds?");
    assertThat(fakeSlack.awaitDelivered("chat.postMessage", 1).get(0).text())
        .contains("The Analogy That Makes It Instantly Clear");

    slack.directMessage("is bedrock like rds?");

    assertThat(fakeSlack.awaitDelivered("chat.postMessage", 2).get(1).text())
        .contains("The Analogy That Makes It Instantly Clear");
  }

  @Test
  void slashCommand_inTheChannel_startsFresh() {
    slack.mention(BOT + "when to use bedrock", "1700000000.000300", null);
    fakeSlack.awaitDelivered("chat.postMessage", 1);
    slack.directMessage("when to use bedrock");
    fakeSlack.awaitDelivered("chat.postMessage", 2);

    Reply reply = slack.command("/genai-pitch", "and sagemaker?");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).contains(NOT_IN_THE_SCRIPT);
  }
}
