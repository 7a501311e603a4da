package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeSlack;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Slack redelivers events it thinks timed out; each is answered once. */
final class EventRetriesTest {

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;

  @Test
  void event_retriedTwice_isAnsweredOnce() {
    ObjectNode mention = mention();
    String id = slack.newEventId();

    assertThat(slack.event(id, mention, null).status()).isEqualTo(200);
    assertThat(slack.event(id, mention, 1).status()).isEqualTo(200);
    assertThat(slack.event(id, mention, 2).status()).isEqualTo(200);

    fixture.fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(fixture.executor.submitted()).isEqualTo(1);
  }

  @Test
  void directMessage_retried_isAnsweredOnce() {
    ObjectNode dm = slack.dm("exec summary");
    String id = slack.newEventId();

    slack.event(id, dm, null);
    slack.event(id, dm, 1);

    fixture.fakeSlack.awaitDelivered("chat.postMessage");
    assertThat(fixture.executor.submitted()).isEqualTo(1);
  }

  @Test
  void differentEvents_withTheSameText_areEachAnswered() {
    slack.event(slack.newEventId(), mention(), null);
    slack.event(slack.newEventId(), mention(), null);

    assertThat(fixture.fakeSlack.awaitDelivered("chat.postMessage", 2)).hasSize(2);
  }

  @Test
  void eventIds_areForgottenAfterAnHour() {
    String id = slack.newEventId();
    slack.event(id, mention(), null);

    fixture.clock.advance(SlackAdapter.SEEN_FOR.plus(Duration.ofMinutes(1)));
    slack.event(id, mention(), null);

    assertThat(fixture.fakeSlack.awaitDelivered("chat.postMessage", 2)).hasSize(2);
  }

  private ObjectNode mention() {
    ObjectNode event = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    event.put("type", "app_mention");
    event.put("user", Workspace.ASKER);
    event.put("text", "<@" + FakeSlack.BOT_USER + "> do we need both?");
    event.put("ts", "1700000000.000300");
    event.put("channel", Workspace.CHANNEL);
    return event;
  }
}
