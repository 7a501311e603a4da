package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.FakeSlack.Call;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code @genai-pitch} in a channel, direct messages, and what the bot stays quiet about. */
final class MentionsAndMessagesTest {

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;
  private final FakeSlack fakeSlack = fixture.fakeSlack;

  @Test
  void mention_answersInAThreadUnderTheMention() {
    Reply ack = slack.mention("<@" + FakeSlack.BOT_USER + "> do we need both?");

    assertThat(ack.status()).isEqualTo(200);
    Call post = fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(post.param("channel")).isEqualTo(Workspace.CHANNEL);
    assertThat(post.param("thread_ts")).isEqualTo("1700000000.000300");
    assertThat(post.param("text")).isEqualTo("Do we need both?");
    assertThat(post.text()).contains("Most enterprises start with Bedrock to prove value quickly");
    assertThat(Blocks.labels(post.message())).doesNotContain("Post in channel").contains("👍");
    assertThat(post.headers().get("Authorization")).containsExactly("Bearer " + SlackFixture.TOKEN);
  }

  @Test
  void mention_isRemovedBeforeMatching() {
    slack.mention(
        "<@" + FakeSlack.BOT_USER + "> do we need both? <@" + FakeSlack.BOT_USER + "|genai-pitch>");

    assertThat(fixture.listener.questions()).containsExactly("slack: do we need both?");
  }

  @Test
  void mention_withoutAQuestion_answersWithTheMenu() {
    slack.mention("<@" + FakeSlack.BOT_USER + ">");

    Call post = fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(post.text()).contains("What I can help with");
    assertThat(Blocks.labels(post.message())).contains("Open");
  }

  @Test
  void directMessage_withTextSlackEscaped_reachesTheCoreAsTyped() {
    slack.directMessage("exec summary &amp; analogy &lt;please&gt;");

    assertThat(fixture.listener.questions())
        .containsExactly("slack: exec summary & analogy <please>");
  }

  @Test
  void directMessage_withNonAsciiText_isVerifiedOverItsBytesAndAnswered() {
    Reply ack = slack.directMessage("café ☕ — do we need both? 🤔");

    assertThat(ack.status()).isEqualTo(200);
    assertThat(fixture.listener.questions()).containsExactly("slack: café ☕ — do we need both? 🤔");
    assertThat(fakeSlack.awaitDelivered("chat.postMessage").text())
        .contains("Most enterprises start with Bedrock");
  }

  @Test
  void helpful_inADirectMessage_thanksInPlace() {
    slack.directMessage("give me the analogy");
    Call post = fakeSlack.awaitDelivered("chat.postMessage");

    slack.clickVisible(post.message(), "👍", Workspace.ASKER);

    Call replaced = fakeSlack.awaitDelivered("response_url");
    assertThat(fixture.listener.feedback())
        .containsExactly(new SlackFixture.RecordingListener.Feedback("slack", "analogy", true));
    assertThat(replaced.json().path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.text())
        .contains("Think of Bedrock like Amazon RDS", "Thanks for the feedback.")
        .doesNotContain("Helpful?");
  }

  @Test
  void mention_inAThread_answersInThatThread() {
    ObjectNode event = mentionEvent("<@" + FakeSlack.BOT_USER + "> exec summary");
    event.put("thread_ts", "1699999999.000100");

    slack.event(slack.newEventId(), event, null);

    assertThat(fakeSlack.awaitDelivered("chat.postMessage").param("thread_ts"))
        .isEqualTo("1699999999.000100");
  }

  @Test
  void directMessage_isAnsweredInTheConversation() {
    Reply ack = slack.directMessage("give me the analogy");

    assertThat(ack.status()).isEqualTo(200);
    Call post = fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(post.param("channel")).isEqualTo(Workspace.DM_CHANNEL);
    assertThat(post.param("thread_ts")).isNull();
    assertThat(post.text()).contains("Think of Bedrock like Amazon RDS for AI models.");
    assertThat(Blocks.labels(post.message())).doesNotContain("Post in channel");
  }

  @Test
  void followUp_inADirectMessage_answersInPlace() {
    slack.directMessage("give me the analogy");
    Call post = fakeSlack.awaitDelivered("chat.postMessage");

    slack.clickVisible(post.message(), "When to use Bedrock", Workspace.ASKER);

    Call replaced = fakeSlack.awaitDelivered("response_url");
    assertThat(replaced.json().path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.text()).contains("When to Use Amazon Bedrock");
  }

  @Test
  void ownMessagesOtherBotsEditsAndDeletions_areAcknowledgedAndIgnored() {
    ObjectNode own = slack.dm("do we need both?");
    own.put("user", FakeSlack.BOT_USER);
    ObjectNode otherBot = slack.dm("do we need both?");
    otherBot.put("bot_id", "B0OTHER");
    ObjectNode botMessage = slack.dm("do we need both?");
    botMessage.remove("user");
    botMessage.put("subtype", "bot_message");
    botMessage.put("bot_id", "B0OTHER");
    ObjectNode edit = slack.dm("");
    edit.put("subtype", "message_changed");
    edit.putObject("message")
        .put("type", "message")
        .put("user", Workspace.ASKER)
        .put("text", "do we need both?");
    ObjectNode deletion = slack.dm("");
    deletion.put("subtype", "message_deleted");
    deletion.put("deleted_ts", "1700000000.000400");
    ObjectNode mentionByBot = mentionEvent("<@" + FakeSlack.BOT_USER + "> do we need both?");
    mentionByBot.put("bot_id", "B0OTHER");

    for (ObjectNode event :
        new ObjectNode[] {own, otherBot, botMessage, edit, deletion, mentionByBot}) {
      assertThat(slack.event(slack.newEventId(), event, null).status())
          .as(event.toString())
          .isEqualTo(200);
    }

    assertThat(fixture.executor.submitted()).isZero();
    assertThat(fakeSlack.sent()).isEmpty();
  }

  @Test
  void messageInAChannel_isNotADirectMessage() {
    ObjectNode channelMessage = slack.dm("do we need both?");
    channelMessage.put("channel_type", "channel");
    channelMessage.put("channel", Workspace.CHANNEL);

    assertThat(slack.event(slack.newEventId(), channelMessage, null).status()).isEqualTo(200);

    assertThat(fixture.executor.submitted()).isZero();
  }

  private static ObjectNode mentionEvent(String text) {
    ObjectNode event = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    event.put("type", "app_mention");
    event.put("user", Workspace.ASKER);
    event.put("text", text);
    event.put("ts", "1700000000.000300");
    event.put("channel", Workspace.CHANNEL);
    event.put("event_ts", "1700000000.000300");
    return event;
  }
}
