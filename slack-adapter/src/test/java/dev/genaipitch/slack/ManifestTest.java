package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Slack app manifest in config/ matches what the adapter serves. */
final class ManifestTest {

  private static final Path MANIFEST = Path.of("..", "config", "slack-app-manifest.yaml");
  private static final Path SOCKET_MODE_MANIFEST =
      Path.of("..", "config", "slack-app-manifest-socket-mode.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void manifest_pointsSlashCommandEventsAndInteractivityAtTheOneRequestUrl() throws Exception {
    String manifest = Files.readString(MANIFEST);

    assertThat(manifest).contains("command: /genai-pitch");
    assertThat(urls(manifest)).hasSize(3).containsOnly("https://YOUR-HOST" + SlackAdapter.PATH);
    assertThat(manifest)
        .contains(
            "- app_mention",
            "- message.im",
            "- message.channels",
            "- message.groups",
            "- app_home_opened");
    assertThat(manifest)
        .contains("home_tab_enabled: true", "messages_tab_enabled: true", "is_enabled: true");
  }

  @Test
  void manifest_asksForTheFewestScopesThatWork() throws Exception {
    List<String> lines = Files.readAllLines(MANIFEST);
    List<String> scopes = new ArrayList<>();
    boolean inBot = false;
    for (String line : lines) {
      if (line.strip().equals("bot:")) {
        inBot = true;
      } else if (inBot && line.strip().startsWith("#")) {
        // a comment inside the bot scopes neither ends them nor is one
      } else if (inBot && line.strip().startsWith("- ")) {
        scopes.add(line.strip().substring(2));
      } else if (inBot && !line.isBlank()) {
        inBot = false;
      }
    }
    // commands: the slash command; chat:write: thread and DM replies; app_mentions:read and
    // im:history: the two message events; channels:history and groups:history: practice answers,
    // replies in a thread in a channel. views.publish and response_url need no scope.
    assertThat(scopes)
        .containsExactlyInAnyOrder(
            "commands",
            "chat:write",
            "app_mentions:read",
            "im:history",
            "channels:history",
            "groups:history");
  }

  @Test
  void socketModeManifest_isTheSameAppWithoutRequestUrls() throws Exception {
    JsonNode socket = YAML.readTree(SOCKET_MODE_MANIFEST.toFile());
    ObjectNode http = (ObjectNode) YAML.readTree(MANIFEST.toFile());

    assertThat(socket.path("settings").path("socket_mode_enabled").asBoolean()).isTrue();
    assertThat(urls(Files.readString(SOCKET_MODE_MANIFEST))).isEmpty();
    ((ObjectNode) http.path("features").path("slash_commands").get(0)).remove("url");
    ((ObjectNode) http.path("settings").path("event_subscriptions")).remove("request_url");
    ((ObjectNode) http.path("settings").path("interactivity")).remove("request_url");
    ((ObjectNode) http.path("settings")).put("socket_mode_enabled", true);
    assertThat(socket).isEqualTo(http);
  }

  private static List<String> urls(String manifest) {
    List<String> urls = new ArrayList<>();
    for (String line : manifest.split("\n")) {
      String s = line.strip();
      if (s.startsWith("url:") || s.startsWith("request_url:")) {
        urls.add(s.substring(s.indexOf(':') + 1).strip());
      }
    }
    return urls;
  }
}
