package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The endpoint reads a slash command's form itself, in one pass, and leaves everything else to
 * Bolt's parser: what it reads must be exactly what Bolt's parser would have made of the same body.
 */
final class SlashCommandFormTest {

  private static final SlackRequestParser BOLT =
      new SlackRequestParser(AppConfig.builder().signingSecret("unused").build());

  private static final List<String> COMMANDS =
      List.of(
          "command=%2Fgenai-pitch&text=do+we+need+both%3F&user_id=U1&channel_id=C1&team_id=T1"
              + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1",
          "token=t&team_id=T1&team_domain=acme&enterprise_id=E1&enterprise_name=Acme"
              + "&channel_id=C1&channel_name=general&user_id=U1&user_name=rep&command=%2Fpitch"
              + "&text=bedrock%20vs%20sagemaker&api_app_id=A1&is_enterprise_install=TRUE"
              + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fx&trigger_id=1.2.3",
          "command=%2Fgenai-pitch&text=&user_id=U1&channel_id=C1",
          "command=%2Fgenai-pitch&text=a=b&user_id=U1&text=second&channel_id=C1",
          " command =%2Fgenai-pitch&%0Atext=x&unknown=1&&=&user_id=U1",
          "command=%2Fgenai-pitch&text=%E2%80%9Cquoted%E2%80%9D+%F0%9F%98%80&user_id=U1");

  private static final List<String> OTHERS =
      List.of(
          "payload=%7B%22type%22%3A%22block_actions%22%7D&command=%2Fgenai-pitch",
          "{\"type\":\"event_callback\",\"command\":\"x\"}",
          "[command=x]",
          "text=no+command&user_id=U1",
          "ssl_check=1&token=t",
          "command=%2Fgenai-pitch&text=%ZZ&user_id=U1",
          "%ZZ=1&command=%2Fgenai-pitch",
          "",
          "   ");

  @Test
  void slashCommand_readsWhatBoltsParserReads() {
    for (String body : COMMANDS) {
      Optional<SlashCommandPayload> ours = SlackEndpoint.slashCommand(body);

      assertThat(ours).as(body).isPresent();
      Request<?> bolts = bolt(body);
      assertThat(bolts).as(body).isInstanceOf(SlashCommandRequest.class);
      assertThat(ours.get()).as(body).isEqualTo(((SlashCommandRequest) bolts).getPayload());
    }
  }

  @Test
  void slashCommand_leavesAnythingElseToBoltsParser() {
    for (String body : OTHERS) {
      assertThat(SlackEndpoint.slashCommand(body)).as(body).isEmpty();
    }
  }

  private static Request<?> bolt(String body) {
    return BOLT.parse(
        SlackRequestParser.HttpRequest.builder()
            .requestUri("/slack/events")
            .queryString(Map.of())
            .headers(new RequestHeaders(new HashMap<String, List<String>>()))
            .requestBody(body)
            .remoteAddress("127.0.0.1")
            .build());
  }
}
