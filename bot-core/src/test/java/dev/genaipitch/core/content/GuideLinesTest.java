package dev.genaipitch.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The loader's line splitting and its normalising of examples read every text as the regular
 * expressions they replaced did.
 */
class GuideLinesTest {

  @Test
  void lines_edgeCases_splitAsTheRegularExpressionDoes() {
    for (String text :
        List.of(
            "",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "a",
            "a\n",
            "a\r\n",
            "\na",
            "\r\na\r\n\r\n",
            "a\rb\nc",
            "a\r\r\nb",
            "a\n\rb",
            "\r\r\n\r",
            "x\u2028y\u0085z\n",
            "caf\u00e9 \uD83D\uDE80\r\nnext")) {
      assertThat(GuideLoader.lines(text)).as(text).isEqualTo(regex(text));
    }
  }

  @Test
  void lines_everyBuiltInFile_splitAsTheRegularExpressionDoes()
      throws IOException, URISyntaxException {
    Path root = Path.of(GuideLoader.class.getResource("/guide").toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      String text;
      try (InputStream in = Files.newInputStream(file)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(GuideLoader.lines(text)).as(file.toString()).isEqualTo(regex(text));
      String crlf = text.replace("\n", "\r\n");
      assertThat(GuideLoader.lines(crlf)).as(file + " with CRLF").isEqualTo(regex(crlf));
    }
  }

  @Test
  void normalized_edgeCases_asTheRegularExpression() {
    for (String text :
        List.of(
            "",
            " ",
            "Do we need BOTH?",
            "  RDS/EC2 -- analogy!!  ",
            "x",
            "?!",
            "a\tb\r\nc",
            "caf\u00e9 na\u00efve \u00c9T\u00c9",
            "\u0130stanbul \u00df \u03a3\u03a3",
            "rocket \uD83D\uDE80 launch \uD83D\uDE80",
            "\uD835\uDC00\uD835\uDFCE math letters and digits",
            "\u2167 roman \u00bd half \u0663 arabic digit",
            "lone \uD83D surrogate \uDE80 here",
            "nbsp\u00a0and\u2003em space",
            "under_score and-hyphen's",
            "\u02b0modifier \u01c5titlecase \u4e2d\u6587")) {
      assertThat(GuideLoader.normalized(text)).as(text).isEqualTo(regexNormalized(text));
    }
  }

  @Test
  void normalized_everyBuiltInLine_asTheRegularExpression() throws IOException, URISyntaxException {
    Path root = Path.of(GuideLoader.class.getResource("/guide").toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    int lines = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        assertThat(GuideLoader.normalized(line)).as(line).isEqualTo(regexNormalized(line));
        lines++;
      }
    }
    assertThat(lines).isGreaterThan(5_000);
  }

  private static String regexNormalized(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static List<String> regex(String text) {
    return Arrays.asList(text.split("\r?\n", -1));
  }
}
