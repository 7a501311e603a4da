package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack.Call;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What users type is only ever echoed as typed: no pings, no mentions, no forged links, no
 * formatting, and control characters made visible.
 */
final class InjectionTest {

  private static final String ATTACK =
      "<!channel> <!here> <@U123> <https://evil.example|click> & more";

  /** Every piece of mrkdwn a user could type, around a question the script answers. */
  private static final String FORMATTING =
      "*bold* _italic_ ~struck~ `code` ```block``` > quoted <http://x|y> <!channel> do we need"
          + " both?";

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;

  @Test
  void preview_echoesTheQuestionEscaped() {
    Reply reply = slack.command("/genai-pitch", ATTACK);

    assertThat(reply.text())
        .contains(
            "You asked: “&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;"
                + " &lt;https://evil.example|click&gt; &amp; more”");
    assertNoRawMarkup(reply.text());
  }

  @Test
  void preview_ofTextSlackAlreadyEscaped_isNotEscapedTwice() {
    Reply reply = slack.command("/genai-pitch", "&lt;!channel&gt; do we need both? &amp; why");

    assertThat(reply.text()).contains("You asked: “&lt;!channel&gt; do we need both? &amp; why”");
    assertNoRawMarkup(reply.text());
  }

  @Test
  void sharedAnswer_echoesTheQuestionEscaped() {
    Reply preview = slack.command("/genai-pitch", "do we need both? <!here> <@U123>");

    slack.click(preview.json(), "Post in channel");

    Call shared = fixture.fakeSlack.awaitDelivered("response_url", 2).get(0);
    assertThat(shared.json().path("response_type").asText()).isEqualTo("in_channel");
    assertThat(shared.text())
        .contains(
            "Shared by <@"
                + Workspace.ASKER
                + "> · “do we need both? &lt;!here&gt; &lt;@U123&gt;”");
    assertNoRawMarkup(shared.text().replace("<@" + Workspace.ASKER + ">", ""));
  }

  @Test
  void sharedAnswer_fromAForgedButtonValue_isStillEscaped() {
    ObjectNode payload = slack.blockActions(Workspace.ASKER, "ephemeral");
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", "post_in_channel")
        .put("block_id", "b")
        .put("value", "{\"i\":\"need-both\",\"q\":\"" + ATTACK + "\",\"s\":\"p\"}");

    assertThat(slack.interaction(payload).status()).isEqualTo(200);

    Call shared = fixture.fakeSlack.awaitDelivered("response_url", 2).get(0);
    assertNoRawMarkup(shared.text().replace("<@" + Workspace.ASKER + ">", ""));
  }

  @Test
  void sharedAnswer_withAForgedUserId_namesNobody() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");

    slack.click(preview.json(), "Post in channel", 0, "<!channel>", "ephemeral");

    Call shared = fixture.fakeSlack.awaitDelivered("response_url", 2).get(0);
    assertThat(shared.text()).doesNotContain("Shared by").doesNotContain("<!channel>");
  }

  @Test
  void fallbackText_isEscapedToo() {
    Reply reply = slack.command("/genai-pitch", ATTACK);

    assertThat(reply.json().path("text").asText()).doesNotContain("<", ">");
  }

  // Regression (issue 10): the echo was mrkdwn, which has no escape for * _ ~ ` or a leading >,
  // so typed formatting formatted it ("verbatim" stops only pings and links).
  @Test
  void preview_showsTypedFormattingAsTyped() {
    Reply reply = slack.command("/genai-pitch", FORMATTING);

    assertThat(reply.text())
        .contains(
            "You asked: “*bold* _italic_ ~struck~ `code` ```block``` &gt; quoted &lt;http://x|y&gt;"
                + " &lt;!channel&gt; do we need both?”");
    assertOnlyInPlainText(reply.json(), "*bold* _italic_ ~struck~ `code`");
  }

  @Test
  void sharedAnswer_showsTypedFormattingAsTyped_besideAMentionOfTheSharer() {
    // Fewer marks than FORMATTING, so that the question still matches its section with confidence
    // and the preview offers to post it.
    Reply preview =
        slack.command("/genai-pitch", "do we need both? *bold* _italic_ ~struck~ `code`");

    slack.click(preview.json(), "Post in channel");

    Call shared = fixture.fakeSlack.awaitDelivered("response_url", 2).get(0);
    assertOnlyInPlainText(shared.message(), "*bold* _italic_ ~struck~ `code`");
    assertThat(Blocks.textObjectsWith(shared.message(), "Shared by"))
        .singleElement()
        .satisfies(
            by -> {
              assertThat(by.path("type").asText()).isEqualTo("mrkdwn");
              assertThat(by.path("text").asText())
                  .isEqualTo("Shared by <@" + Workspace.ASKER + "> ·");
            });
  }

  @Test
  void notCovered_showsTypedFormattingAsTyped() {
    Reply reply = slack.command("/genai-pitch", "exec summary + which regions is *bedrock* ~in~?");

    assertThat(reply.text()).contains("Not in the script, so no answer here: “which regions");
    assertOnlyInPlainText(reply.json(), "which regions");
    assertThat(Blocks.textObjectsWith(reply.json(), "which regions"))
        .allSatisfy(t -> assertThat(t.path("text").asText()).contains("*bedrock* ~in~"));
  }

  @Test
  void preview_showsControlCharactersAsSymbols() {
    Reply reply = slack.command("/genai-pitch", "do we need both?\u0007\u001b[2J\u0000 now");

    assertThat(reply.text()).contains("You asked: “do we need both?␇␛[2J␀ now”");
  }

  /** The user's {@code words} are in the message, and only ever as plain text. */
  private static void assertOnlyInPlainText(
      com.fasterxml.jackson.databind.JsonNode message, String words) {
    assertThat(Blocks.textObjectsWith(message, words))
        .isNotEmpty()
        .allSatisfy(text -> assertThat(text.path("type").asText()).isEqualTo("plain_text"));
  }

  private static void assertNoRawMarkup(String text) {
    assertThat(text)
        .doesNotContain("<!channel>", "<!here>", "<@U123>", "<https://evil.example|click>");
  }
}
