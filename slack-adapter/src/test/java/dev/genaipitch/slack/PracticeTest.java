package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.FakeSlack.Call;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A practice round in Slack: {@code /genai-pitch practice}, the customer's question in the channel,
 * the rep's answer in its thread (or in a direct message), the grade, and its three buttons.
 */
final class PracticeTest {

  private static final String STRONG =
      "Most enterprises start with Bedrock to prove value quickly, and as maturity grows"
          + " SageMaker comes in where deeper customization or governance is needed.";
  private static final String PARTIAL = "Start with Bedrock, it proves value fast.";
  private static final String MISSED_LINE =
      "As maturity grows, SageMaker comes in where deeper customization or governance is"
          + " required.";

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;
  private final FakeSlack fakeSlack = fixture.fakeSlack;

  @Test
  void practice_postsTheCustomersQuestionInTheChannel_andGradesTheReplyInItsThread()
      throws Exception {
    Reply ack = slack.command("/genai-pitch", "practice need-both");

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(ack.text()).contains("reply in its thread");
    Call question = fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(question.param("channel")).isEqualTo(Workspace.CHANNEL);
    assertThat(question.param("thread_ts")).isNull();
    assertThat(question.text())
        .contains("Practice:", "Do we really need both of these?", "reply in this thread");
    fixture.executor.awaitIdle();
    String thread = fakeSlack.postedTs().get(0);

    slack.threadReply(Workspace.ASKER, thread, STRONG);

    Call grade = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(grade.param("channel")).isEqualTo(Workspace.CHANNEL);
    assertThat(grade.param("thread_ts")).isEqualTo(thread);
    assertThat(grade.text()).contains("Strong", "Most enterprises start with Bedrock");
    assertThat(Blocks.labels(grade.message()))
        .hasSize(3)
        .contains("Try again", "Show the script's answer")
        .anyMatch(l -> l.startsWith("Next question: "));
    assertThat(fixture.listener.questions()).isEmpty();
  }

  @Test
  void partialAnswer_showsTheMissedPointInTheScriptsWords_thenTheButtonsAnswerInTheThread()
      throws Exception {
    slack.command("/genai-pitch", "practice need-both");
    fakeSlack.awaitDelivered("chat.postMessage");
    fixture.executor.awaitIdle();
    String thread = fakeSlack.postedTs().get(0);

    slack.threadReply(Workspace.ASKER, thread, PARTIAL);
    Call grade = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(grade.text()).contains("Partial", "1 of 3 key points", MISSED_LINE);
    assertThat(Blocks.labels(grade.message()).get(0)).isEqualTo("Try again");

    assertThat(
            slack
                .clickVisible(grade.message(), "Show the script's answer", Workspace.ASKER)
                .status())
        .isEqualTo(200);
    Call script = fakeSlack.awaitDelivered("chat.postMessage", 3).get(2);
    assertThat(script.param("thread_ts")).isEqualTo(thread);
    assertThat(script.text())
        .contains("The script's answer", "Most enterprises start with Bedrock", MISSED_LINE);

    slack.clickVisible(grade.message(), "Try again", Workspace.ASKER);
    Call again = fakeSlack.awaitDelivered("chat.postMessage", 4).get(3);
    fixture.executor.awaitIdle();
    assertThat(again.param("thread_ts")).isEqualTo(thread);
    assertThat(again.text()).contains("(try 2)", "Do we really need both of these?");

    slack.threadReply(Workspace.ASKER, thread, STRONG);
    Call second = fakeSlack.awaitDelivered("chat.postMessage", 5).get(4);
    assertThat(second.text()).contains("Strong");

    slack.clickVisible(second.message(), Blocks.labels(second.message()).get(0), Workspace.ASKER);
    Call next = fakeSlack.awaitDelivered("chat.postMessage", 6).get(5);
    assertThat(next.param("thread_ts")).isEqualTo(thread);
    assertThat(next.text()).contains("Practice:").doesNotContain("Do we really need both");
  }

