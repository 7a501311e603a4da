package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.FakeSocketMode.Connection;
import dev.genaipitch.slack.SlackAdapter.Reconnect;
import dev.genaipitch.testing.FakeSlack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Socket Mode connection is watched: refreshed when Slack asks, replaced when it drops or stops
 * answering, with a backoff between failed tries; {@code socketConnected()} and the reconnect
 * counts say how it went.
 */
final class SocketModeConnectionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SocketModeFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void disconnectMessage_opensANewConnectionFirstThenClosesTheOld() throws Exception {
    fixture = SocketModeFixture.start();
    Connection first = fixture.socketMode.awaitConnection(1);

    first.disconnect("refresh_requested");

    Connection second = fixture.socketMode.awaitConnection(2);
    assertThat(first.awaitClosed()).isEqualTo(1000);
    assertThat(fixture.adapter.socketConnected()).isTrue();
    assertThat(fixture.adapter.socketReconnects(Reconnect.REFRESH)).isEqualTo(1);
    assertThat(fixture.adapter.socketReconnects(Reconnect.DROP)).isZero();
    assertThat(fixture.reconnects.delays()).isEmpty();
    assertThat(answered(second, "Ev1")).isTrue();
    assertThat(fixture.logged()).doesNotContain("WARN");
  }

  @Test
  void drop_isNoticedAndRepairedAfterABackoff() throws Exception {
    fixture = SocketModeFixture.start();
    Connection first = fixture.socketMode.awaitConnection(1);

    first.drop();

    fixture.awaitConnected(false);
    assertThat(fixture.adapter.socketReconnects(Reconnect.DROP)).isZero();
    Duration waited = fixture.reconnects.runNext();
    Connection second = fixture.socketMode.awaitConnection(2);
    fixture.awaitConnected(true);
    assertThat(waited).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(fixture.adapter.socketReconnects(Reconnect.DROP)).isEqualTo(1);
    assertThat(answered(second, "Ev2")).isTrue();
    assertThat(fixture.logged())
        .containsOnlyOnce("WARN Slack Socket Mode connection lost")
        .contains("INFO Slack Socket Mode reconnected (host applink-test-2");
  }

  @Test
  void failedTries_waitLongerEachTimeUpToTheLongest_andWarnOnce() throws Exception {
    fixture = SocketModeFixture.start();
    fixture.socketMode.failNextOpens(6, new FakeSlack.Answer(503, null, "unavailable"));

    fixture.socketMode.awaitConnection(1).drop();
    fixture.awaitConnected(false);
    for (int i = 0; i < 7; i++) {
      fixture.reconnects.runNext();
    }

    fixture.socketMode.awaitConnection(2);
    fixture.awaitConnected(true);
    List<Duration> delays = fixture.reconnects.delays();
    assertThat(delays).hasSize(7);
    for (int i = 0; i < 7; i++) {
      Duration full = Duration.ofSeconds(Math.min(30, 1L << i));
      assertThat(delays.get(i)).as("wait %d", i + 1).isBetween(full.dividedBy(2), full);
    }
    assertThat(fixture.adapter.socketReconnects(Reconnect.DROP)).isEqualTo(1);
    assertThat(fixture.logged()).containsOnlyOnce("WARN");
  }

  @Test
  void rateLimited_waitsAtLeastAsLongAsSlackSays() throws Exception {
    fixture = SocketModeFixture.start();
    fixture.socketMode.failNextOpens(
        1, new FakeSlack.Answer(429, "20", "{\"ok\":false,\"error\":\"ratelimited\"}"));

    fixture.socketMode.awaitConnection(1).drop();
    fixture.reconnects.runNext();
    Duration second = fixture.reconnects.runNext();

    fixture.socketMode.awaitConnection(2);
    assertThat(second).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void connectionThatStopsAnswering_isTakenForDeadAndReplaced() throws Exception {
    fixture =
        SocketModeFixture.start(
            Map.of(), b -> b.socketPing(Duration.ofMillis(100), Duration.ofMillis(200)));
    Connection first = fixture.socketMode.awaitConnection(1);

    first.freeze();

    fixture.awaitConnected(false);
    fixture.reconnects.runNext();
    Connection second = fixture.socketMode.awaitConnection(2);
    fixture.awaitConnected(true);
    assertThat(first.pings()).isPositive();
    assertThat(fixture.adapter.socketReconnects(Reconnect.DROP)).isEqualTo(1);
    assertThat(answered(second, "Ev3")).isTrue();
    assertThat(fixture.logged()).contains("no answer to pings");
  }

  @Test
  void close_acknowledgesAndDisconnectsWithoutReconnecting() throws Exception {
    fixture = SocketModeFixture.start();
    Connection first = fixture.socketMode.awaitConnection(1);

    fixture.adapter.close();

    assertThat(first.awaitClosed()).isEqualTo(1000);
    assertThat(fixture.adapter.socketConnected()).isFalse();
    assertThat(fixture.socketMode.opens()).isEqualTo(1);
    assertThat(fixture.reconnects.waiting()).isZero();
  }

  /** Whether a direct message sent as {@code eventId} on {@code connection} gets its answer. */
  private boolean answered(Connection connection, String eventId) {
    int before = fixture.fakeSlack.delivered("chat.postMessage").size();
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "message");
    event.put("user", Workspace.ASKER);
    event.put("text", "exec summary");
    event.put("ts", "1700000000.000400");
    event.put("channel", Workspace.DM_CHANNEL);
    event.put("channel_type", "im");
    String id =
        connection.deliver(
            "events_api",
            fixture.socketMode.newEnvelopeId(),
            fixture.socketMode.eventCallback(eventId, event),
            0);
    connection.awaitAck(id);
    return fixture.fakeSlack.awaitDelivered("chat.postMessage", before + 1).size() == before + 1;
  }
}
