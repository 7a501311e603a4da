package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaipitch.teams.IncomingActivity.Account;
import dev.genaipitch.teams.IncomingActivity.Conversation;
import dev.genaipitch.testing.FakeBotConnector;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ConnectorRepliesTest {

  private static final Account BOT = new Account("28:bot", "genai-pitch");
  private static final Account USER = new Account("29:user", "Ada");

  private FakeBotConnector connector;
  private ConnectorReplies replies;

  @BeforeEach
  void start() {
    connector = new FakeBotConnector();
    replies = new ConnectorReplies(BotTokens.NONE, Duration.ofSeconds(30), 2);
  }

  @AfterEach
  void stop() {
    replies.close();
    connector.close();
  }

  @Test
  void send_manyRepliesInTurn_eachReachesTheConnectorOnce() throws Exception {
    for (int i = 0; i < 5; i++) {
      replies.send(message("a:1/2 3", "id-" + i, "reply " + i));
    }

    assertThat(connector.received()).hasSize(5);
    assertThat(connector.received())
        .extracting(FakeBotConnector.Received::conversationId)
        .containsOnly("a:1/2 3");
    assertThat(connector.delivered())
        .extracting(received -> received.activity().path("text").asText())
        .containsExactly("reply 0", "reply 1", "reply 2", "reply 3", "reply 4");
  }

  // Nagle's algorithm held a reply's second write for the connector's delayed acknowledgement.
  @Test
  void theRepliesClient_sendsEachWriteAtOnce() {
    assertThat(replies.connections.sockets()).isSameAs(NoDelaySockets.INSTANCE);
  }

  // A URL's "." and ".." segments move up its path: such an id would post the reply elsewhere.
  @Test
  void send_anIdThatIsADotSegment_isNotSent() {
    for (String id : new String[] {".", ".."}) {
      assertThatThrownBy(() -> replies.send(message(id, "", "hi")))
          .isInstanceOf(Replies.DeliveryException.class)
          .hasMessageContaining("not valid in a connector URL");
      assertThatThrownBy(() -> replies.send(message("a:1", id, "hi")))
          .isInstanceOf(Replies.DeliveryException.class);
    }

    assertThat(connector.received()).isEmpty();
  }

  private OutgoingMessage message(String conversation, String replyToId, String text) {
    return new OutgoingMessage(
        connector.serviceUrl(),
        "msteams",
        new Conversation(conversation, "personal", ""),
        BOT,
        USER,
        replyToId,
        text,
        "",
        null);
  }
}
