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
            "a.md:2: no examples: add questions in users' words to examples/alpha.txt, one per"
                + " line");
  }

  @Test
  void load_examplesAndKeywordsFiles_addToTheSectionOneLineEach() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("examples/alpha.txt", "# questions about alpha\n\nhow does alpha work\nalpha?\n");
    files.put("keywords/alpha.txt", "alpha thing\n");
    files.put("synonyms.txt", "alpha = alfa, alpah\n");
    write(files);

    Section alpha = GuideLoader.load(dir).section("alpha").orElseThrow();

    assertThat(alpha.examples())
        .containsExactly("tell me about alpha", "what is alpha", "how does alpha work", "alpha?");
    assertThat(alpha.keywords()).containsExactly("alpha", "alpha thing");
    assertThat(GuideLoader.load(dir).synonyms()).containsEntry("alfa", "alpha");
  }

  @Test
  void load_examplesFileOfNoEntry_namesTheFile() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("examples/gamma.txt", "what is gamma\n");
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("examples/gamma.txt: no entry has the id 'gamma'");
  }

  @Test
  void load_oneQuestionUnderTwoEntries_namesBothPlaces() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put("examples/beta.txt", "how does it work\nWhat is ALPHA?\n");
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "examples/beta.txt:2: this question is already an example in a.md:13; one question"
                + " can teach only one entry");
  }

  @Test
  void load_companionToUnknownId_namesTheLineLikeAFollowUp() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put(
        "a.md",
        ContentFixtures.section("alpha", "beta")
            .replace("keywords:", "with:\n  - nowhere\n  - alpha\nkeywords:"));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("a.md:8: companion 'nowhere' is not a known section id")
        .hasMessageContaining("a.md:9: a section cannot be its own companion");
  }

  @Test
  void load_companion_isKeptInOrder() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put(
        "a.md",
        ContentFixtures.section("alpha", "beta")
            .replace("keywords:", "with:\n  - beta\nkeywords:"));
    write(files);

    assertThat(GuideLoader.load(dir).section("alpha").orElseThrow().companions())
        .containsExactly("beta");
  }

  @Test
  void load_fileMissingItsTitle_isTheOnlyProblemReported() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put(
        "b.md", ContentFixtures.section("beta", "alpha").replace("title: Title of beta\n", ""));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .satisfies(
            e ->
                assertThat(((ContentException) e).problems())
                    .extracting(ContentProblem::toString)
                    .containsExactly("b.md:1: missing 'title'"));
  }

  @Test
  void load_unclosedFrontMatter_isReportedAloneWithWhereToClose() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    String broken = ContentFixtures.section("beta", "alpha").replaceFirst("---\n#", "#");
    files.put("b.md", broken);
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .satisfies(
            e ->
                assertThat(((ContentException) e).problems())
                    .extracting(ContentProblem::toString)
                    .containsExactly(
                        "b.md:1: front matter is not closed: add a '---' line after the metadata,"
                            + " before line "
                            + ContentFixtures.lineOf(broken, "# Heading")));
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
            "a.md:"
                + ContentFixtures.lineOf(ContentFixtures.section("alpha", "beta"), "First")
                + ":4: not valid UTF-8 (byte 0xE9)");
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
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }
}
