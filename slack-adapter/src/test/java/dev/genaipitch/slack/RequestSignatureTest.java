package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.slack.Workspace.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Only requests Slack signed, recently, get anywhere; the rest get 401 and nothing is sent. */
final class RequestSignatureTest {

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;
  private final String body = slack.slashCommandBody("do we need both?");
  private final long now = fixture.clock.instant().getEpochSecond();

  @Test
  void request_signedBySlack_isAnswered() {
    Reply reply =
        slack.postWith(
            body,
            "application/x-www-form-urlencoded",
            Long.toString(now),
            slack.signature(now, body));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).contains("Most enterprises start with Bedrock");
  }

  @Test
  void request_withABadSignature_isRejectedAndNothingIsSent() {
    String wrong = slack.signature(now, body + "&text=tampered");

    Reply reply =
        slack.postWith(body, "application/x-www-form-urlencoded", Long.toString(now), wrong);

    assertRejected(reply, "signature does not match");
  }

  @Test
  void request_signedWithAnotherSecret_isRejected() {
    Workspace impostor =
        new Workspace(
            java.net.URI.create("http://unused"),
            "another-secret",
            fixture.clock,
            fixture.fakeSlack);

    Reply reply =
        slack.postWith(
            body,
            "application/x-www-form-urlencoded",
            Long.toString(now),
            impostor.signature(now, body));

    assertRejected(reply, "signature does not match");
  }

  @Test
  void request_withoutSignatureHeaders_isRejectedAndNothingIsSent() {
    assertRejected(
        slack.postWith(body, "application/x-www-form-urlencoded", null, null), "missing");
    assertRejected(
        slack.postWith(body, "application/x-www-form-urlencoded", Long.toString(now), null),
        "missing");
    assertRejected(
        slack.postWith(body, "application/x-www-form-urlencoded", null, slack.signature(now, body)),
        "missing");
  }

  @Test
  void request_olderThanFiveMinutes_isRejectedEvenWhenSignedCorrectly() {
    long stale = now - Duration.ofMinutes(5).plusSeconds(1).toSeconds();

    Reply reply =
        slack.postWith(
            body,
            "application/x-www-form-urlencoded",
            Long.toString(stale),
            slack.signature(stale, body));

    assertRejected(reply, "5 minutes");
  }

  @Test
  void request_fromTheFarFuture_isRejected() {
    long future = now + Duration.ofHours(1).toSeconds();

    Reply reply =
        slack.postWith(
            body,
            "application/x-www-form-urlencoded",
            Long.toString(future),
            slack.signature(future, body));

    assertRejected(reply, "5 minutes");
  }

  @Test
  void request_withATimestampThatIsNotANumber_isRejected() {
    assertRejected(
        slack.postWith(
            body, "application/x-www-form-urlencoded", "yesterday", slack.signature(now, body)),
        "5 minutes");
  }

  @Test
  void malformedBody_withoutSignature_isRejectedBeforeParsing() {
    assertRejected(
        slack.postWith("payload={not-json}", "application/x-www-form-urlencoded", null, null),
        "missing");
  }

  @Test
  void event_withABadSignature_isNotAnswered() {
    String event =
        "{\"type\":\"event_callback\",\"event_id\":\"Ev9\",\"event\":{\"type\":\"app_mention\","
            + "\"user\":\"U1\",\"text\":\"<@U0BOT>"
            + " do we need both?\",\"ts\":\"1.2\",\"channel\":\"C1\"}}";

    assertRejected(
        slack.postWith(event, "application/json", Long.toString(now), "v0=" + "0".repeat(64)),
        "signature does not match");
  }

  private void assertRejected(Reply reply, String reason) {
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().path("message").asText()).contains(reason);
    assertThat(fixture.executor.submitted()).as("nothing handed to the sender").isZero();
    assertThat(fixture.fakeSlack.sent()).as("nothing sent to Slack").isEmpty();
    assertThat(reply.body()).doesNotContain(SlackFixture.SECRET);
  }
}
