package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.slack.SlackFixture.RecordingListener.Failure;
import dev.genaipitch.slack.Workspace.Reply;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.FakeSlack.Call;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Slack's Web API says no, or takes its time: retried sensibly, given up on cleanly, nobody held
 * up.
 */
final class WebApiFailureTest {

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;
  private final FakeSlack fakeSlack = fixture.fakeSlack;

  @Test
  void rateLimited_thenAccepted_deliversExactlyOneMessageAfterTheDelaySlackAskedFor() {
    fakeSlack.answerNext("chat.postMessage", 429, "7");

    slack.mention("<@" + FakeSlack.BOT_USER + "> do we need both?");

    fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(fakeSlack.calls("chat.postMessage"))
        .extracting(Call::status)
        .containsExactly(429, 200);
    assertThat(fakeSlack.delivered("chat.postMessage")).hasSize(1);
    assertThat(fixture.scheduler.delays()).containsExactly(Duration.ofSeconds(7));
    assertThat(fixture.listener.failures).isEmpty();
  }

  @Test
  void serverErrors_areRetriedWithGrowingBackoffThenGivenUpAndReported() throws Exception {
    for (int i = 0; i < 4; i++) {
      fakeSlack.answerNext("chat.postMessage", 503, null);
    }

    Reply ack = slack.mention("<@" + FakeSlack.BOT_USER + "> do we need both?");

    assertThat(ack.status()).isEqualTo(200);
    assertThat(fixture.listener.awaitFailures(1))
        .containsExactly(new Failure("slack", "chat.postMessage"));
    assertThat(fakeSlack.calls("chat.postMessage")).hasSize(4);
    assertThat(fixture.scheduler.delays())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(fixture.logged())
        .contains(
            "Slack chat.postMessage failed after 4 attempt(s) (channel "
                + Workspace.CHANNEL
                + ", event Ev0")
        .contains("HTTP 503")
        .doesNotContain(SlackFixture.TOKEN)
        .doesNotContain(SlackFixture.SECRET);
  }

  @Test
  void serverError_thenAccepted_deliversOnce() {
    fakeSlack.answerNext("chat.postMessage", 502, null);

    slack.directMessage("exec summary");

    fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(fakeSlack.calls("chat.postMessage"))
        .extracting(Call::status)
        .containsExactly(502, 200);
  }

  @Test
  void refusal_isNotRetried() throws Exception {
    fakeSlack.answerNext("chat.postMessage", 403, null);

    slack.mention("<@" + FakeSlack.BOT_USER + "> do we need both?");

    assertThat(fixture.listener.awaitFailures(1))
        .containsExactly(new Failure("slack", "chat.postMessage"));
    assertThat(fakeSlack.calls("chat.postMessage")).hasSize(1);
    assertThat(fixture.scheduler.delays()).isEmpty();
  }

  @Test
  void rateLimit_longerThanWorthWaiting_isGivenUpAtOnce() throws Exception {
    fakeSlack.answerNext("views.publish", 429, "3600");

    slack.homeOpened();

    assertThat(fixture.listener.awaitFailures(1))
        .containsExactly(new Failure("slack", "views.publish"));
    assertThat(fixture.scheduler.delays()).isEmpty();
    assertThat(fixture.logged()).contains("Retry-After 3600s is too long to wait");
  }

  @Test
  void responseUrl_rateLimited_isRetriedAfterTheDelay() {
    Reply preview = slack.command("/genai-pitch", "do we need both?");
    fakeSlack.answerNext("response_url", 429, "2");

    slack.click(preview.json(), "Post in channel");

    fakeSlack.awaitDelivered("response_url", 2);
    assertThat(fakeSlack.calls("response_url"))
        .extracting(Call::status)
        .containsExactly(429, 200, 200);
    assertThat(fixture.scheduler.delays()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void slowSlack_holdsUpNoOtherRequest() {
    fakeSlack.hold("chat.postMessage");

    assertThat(slack.mention("<@" + FakeSlack.BOT_USER + "> do we need both?").status())
        .isEqualTo(200);
    assertThat(slack.directMessage("exec summary").status()).isEqualTo(200);
    Reply command = slack.command("/genai-pitch", "give me the analogy");
    assertThat(command.status()).isEqualTo(200);
    assertThat(command.text()).contains("Think of Bedrock like Amazon RDS");
    assertThat(fakeSlack.delivered("chat.postMessage")).isEmpty();

    fakeSlack.release("chat.postMessage");
    assertThat(fakeSlack.awaitDelivered("chat.postMessage", 2)).hasSize(2);
  }

  @Test
  void sendQueueFull_isReportedAndTheRequestStillAcknowledged() throws Exception {
    try (SlackFixture full =
        SlackFixture.startWithSender(
            task -> {
              throw new RejectedExecutionException("full");
            })) {
      Reply ack = full.slack.mention("<@" + FakeSlack.BOT_USER + "> do we need both?");

      assertThat(ack.status()).isEqualTo(200);
      assertThat(full.listener.awaitFailures(1))
          .containsExactly(new Failure("slack", "chat.postMessage"));
      assertThat(full.logged()).contains("send queue full");
    }
  }
}
