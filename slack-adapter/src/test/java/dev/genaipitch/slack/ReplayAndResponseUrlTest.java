package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.Blocks;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A signed request replayed inside Slack's five-minute window is acted on once; a response_url that
 * is not Slack's is never posted to; a user's words are echoed where Slack parses no ping.
 */
final class ReplayAndResponseUrlTest {

  private static final String FORM = "application/x-www-form-urlencoded";

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;

  // Regression (issue 10): a replayed, validly signed click posted in the channel again.
  @Test
  void signedClick_replayedInsideTheWindow_isActedOnOnce() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");
    String click = clickBody(preview, "Post in channel");
    String timestamp = Long.toString(fixture.clock.instant().getEpochSecond());
    String signature = slack.signature(Long.parseLong(timestamp), click);

    slack.postWith(click, FORM, timestamp, signature);
    Reply replayed = slack.postWith(click, FORM, timestamp, signature);
    // A marker: another share, whose posts come after anything the replay would have sent.
    slack.click(slack.command("/genai-pitch", "the analogy").json(), "Post in channel");

    assertThat(replayed.status()).isEqualTo(200);
    assertThat(fixture.fakeSlack.awaitDelivered("response_url", 4)).hasSize(4);
    assertThat(fixture.fakeSlack.calls("response_url")).hasSize(4);
    assertThat(fixture.logged()).contains("Ignored a replayed Slack request");
  }

  /** The exact form body of a click on the button labelled {@code label} in {@code message}. */
  private String clickBody(Reply message, String label) {
    Blocks.Button button = Blocks.button(message.json(), label, 0);
    ObjectNode payload = slack.blockActions(Workspace.ASKER, "ephemeral");
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("type", "button");
    action.put("action_id", button.actionId());
    action.put("block_id", button.blockId());
    action.put("value", button.value());
    return "payload="
        + java.net.URLEncoder.encode(payload.toString(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void signedSlashCommand_replayedInsideTheWindow_isAnsweredOnce() {
    String body = slack.slashCommandBody("do we need both?");
    String timestamp = Long.toString(fixture.clock.instant().getEpochSecond());
    String signature = slack.signature(Long.parseLong(timestamp), body);

    Reply first = slack.postWith(body, "application/x-www-form-urlencoded", timestamp, signature);
    Reply again = slack.postWith(body, "application/x-www-form-urlencoded", timestamp, signature);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text()).contains("Bedrock");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEmpty();
  }

  // Regression (issue 13): signatures were kept in a 100,000-key cache, the oldest evicted first;
  // at a few thousand requests a second that is under a minute, and a captured request could be
  // replayed once its signature had been pushed out, inside its five minutes.
  @Test
  void signedSlashCommand_replayedAtTheLastSecondOfItsWindow_isStillIgnored() {
    String body = slack.slashCommandBody("do we need both?");
    long timestamp = fixture.clock.instant().getEpochSecond();
    String signature = slack.signature(timestamp, body);
    Reply first = slack.postWith(body, FORM, Long.toString(timestamp), signature);

    fixture.clock.advance(RequestSignature.MAX_SKEW);
    Reply lastSecond = slack.postWith(body, FORM, Long.toString(timestamp), signature);
    fixture.clock.advance(java.time.Duration.ofSeconds(1));
    Reply afterTheWindow = slack.postWith(body, FORM, Long.toString(timestamp), signature);

    assertThat(first.text()).contains("Bedrock");
    assertThat(lastSecond.status()).isEqualTo(200);
    assertThat(lastSecond.body()).isEmpty();
    assertThat(afterTheWindow.status()).isEqualTo(401);
  }

  @Test
  void signedRequests_beyondWhatTheRecordHolds_areRefused_andNoSignatureIsForgotten()
      throws Exception {
    try (SlackFixture small = SlackFixture.startWithSignaturesMax(2)) {
      Workspace slack = small.slack;
      long timestamp = small.clock.instant().getEpochSecond();
      String firstBody = slack.slashCommandBody("do we need both?");
      String firstSignature = slack.signature(timestamp, firstBody);
      Reply first = slack.postWith(firstBody, FORM, Long.toString(timestamp), firstSignature);
      Reply second = slack.command("/genai-pitch", "the analogy");

      Reply third = slack.command("/genai-pitch", "when to use each");
      Reply replayWhileFull =
          slack.postWith(firstBody, FORM, Long.toString(timestamp), firstSignature);

      assertThat(first.text()).contains("Bedrock");
      assertThat(second.status()).isEqualTo(200);
      assertThat(third.status()).isEqualTo(503);
      assertThat(third.json().path("message").asText()).contains("guard against replays");
      assertThat(third.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
      assertThat(replayWhileFull.status()).isEqualTo(200);
      assertThat(replayWhileFull.body()).as("the replay is still recognised").isEmpty();
      assertThat(small.logged()).contains("Refusing new Slack requests");

      // Once the first two are out of the window, there is room again.
      small.clock.advance(RequestSignature.MAX_SKEW.plusSeconds(30));
      Reply later = slack.command("/genai-pitch", "when to use each");

      assertThat(later.status()).isEqualTo(200);
      assertThat(later.text()).isNotBlank();
      assertThat(small.logged()).contains("Taking Slack requests again");
    }
  }

  // Regression (issue 10): response_url was followed to any host a signed request named.
  @Test
  void click_withAResponseUrlThatIsNotSlacks_isRefused_andNothingIsPosted() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");
    Blocks.Button button = Blocks.button(preview.json(), "Post in channel", 0);
    ObjectNode payload = slack.blockActions(Workspace.ASKER, "ephemeral");
    payload.put("response_url", "http://127.0.0.1:9/commands/T1/evil");
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("type", "button");
    action.put("action_id", button.actionId());
    action.put("block_id", button.blockId());
    action.put("value", button.value());

    Reply reply = slack.interaction(payload);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("message").asText()).contains("response_url is not Slack's");
    assertThat(fixture.fakeSlack.calls("response_url")).isEmpty();
    assertThat(fixture.logged()).contains("response_url points to 127.0.0.1, not Slack");
  }

  @Test
  void responseUrls_onlySlacksHooksOrTheOverriddenApiOrigin() {
    ResponseUrls slackOnly = new ResponseUrls(java.net.URI.create("https://slack.com/api/"));
    ResponseUrls proxied = new ResponseUrls(java.net.URI.create("http://127.0.0.1:8080/api/"));

    assertThat(slackOnly.allowed("https://hooks.slack.com/commands/T1/2/abc")).isTrue();
    assertThat(slackOnly.allowed("https://hooks.slack.com:443/actions/T1/2/abc")).isTrue();
    assertThat(slackOnly.allowed("http://hooks.slack.com/commands/T1/2/abc")).isFalse();
    assertThat(slackOnly.allowed("https://hooks.slack.com.evil.example/x")).isFalse();
    assertThat(slackOnly.allowed("https://evil@hooks.slack.com/x")).isFalse();
    assertThat(slackOnly.allowed("https://slack.com/api/chat.postMessage")).isFalse();
    assertThat(slackOnly.allowed("http://127.0.0.1:8080/response/1")).isFalse();
    assertThat(proxied.allowed("http://127.0.0.1:8080/response/1")).isTrue();
    assertThat(proxied.allowed("http://127.0.0.1:8081/response/1")).isFalse();
    assertThat(proxied.allowed("not a url")).isFalse();
  }

  // Regression (issue 10): Slack parses "@channel" in mrkdwn text unless it is verbatim, so an
  // echoed question could ping a whole channel. The words are plain text now, never parsed.
  @Test
  void preview_echoesTheQuestionWhereSlackParsesNoPing() {
    Reply reply = slack.command("/genai-pitch", "@channel @here @everyone do we need both?");

    assertThat(Blocks.textObjectsWith(reply.json(), "@channel @here @everyone"))
        .singleElement()
        .satisfies(text -> assertThat(text.path("type").asText()).isEqualTo("plain_text"));
  }
}
