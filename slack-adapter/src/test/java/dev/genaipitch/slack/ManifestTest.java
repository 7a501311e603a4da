package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Slack app manifest in config/ matches what the adapter serves. */
final class ManifestTest {

  private static final Path MANIFEST = Path.of("..", "config", "slack-app-manifest.yaml");

  @Test
  void manifest_pointsSlashCommandEventsAndInteractivityAtTheOneRequestUrl() throws Exception {
    String manifest = Files.readString(MANIFEST);

    assertThat(manifest).contains("command: /genai-pitch");
    assertThat(urls(manifest)).hasSize(3).containsOnly("https://YOUR-HOST" + SlackAdapter.PATH);
    assertThat(manifest).contains("- app_mention", "- message.im", "- app_home_opened");
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
        continue;
      } else if (inBot && line.strip().startsWith("- ")) {
        scopes.add(line.strip().substring(2));
      } else if (inBot && !line.isBlank()) {
        inBot = false;
      }
    }
    // commands: the slash command; chat:write: thread and DM replies; app_mentions:read and
    // im:history: the two message events. views.publish and response_url need no scope.
    assertThat(scopes)
        .containsExactlyInAnyOrder("commands", "chat:write", "app_mentions:read", "im:history");
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
