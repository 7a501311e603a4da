package dev.genaipitch.teams.apppackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Teams app package the build assembles. */
final class TeamsAppPackageTest {

  private static final Path TEMPLATE = Path.of("src/main/teams-app/manifest.json");
  private static final String APP_ID = "4f6c2d0e-7b1a-4c8e-9d3f-2a5b6c7d8e9f";

  @TempDir Path out;

  @Test
  void build_zipsTheManifestAndBothIcons_withTheAppIdFilledIn() throws Exception {
    Path zip = TeamsAppPackage.build(TEMPLATE, out, values(APP_ID)).zip();

    Map<String, byte[]> entries = unzip(zip);
    assertThat(entries).containsOnlyKeys("manifest.json", "color.png", "outline.png");
    JsonNode manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
    assertThat(manifest.path("id").asText()).isEqualTo(APP_ID);
    assertThat(manifest.path("version").asText()).isEqualTo("1.2.0");
    assertThat(manifest.path("bots").get(0).path("botId").asText()).isEqualTo(APP_ID);
    assertThat(manifest.path("composeExtensions").get(0).path("botId").asText()).isEqualTo(APP_ID);
    assertThat(manifest.path("developer").path("websiteUrl").asText())
        .isEqualTo("https://example.org/pitch");
    assertThat(manifest.toString()).doesNotContain("{{");
  }

  @Test
  void manifest_putsTheBotInEveryScope_withSampleQuestions_andTheSearchCommand() throws Exception {
    TeamsAppPackage.build(TEMPLATE, out, values(APP_ID));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());

    JsonNode bot = manifest.path("bots").get(0);
    assertThat(texts(bot.path("scopes")))
        .containsExactlyInAnyOrder("personal", "team", "groupChat");
    for (JsonNode list : bot.path("commandLists")) {
      JsonNode commands = list.path("commands");
      assertThat(commands.size()).isBetween(3, 10);
      commands.forEach(
          c -> {
            assertThat(c.path("title").asText().length()).isLessThanOrEqualTo(32);
            assertThat(c.path("description").asText().length()).isLessThanOrEqualTo(128);
          });
    }
    // Practice rounds run in the 1:1 chat only: the command is offered there.
    assertThat(texts(bot.path("commandLists").get(0).path("scopes"))).containsExactly("personal");
    assertThat(bot.path("commandLists").get(0).path("commands").findValuesAsText("title"))
        .contains("practice");
    assertThat(bot.path("commandLists").get(1).path("commands").findValuesAsText("title"))
        .doesNotContain("practice");
    JsonNode search = manifest.path("composeExtensions").get(0).path("commands").get(0);
    assertThat(search.path("id").asText()).isEqualTo("searchScript");
    assertThat(search.path("type").asText()).isEqualTo("query");
    assertThat(search.path("parameters").get(0).path("name").asText()).isEqualTo("query");
    assertThat(manifest.path("name").path("short").asText().length()).isLessThanOrEqualTo(30);
    assertThat(manifest.path("description").path("short").asText().length())
        .isLessThanOrEqualTo(80);
  }

  @Test
  void icons_areTheSizesTeamsAsksFor_andTheOutlineIsWhiteOnTransparent() throws Exception {
    Map<String, byte[]> entries = unzip(TeamsAppPackage.build(TEMPLATE, out, values(APP_ID)).zip());

    BufferedImage color = ImageIO.read(new ByteArrayInputStream(entries.get("color.png")));
    BufferedImage outline = ImageIO.read(new ByteArrayInputStream(entries.get("outline.png")));
    assertThat(color.getWidth()).isEqualTo(192);
    assertThat(color.getHeight()).isEqualTo(192);
    assertThat(color.getRGB(0, 0) >>> 24).as("colour icon is opaque").isEqualTo(255);
    assertThat(outline.getWidth()).isEqualTo(32);
    assertThat(outline.getHeight()).isEqualTo(32);
    int drawn = 0;
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int argb = outline.getRGB(x, y);
        if (argb >>> 24 != 0) {
          drawn++;
          assertThat(argb & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(0xFFFFFF);
        }
      }
    }
    assertThat(outline.getRGB(0, 0) >>> 24).as("transparent background").isZero();
    assertThat(drawn).isBetween(100, 32 * 32 / 2);
  }

  @Test
  void build_isRepeatable() throws Exception {
    byte[] first =
        Files.readAllBytes(TeamsAppPackage.build(TEMPLATE, out.resolve("a"), values(APP_ID)).zip());
    byte[] second =
        Files.readAllBytes(TeamsAppPackage.build(TEMPLATE, out.resolve("b"), values(APP_ID)).zip());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void build_withoutAnAppId_usesThePlaceholder() throws Exception {
    Map<String, String> values = values("${env.MICROSOFT_APP_ID}");

    assertThat(TeamsAppPackage.build(TEMPLATE, out, values).appId())
        .isEqualTo(TeamsAppPackage.PLACEHOLDER_APP_ID);
    assertThat(Files.readString(out.resolve("manifest.json")))
        .contains(TeamsAppPackage.PLACEHOLDER_APP_ID);
  }

  @Test
  void build_withAnAppIdThatIsNoGuid_fails() {
    assertThatThrownBy(() -> TeamsAppPackage.build(TEMPLATE, out, values("my-bot")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GUID");
  }

  private static Map<String, String> values(String appId) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("appId", appId);
    values.put("version", "1.2.0-SNAPSHOT");
    values.put("developerName", "Field team");
    values.put("websiteUrl", "https://example.org/pitch");
    values.put("privacyUrl", "https://example.org/pitch/privacy");
    values.put("termsOfUseUrl", "https://example.org/pitch/terms");
    return values;
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }

  private static Map<String, byte[]> unzip(Path zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (InputStream file = Files.newInputStream(zip);
        ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
