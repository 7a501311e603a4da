package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.slack.Workspace.Reply;
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

    slack.directMessage("shorter");

    Call reply = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(reply.param("channel")).isEqualTo(Workspace.DM_CHANNEL);
    assertThat(reply.text()).contains("One-Line Definitions");
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
