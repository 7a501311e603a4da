package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.FakeSlack.Call;
import dev.genaipitch.slack.Workspace.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What users type is only ever echoed escaped: no pings, no mentions, no forged links. */
final class InjectionTest {

  private static final String ATTACK =
      "<!channel> <!here> <@U123> <https://evil.example|click> & more";

  private SlackFixture fixture;
  private Workspace slack;

  @BeforeEach
  void start() throws Exception {
    fixture = SlackFixture.start();
    slack = fixture.slack;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

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

  private static void assertNoRawMarkup(String text) {
    assertThat(text)
        .doesNotContain("<!channel>", "<!here>", "<@U123>", "<https://evil.example|click>");
  }
}
