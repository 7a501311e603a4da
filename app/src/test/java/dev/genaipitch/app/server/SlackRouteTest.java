package dev.genaipitch.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.slack.SlackStartException;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.SlackSigner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code serve} mounts Slack at /slack/events when both secrets are set, and says how to turn it on
 * when not.
 */
final class SlackRouteTest {

  private static final String SECRET = "app-test-signing-secret";
  private static PitchBot bot;

  private final FakeSlack fakeSlack = new FakeSlack();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void loadBot() throws Exception {
    bot = PitchBot.create(GuideLoader.builtIn());
  }

  @BeforeEach
  void start() throws Exception {
    logs.start();
    ((Logger) LoggerFactory.getLogger(SlackRoute.class)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    fakeSlack.close();
    ((Logger) LoggerFactory.getLogger(SlackRoute.class)).detachAppender(logs);
  }

  @Test
  void start_withoutSlackSecrets_isOffAndSaysWhichVariablesTurnItOn() throws Exception {
    Optional<WebServer.Route> route =
        SlackRoute.start(
            BotConfig.defaults().slack(), bot, new Readiness(), new SimpleMeterRegistry());

    assertThat(route).isEmpty();
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "Slack is off: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (Request URL) or"
                + " SLACK_APP_TOKEN (Socket Mode) to turn it on");
  }

  @Test
  void serve_withSlackSecrets_answersSignedSlashCommandsAtSlackEvents() throws Exception {
    BotConfig config = config();
    Readiness readiness = new Readiness();
    List<WebServer.Route> routes =
        List.of(
            SlackRoute.start(config.slack(), bot, readiness, new SimpleMeterRegistry())
                .orElseThrow());
    WebServer server = new WebServer(config, routes, List.of(), new SimpleMeterRegistry());
    assertThat(readiness.ready()).as("ready once auth.test passed").isTrue();
    server.start();
    try {
      String body =
          "command=%2Fgenai-pitch&text="
              + URLEncoder.encode("do we need both?", StandardCharsets.UTF_8)
              + "&user_id=U1&channel_id=C1&response_url="
              + URLEncoder.encode("http://127.0.0.1:1/r", StandardCharsets.UTF_8);
      long now = Instant.now().getEpochSecond();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .header("X-Slack-Request-Timestamp", Long.toString(now))
                      .header("X-Slack-Signature", new SlackSigner(SECRET).signature(now, body))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("Most enterprises start with Bedrock to prove value quickly");
      assertThat(logs.list).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void start_withARejectedToken_refusesToStart() throws Exception {
    fakeSlack.rejectToken("invalid_auth");

    assertThatThrownBy(
            () ->
                SlackRoute.start(config().slack(), bot, new Readiness(), new SimpleMeterRegistry()))
        .isInstanceOf(SlackStartException.class)
        .hasMessageContaining("invalid_auth");
  }

  private BotConfig config() throws Exception {
    return BotConfig.load(
        Map.of(
            "PORT", "0",
            "ADMIN_PORT", "0",
            "SLACK_SIGNING_SECRET", SECRET,
            "SLACK_BOT_TOKEN", "xoxb-app-test-token",
            "SLACK_API_URL", fakeSlack.apiUrl()));
  }
}
