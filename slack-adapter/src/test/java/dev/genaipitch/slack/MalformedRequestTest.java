package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.slack.Workspace.Reply;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Signed requests that make no sense get a 4xx with a reason: never a 5xx, never a dropped
 * connection.
 */
final class MalformedRequestTest {

  private static final String FORM = "application/x-www-form-urlencoded";

  @AutoClose private final SlackFixture fixture = SlackFixture.start();
  private final Workspace slack = fixture.slack;

  @Test
  void body_notFormEncodedNorJson_isABadRequest() {
    assertBadRequest(slack.post("hello there, bot", "text/plain"), "not a Slack request");
  }

  @Test
  void payload_thatIsNotJson_isABadRequest() {
    assertBadRequest(slack.post("payload={not-json}", FORM), "not valid JSON");
  }

  @Test
  void payload_thatIsAJsonArray_isABadRequest() {
    assertBadRequest(slack.post("payload=%5B1%2C2%5D", FORM), "malformed");
  }

  @Test
  void payload_withoutType_isABadRequest() {
    assertBadRequest(slack.post("payload=%7B%7D", FORM), "not a Slack request");
  }

  @Test
  void form_withBrokenPercentEncoding_isABadRequest() {
    Reply reply = slack.post("command=%2Fgenai-pitch&text=%zz&user_id=U1", FORM);

    assertThat(reply.status()).isBetween(400, 499);
  }

  @Test
  void slashCommand_withoutUserChannelOrResponseUrl_isABadRequest() {
    assertBadRequest(slack.post("command=%2Fgenai-pitch&text=do+we+need+both%3F", FORM), "user_id");
  }

  @Test
  void blockActions_withoutActions_isABadRequest() {
    ObjectNode payload = slack.blockActions(Workspace.ASKER, "ephemeral");

    assertBadRequest(slack.interaction(payload), "actions");
  }

  @Test
  void blockActions_withAnEmptyActionList_isABadRequest() {
    ObjectNode payload = slack.blockActions(Workspace.ASKER, "ephemeral");
    payload.putArray("actions");

    assertThat(slack.interaction(payload).status()).isBetween(400, 499);
  }

  @Test
  void button_withAValueThatIsNotOurs_isABadRequest() {
    ObjectNode payload = slack.blockActions(Workspace.ASKER, "ephemeral");
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", "post_in_channel")
        .put("block_id", "b")
        .put("value", "{\"i\":");

    assertBadRequest(slack.interaction(payload), "not one of ours");
  }

  @Test
  void postInChannel_withoutAResponseUrl_isABadRequest() {
    ObjectNode payload = slack.blockActions(Workspace.ASKER, "home");
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", "post_in_channel")
        .put("block_id", "b")
        .put("value", "{\"i\":\"need-both\",\"s\":\"h\"}");

    assertBadRequest(slack.interaction(payload), "response_url");
  }

  @Test
  void event_withoutTheEvent_isABadRequest() {
    assertBadRequest(
        slack.post("{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}", "application/json"),
        "malformed");
  }

  @Test
  void event_withoutEventIdOrChannel_isABadRequest() {
    String body =
        "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\",\"user\":\"U1\",\"text\":\"hi\"}}";

    assertBadRequest(slack.post(body, "application/json"), "event_id");
  }

  @Test
  void event_withFieldsOfTheWrongShape_isABadRequest() {
    String body =
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\",\"user\":{\"a\":[1]},"
            + "\"text\":[\"not\",\"text\"],\"ts\":\"1.2\",\"channel\":\"C1\"}}";

    assertThat(slack.post(body, "application/json").status()).isBetween(400, 499);
  }

  @Test
  void json_thatIsNotJson_isABadRequest() {
    assertThat(slack.post("{\"type\":\"event_callback\",", "application/json").status())
        .isBetween(400, 499);
  }

  @Test
  void get_isNotAllowed() {
    Reply reply = slack.raw("GET", null, null, Map.of());

    assertThat(reply.status()).isEqualTo(405);
  }

  @Test
  void body_largerThanAnySlackPayload_isTooLarge() {
    Reply reply = slack.post("payload=" + "x".repeat(SlackEndpoint.MAX_BODY_BYTES + 1), FORM);

    assertThat(reply.status()).isEqualTo(413);
  }

  @Test
  void urlVerification_echoesTheChallenge() {
    Reply reply =
        slack.post(
            "{\"type\":\"url_verification\",\"token\":\"t\",\"challenge\":\"c0ffee\"}",
            "application/json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("c0ffee");
  }

  @Test
  void sslCheck_isAcknowledged() {
    assertThat(slack.post("ssl_check=1&token=legacy-verification-token", FORM).status())
        .isEqualTo(200);
  }

  private void assertBadRequest(Reply reply, String reason) {
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("message").asText()).contains(reason);
    assertThat(fixture.fakeSlack.sent()).isEmpty();
  }
}
