package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.FakeSocketMode.Connection;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.FakeSlack.Call;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot over Socket Mode: Slack's envelopes arrive on the WebSocket, go through the same
 * listeners as the Request URL, and are acknowledged on the socket; answers go out through the Web
 * API and response URLs as over HTTP.
 */
final class SocketModeConversationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SocketModeFixture fixture;
  private FakeSocketMode slack;
  private FakeSlack web;
  private Connection socket;

  @BeforeEach
  void start() throws Exception {
    fixture = SocketModeFixture.start();
    slack = fixture.socketMode;
    web = fixture.fakeSlack;
    socket = slack.awaitConnection(1);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void slashCommand_thenPostInChannel_sharesTheAnswerInTheChannel() {
    String responseUrl = web.newResponseUrl();
    String command =
        socket.deliver(
            "slash_commands",
            slack.newEnvelopeId(),
            slack.command("do we need both?", responseUrl),
            0);

    JsonNode preview = socket.awaitAck(command).path("payload");
    assertThat(preview.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(Blocks.text(preview)).contains("Most enterprises start with Bedrock");
    assertThat(Blocks.labels(preview)).contains("Post in channel");

    Blocks.Button share = Blocks.button(preview, "Post in channel", 0);
    String click =
        socket.deliver("interactive", slack.newEnvelopeId(), blockActions(share, responseUrl), 0);

    assertThat(socket.awaitAck(click).has("payload")).isFalse();
    Call posted = web.awaitDelivered("response_url", 2).get(0);
    Call deleted = web.awaitDelivered("response_url", 2).get(1);
    assertThat(posted.json().path("response_type").asText()).isEqualTo("in_channel");
    assertThat(posted.text()).contains("Shared by <@" + Workspace.ASKER + ">", "Do we need both?");
    assertThat(deleted.json().path("delete_original").asBoolean()).isTrue();
    assertThat(fixture.listener.questions()).containsExactly("slack: do we need both?");
  }

  @Test
  void mention_overTheSocket_isAnsweredInAThread() {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_mention");
    event.put("user", Workspace.ASKER);
    event.put("text", "<@" + FakeSlack.BOT_USER + "> give me the analogy");
    event.put("ts", "1700000000.000300");
    event.put("channel", Workspace.CHANNEL);

    String id =
        socket.deliver("events_api", slack.newEnvelopeId(), slack.eventCallback("Ev1", event), 0);

    assertThat(socket.awaitAck(id).has("payload")).isFalse();
    Call post = web.awaitDelivered("chat.postMessage");
    assertThat(post.param("channel")).isEqualTo(Workspace.CHANNEL);
    assertThat(post.param("thread_ts")).isEqualTo("1700000000.000300");
    assertThat(post.text()).contains("Think of Bedrock like Amazon RDS for AI models.");
    assertThat(post.headers().get("Authorization")).containsExactly("Bearer " + SlackFixture.TOKEN);
  }

  @Test
  void directMessage_overTheSocket_isAnsweredInTheConversation() {
    String id =
        socket.deliver(
            "events_api", slack.newEnvelopeId(), slack.eventCallback("Ev2", dm("exec summary")), 0);

    socket.awaitAck(id);
    Call post = web.awaitDelivered("chat.postMessage");
    assertThat(post.param("channel")).isEqualTo(Workspace.DM_CHANNEL);
    assertThat(fixture.listener.questions()).containsExactly("slack: exec summary");
  }

  @Test
  void homeOpened_overTheSocket_publishesTheMenu() {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_home_opened");
    event.put("user", Workspace.ASKER);
    event.put("channel", Workspace.DM_CHANNEL);
    event.put("tab", "home");

    socket.awaitAck(
        socket.deliver("events_api", slack.newEnvelopeId(), slack.eventCallback("Ev3", event), 0));

    Call publish = web.awaitDelivered("views.publish");
    assertThat(publish.param("user_id")).isEqualTo(Workspace.ASKER);
    assertThat(Blocks.text(publish.message())).contains("What I can help with");
  }

  @Test
  void eventRedelivered_afterAMissedAcknowledgement_isAnsweredOnce() {
    ObjectNode payload = slack.eventCallback("Ev4", dm("do we need both?"));

    String first = socket.deliver("events_api", slack.newEnvelopeId(), payload, 0);
    String retry = socket.deliver("events_api", slack.newEnvelopeId(), payload, 1);

    socket.awaitAck(first);
    socket.awaitAck(retry);
    web.awaitDelivered("chat.postMessage");
    assertThat(fixture.executor.submitted()).isEqualTo(1);
    assertThat(fixture.listener.questions()).containsExactly("slack: do we need both?");
  }

  @Test
  void envelopeWithoutWhatItsKindNeeds_isAcknowledgedAndLoggedWithItsId() {
    ObjectNode noEventId = slack.eventCallback("", dm("do we need both?"));
    noEventId.remove("event_id");

    String id = socket.deliver("events_api", slack.newEnvelopeId(), noEventId, 0);

    assertThat(socket.awaitAck(id).has("payload")).isFalse();
    assertThat(fixture.logged()).contains("WARN", "events_api", id, "without event_id");
    assertThat(fixture.executor.submitted()).isZero();
  }

  @Test
  void messagesThatAreNotEnvelopes_areIgnoredAndTheConnectionStays() {
    socket.send("not json at all");
    socket.send("{\"type\":\"something_new\"}");
    socket.send("{\"type\":\"events_api\"}");

    String id =
        socket.deliver(
            "events_api", slack.newEnvelopeId(), slack.eventCallback("Ev5", dm("analogy")), 0);
    socket.awaitAck(id);
    assertThat(socket.received()).hasSize(1);
    assertThat(fixture.adapter.socketConnected()).isTrue();
    assertThat(slack.connections()).isEqualTo(1);
  }

  @Test
  void appsConnectionsOpen_carriesTheAppLevelToken() {
    Call open = web.calls("apps.connections.open").get(0);

    assertThat(open.headers().get("Authorization"))
        .containsExactly("Bearer " + FakeSocketMode.APP_TOKEN);
    assertThat(fixture.adapter.socketMode()).isTrue();
    assertThat(fixture.logged()).contains("Slack Socket Mode connected (host applink-test-1");
    assertThat(fixture.logged()).doesNotContain(FakeSocketMode.APP_TOKEN, SlackFixture.TOKEN);
  }

  @Test
  void requestUrl_withSocketModeAlone_answers404SayingWhy() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    PathMappingsHandler paths = new PathMappingsHandler();
    paths.addMapping(PathSpec.from(SlackAdapter.PATH), SlackFixture.edge(fixture.adapter));
    server.setHandler(paths);
    server.start();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + connector.getLocalPort() + SlackAdapter.PATH))
                      .POST(HttpRequest.BodyPublishers.ofString("command=%2Fgenai-pitch"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("Socket Mode", "SLACK_SIGNING_SECRET");
    } finally {
      server.stop();
    }
  }

  @Test
  void start_withAnAppTokenSlackRejects_stopsSayingWhichToken() {
    assertThatThrownBy(
            () ->
                SocketModeFixture.start(
                    Map.of("SLACK_APP_TOKEN", "xapp-1-revoked-not-real"), UnaryOperator.identity()))
        .isInstanceOf(SlackStartException.class)
        .hasMessageContaining(
            "Slack rejected SLACK_APP_TOKEN (apps.connections.open: invalid_auth)")
        .hasMessageNotContaining("xapp-1-revoked-not-real");
  }

  private static ObjectNode dm(String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "message");
    event.put("user", Workspace.ASKER);
    event.put("text", text);
    event.put("ts", "1700000000.000400");
    event.put("channel", Workspace.DM_CHANNEL);
    event.put("channel_type", "im");
    return event;
  }

  private static ObjectNode blockActions(Blocks.Button button, String responseUrl) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload
        .putObject("user")
        .put("id", Workspace.ASKER)
        .put("username", "ann")
        .put("team_id", "T1");
    payload.put("api_app_id", "A0APP");
    payload.put("token", "legacy-verification-token");
    payload.putObject("team").put("id", "T1").put("domain", "acme");
    payload.put("trigger_id", "1.2.trigger");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", "1700000000.000100")
        .put("channel_id", Workspace.CHANNEL)
        .put("is_ephemeral", true);
    payload.putObject("channel").put("id", Workspace.CHANNEL).put("name", "general");
    payload.put("response_url", responseUrl);
    ObjectNode action = payload.putArray("actions").addObject();
    action.put("type", "button");
    action.put("action_id", button.actionId());
    action.put("block_id", button.blockId());
    action.put("value", button.value());
    action.putObject("text").put("type", "plain_text").put("text", button.label());
    action.put("action_ts", "1700000001.000100");
    return payload;
  }
}
