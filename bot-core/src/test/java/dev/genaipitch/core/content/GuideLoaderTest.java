package dev.genaipitch.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GuideLoaderTest {

  @TempDir Path dir;

  @Test
  void load_validDirectory_replacesTheBuiltInGuide() throws Exception {
    write(ContentFixtures.validGuide());

    Guide guide = GuideLoader.load(dir);

    assertThat(guide.sections()).extracting(Section::id).containsExactly("alpha", "beta");
    assertThat(guide.section("alpha").orElseThrow().followUps()).containsExactly("beta");
    assertThat(guide.synonyms()).containsEntry("a1", "alpha");
    assertThat(guide.origin()).isEqualTo(dir.toString());
  }

  @Test
  void load_duplicateId_namesTheSecondFileAndItsIdLine() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("c.md", ContentFixtures.section("alpha", "beta"));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining("c.md:2: duplicate id 'alpha' (already used in a.md)");
  }

  @Test
  void load_missingId_namesTheFile() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("c.md", ContentFixtures.section("gamma", "alpha").replace("id: gamma\n", ""));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir)).hasMessageContaining("c.md:1: missing 'id'");
  }

  @Test
  void load_followUpToUnknownId_namesTheLineOfThatFollowUp() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("a.md", ContentFixtures.section("alpha", "nowhere"));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("a.md:6: follow-up 'nowhere' is not a known section id");
  }

  @Test
  void load_sectionWithoutExamples_namesTheFile() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put(
        "a.md", ContentFixtures.section("alpha", "beta").replaceAll("examples:\n(  - .*\n)+", ""));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "a.md:2: no examples: add questions in users' words under 'examples:'");
  }

  @Test
  void load_fileNotUtf8_namesTheLineOfTheBadByte() throws Exception {
    write(ContentFixtures.validGuide());
    byte[] latin1 =
        ContentFixtures.section("alpha", "beta")
            .replace("First", "Caf\u00e9")
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("a.md"), latin1);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "a.md:" + ContentFixtures.lineOf(ContentFixtures.section("alpha", "beta"), "First"))
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void load_everyProblemIsReportedAtOnce() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("a.md", ContentFixtures.section("alpha", "nowhere"));
    files.put("c.md", ContentFixtures.section("beta", "alpha"));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .satisfies(e -> assertThat(((ContentException) e).problems()).hasSize(2));
  }

  @Test
  void load_unknownKeyOrUnclosedFrontMatter_isReportedWithItsLine() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("a.md", ContentFixtures.section("alpha", "beta").replace("title:", "titel:"));
    files.put("b.md", "---\nid: beta\ntitle: B\n");
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("a.md:3: unknown key 'titel'")
        .hasMessageContaining("b.md:1: front matter is not closed");
  }

  @Test
  void load_withoutHelpOrNone_saysWhichFileToAdd() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.remove("none.md");
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("no entry with id 'none': add a none.md file");
  }

  @Test
  void load_notADirectory_isAProblemNotACrash() {
    assertThatThrownBy(() -> GuideLoader.load(dir.resolve("missing")))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining("not a directory");
  }

  private void write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : new LinkedHashMap<>(files).entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
  }
}
