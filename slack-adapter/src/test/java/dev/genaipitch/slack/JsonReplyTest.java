package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.response.Response;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.Section;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JsonReplyTest {

  private static final PitchBot BOT = SlackFixture.BOT;

  /** What the answer was before: the tree written as text, then encoded. */
  private static byte[] asText(ObjectNode body) {
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void of_everyAnswerASlashCommandGets_isTheBytesOfTheTreeAsText() {
    List<String> questions =
        List.of(
            "do we need both?",
            "what's the \"RDS/EC2\" analogy \\ really?",
            "bedrock vs sagemaker 🚀🤖 — quick “one-liner” please",
            "tab\there, line\u2028break, nul\u0000 and é ü ß 漢字",
            "zzzz qqqq nothing like the script");
    List<ObjectNode> bodies = new ArrayList<>();
    for (String question : questions) {
      Answer answer = BOT.ask(question, "slack");
      bodies.add(reply("ephemeral", BlockKit.preview(answer, question, false)));
      bodies.add(reply("in_channel", BlockKit.visible(answer, "U0123ABCD", question)));
    }
    for (Section section : BOT.guide().sections()) {
      Answer opened = BOT.open(section.id());
      bodies.add(reply("ephemeral", BlockKit.preview(opened, "", true)));
      bodies.add(reply("in_channel", BlockKit.visible(opened, "U0123ABCD", "")));
    }
    bodies.add(reply("ephemeral", BlockKit.preview(BOT.menu(), "help", false)));

    for (ObjectNode body : bodies) {
      Response response = JsonReply.of(body);
      assertThat(response).isInstanceOf(JsonReply.class);
      assertThat(((JsonReply) response).bytes()).isEqualTo(asText(body));
      assertThat(response.getBody()).isEqualTo(body.toString());
      assertThat(response.getStatusCode()).isEqualTo(200);
      assertThat(response.getContentType()).isEqualTo(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8);
    }
  }

  @Test
  void setBody_replacesTheBytes() {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("text", "hi");
    JsonReply response = (JsonReply) JsonReply.of(body);

    response.setBody("{\"text\":\"bye\"}");

    assertThat(response.bytes()).isNull();
    assertThat(response.getBody()).isEqualTo("{\"text\":\"bye\"}");
  }

  private static ObjectNode reply(String type, BlockKit.Message message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("response_type", type);
    body.setAll(message.body());
    return body;
  }
}
