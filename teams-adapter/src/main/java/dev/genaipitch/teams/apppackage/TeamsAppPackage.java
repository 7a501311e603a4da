package dev.genaipitch.teams.apppackage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Build step: assembles the Teams app package (manifest.json, color.png, outline.png in one zip)
 * for uploading to Teams. The manifest template's {@code {{name}}} placeholders are filled from
 * {@code name=value} arguments; the icons are drawn here.
 *
 * <p>Usage: {@code TeamsAppPackage <manifest template> <output directory> appId=<guid>
 * version=<x.y.z> ...}
 */
public final class TeamsAppPackage {

  /** The zip's name in the output directory. */
  public static final String ZIP = "genai-pitch-teams.zip";

  /** Used when no app id is configured: the package builds, but Teams will not accept it. */
  static final String PLACEHOLDER_APP_ID = "00000000-0000-0000-0000-000000000000";

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  /** Fixed entry times make the zip the same bytes for the same inputs. */
  private static final long ENTRY_TIME = 1_704_067_200_000L;

  /** What {@link #build} wrote. */
  record Built(Path zip, String appId) {}

  private TeamsAppPackage() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: TeamsAppPackage <manifest template> <output directory> [name=value...]");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected name=value, got: " + args[i]);
      }
      values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    Built built = build(Path.of(args[0]), Path.of(args[1]), values);
    System.out.println("Teams app package: " + built.zip() + " (app id " + built.appId() + ")");
  }

  /**
   * Writes manifest.json, color.png, outline.png and the zip of the three into {@code outputDir}. A
   * missing or unresolved {@code appId} becomes {@link #PLACEHOLDER_APP_ID} with a warning; one
   * that is set but is no GUID is an error. {@code version} loses any {@code -SNAPSHOT} suffix.
   *
   * @return the zip and the app id it carries
   */
  static Built build(Path template, Path outputDir, Map<String, String> values) throws IOException {
    Map<String, String> resolved = new LinkedHashMap<>(values);
    String appId = values.getOrDefault("appId", "").strip();
    if (appId.isEmpty() || appId.startsWith("${")) {
      System.out.println(
          "WARNING: no Teams app id (set -Dteams.appId=<guid> or MICROSOFT_APP_ID when packaging);"
              + " using "
              + PLACEHOLDER_APP_ID
              + ", which Teams will not accept");
      appId = PLACEHOLDER_APP_ID;
    } else if (!GUID.matcher(appId).matches()) {
      throw new IllegalArgumentException("the Teams app id must be a GUID, got: " + appId);
    }
    resolved.put("appId", appId);
    String version = values.getOrDefault("version", "1.0.0").replaceFirst("-.*$", "");
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("the app version must be x.y.z, got: " + version);
    }
    resolved.put("version", version);

    byte[] manifest =
        fill(Files.readString(template, StandardCharsets.UTF_8), resolved)
            .getBytes(StandardCharsets.UTF_8);
    byte[] color = png(AppIcons.color());
    byte[] outline = png(AppIcons.outline());

    Files.createDirectories(outputDir);
    Files.write(outputDir.resolve("manifest.json"), manifest);
    Files.write(outputDir.resolve("color.png"), color);
    Files.write(outputDir.resolve("outline.png"), outline);
    Path zip = outputDir.resolve(ZIP);
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      entry(out, "manifest.json", manifest);
      entry(out, "color.png", color);
      entry(out, "outline.png", outline);
    }
    return new Built(zip, appId);
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null || value.isBlank() || value.startsWith("${")) {
        throw new IllegalArgumentException(
            "no value for {{" + m.group(1) + "}} in the manifest template");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(jsonString(value)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The value as it may stand inside a JSON string. */
  private static String jsonString(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer");
    }
    return out.toByteArray();
  }

  private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(ENTRY_TIME);
    out.putNextEntry(entry);
    out.write(content);
    out.closeEntry();
  }
}