  @Test
  void aSecondReply_othersReplies_andOtherThreads_areNotGraded() throws Exception {
    slack.command("/genai-pitch", "practice need-both");
    fakeSlack.awaitDelivered("chat.postMessage");
    fixture.executor.awaitIdle();
    String thread = fakeSlack.postedTs().get(0);

    slack.threadReply("U0COLLEAGUE", thread, STRONG);
    slack.threadReply(Workspace.ASKER, "1699999999.000001", STRONG);
    slack.threadReply(Workspace.ASKER, thread, PARTIAL);
    fakeSlack.awaitDelivered("chat.postMessage", 2);
    slack.threadReply(Workspace.ASKER, thread, STRONG);
    slack.threadReply(Workspace.ASKER, thread, "<@" + FakeSlack.BOT_USER + "> " + STRONG);

    // Sends are handed over before an event is acknowledged: only the rep's first reply was graded.
    assertThat(fixture.executor.submitted()).isEqualTo(2);
    assertThat(fakeSlack.calls("chat.postMessage").get(1).text()).contains("Partial");
  }

  @Test
  void botNotInTheChannel_theRoundMovesToTheDm_andTheNextDirectMessageIsTheAnswer()
      throws Exception {
    fakeSlack.refuse(Workspace.CHANNEL, "not_in_channel");

    slack.command("/genai-pitch", "practice need-both");

    Call question = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);
    assertThat(question.param("channel")).isEqualTo(Workspace.ASKER);
    assertThat(question.text()).contains("Do we really need both", "Reply here");
    fixture.executor.awaitIdle();

    slack.directMessage(PARTIAL);
    Call grade = fakeSlack.awaitDelivered("chat.postMessage", 3).get(2);
    assertThat(grade.param("channel")).isEqualTo(Workspace.DM_CHANNEL);
    assertThat(grade.text()).contains("Partial", MISSED_LINE);

    // Graded once: the next direct message is a question again.
    slack.directMessage("do we need both?");
    Call answer = fakeSlack.awaitDelivered("chat.postMessage", 4).get(3);
    assertThat(answer.text()).doesNotContain("Grade").contains("Most enterprises start");
    assertThat(fixture.listener.questions()).containsExactly("slack: do we need both?");
  }

  @Test
  void unknownSection_isQuotedAsTyped_andNothingIsPosted() throws Exception {
    Reply ack = slack.command("/genai-pitch", "practice <!channel> pricing");

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().path("response_type").asText()).isEqualTo("ephemeral");
    var text = ack.json().path("blocks").get(0).path("text");
    assertThat(text.path("verbatim").asBoolean()).isTrue();
    assertThat(text.path("text").asText())
        .contains("“&lt;!channel&gt; pricing”", "need-both", "executive-summary");
    assertThat(fakeSlack.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void aButtonClickedWithoutARound_tellsTheClickerPrivately() throws Exception {
    slack.command("/genai-pitch", "practice need-both");
    fakeSlack.awaitDelivered("chat.postMessage");
    fixture.executor.awaitIdle();
    slack.threadReply(Workspace.ASKER, fakeSlack.postedTs().get(0), PARTIAL);
    Call grade = fakeSlack.awaitDelivered("chat.postMessage", 2).get(1);

    slack.clickVisible(grade.message(), "Show the script's answer", "U0COLLEAGUE");

    Call note = fakeSlack.awaitDelivered("response_url");
    assertThat(note.json().path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(note.json().path("replace_original").asBoolean()).isFalse();
    assertThat(note.text()).contains("/genai-pitch practice");
    assertThat(fakeSlack.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  void aForgedPlaceInAButton_is400() throws Exception {
    var payload = slack.blockActions(Workspace.ASKER, "visible");
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", PracticeBlocks.TRY_AGAIN)
        .put("block_id", "practice")
        .put("value", "slack:thread:<!channel>:1")
        .put("action_ts", "1700000001.000100");

    assertThat(slack.interaction(payload).status()).isEqualTo(400);
    assertThat(fakeSlack.sent()).isEmpty();
  }
}
