package dev.genaipitch.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The practice content: the built-in contract, and the loader's checks of edited content. */
final class PracticeContentTest {

  /** The key point ids the graded sets use (the writers' keypoints.md): a contract. */
  private static final Map<String, List<String>> KEY_POINTS =
      Map.of(
          "definitions",
          List.of("bedrock-use", "bedrock-no-infra", "sagemaker-build", "sagemaker-control"),
          "analogy",
          List.of("bedrock-rds", "bedrock-no-engine", "sagemaker-ec2", "sagemaker-control"),
          "when-bedrock",
          List.of("business-value", "use-cases", "why-bedrock", "feature"),
          "when-sagemaker",
          List.of("ai-core", "use-cases", "why-sagemaker", "own-models"),
          "not-competing",
          List.of("not-competing", "two-stages", "stage-mapping"),
          "need-both",
          List.of("start-bedrock", "sagemaker-later", "journey"),
          "executive-summary",
          List.of("two-layers", "bedrock-consume", "sagemaker-build", "fast-deep", "journey"));

  @TempDir Path dir;

  @Test
  void builtIn_practisesTheSevenSectionsThatStatePositions_withTheContractsPointIds()
      throws ContentException {
    Practice practice = GuideLoader.builtIn().practice();

    assertThat(practice.sets())
        .extracting(PracticeSet::section)
        .containsExactly(
            "definitions",
            "analogy",
            "when-bedrock",
            "when-sagemaker",
            "not-competing",
            "need-both",
            "executive-summary");
    for (PracticeSet set : practice.sets()) {
      assertThat(set.points())
          .as(set.section())
          .extracting(KeyPoint::id)
          .containsExactlyElementsOf(KEY_POINTS.get(set.section()));
      assertThat(set.prompts()).as(set.section()).isNotEmpty();
    }
  }

  @Test
  void builtIn_everyKeyPoint_isInTheScriptsOwnWords() throws Exception {
    String script =
        plain(
            Files.readString(
                Path.of("src/test/resources/seed/bedrock-vs-sagemaker-guide.md"),
                StandardCharsets.UTF_8));

    // A point quotes a sentence of the script, or lists its bullets: every phrase is the script's.
    for (PracticeSet set : GuideLoader.builtIn().practice().sets()) {
      for (KeyPoint point : set.points()) {
        for (String phrase : plain(point.script()).split("[.;:,()]")) {
          assertThat(script.toLowerCase(Locale.ROOT))
              .as(set.section() + "/" + point.id() + " must quote the script")
              .contains(phrase.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  @Test
  void builtIn_strongRules_followTheCoachsRules() throws ContentException {
    Practice practice = GuideLoader.builtIn().practice();

    PracticeSet needBoth = practice.set("need-both").orElseThrow();
    assertThat(needBoth.strongNeeds()).containsExactly("start-bedrock", "sagemaker-later");
    PracticeSet summary = practice.set("executive-summary").orElseThrow();
    assertThat(summary.strongNeeds()).containsExactly("bedrock-consume", "sagemaker-build");
    assertThat(summary.strongCount()).isEqualTo(4);
    assertThat(practice.set("when-bedrock").orElseThrow().strongCount()).isEqualTo(3);
    assertThat(practice.set("definitions").orElseThrow().strongNeeds()).hasSize(4);
  }

  @Test
  void load_directoryWithAPracticeFolder_readsIt() throws Exception {
    write(ContentFixtures.validGuide());
    write(Map.of("practice/alpha.md", practiceFile("alpha")));

    Practice practice = GuideLoader.load(dir).practice();

    assertThat(practice.sets()).extracting(PracticeSet::section).containsExactly("alpha");
    KeyPoint point = practice.set("alpha").orElseThrow().points().get(0);
    assertThat(point.id()).isEqualTo("first");
    assertThat(point.cues()).hasSize(1);
    assertThat(point.cues().get(0).terms()).hasSize(2);
    assertThat(point.cues().get(0).terms().get(1).get(0).negated()).isTrue();
  }

  @Test
  void load_noPracticeFolder_hasNoPractice() throws Exception {
    write(ContentFixtures.validGuide());

    assertThat(GuideLoader.load(dir).practice().sets()).isEmpty();
  }

  @Test
  void load_brokenPracticeFile_reportsEveryProblemWithFileAndLine() throws Exception {
    write(ContentFixtures.validGuide());
    String broken =
        String.join(
            "\n",
            "section: nowhere",
            "strong: first, missing",
            "prompt: What is alpha?",
            "colour: blue",
            "point: first",
            "bedrock: use | + model",
            "point: second",
            "script: words",
            "any: fine",
            "point: second",
            "");
    write(Map.of("practice/bad.md", broken, "practice/vocabulary.md", "bedrock br\n"));

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining("practice/bad.md:1: section 'nowhere' is not a known section id")
        .hasMessageContaining("practice/bad.md:4: unknown key 'colour'")
        .hasMessageContaining("practice/bad.md:6: empty alternative in 'use | + model'")
        .hasMessageContaining("practice/bad.md:10: point 'second' appears twice (first on line 7)")
        .hasMessageContaining("practice/bad.md:5: point 'first' has no 'script:' line")
        .hasMessageContaining("practice/bad.md:2: strong names 'missing', which is no point here")
        .hasMessageContaining(
            "practice/vocabulary.md:1: expected 'word = variant, variant' but found 'bedrock br'");
  }

  @Test
  void load_practiceFileWithoutPromptsOrPoints_saysWhatToAdd() throws Exception {
    write(ContentFixtures.validGuide());
    write(Map.of("practice/alpha.md", "# nothing yet\nsection: alpha\n"));

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("practice/alpha.md:2: no prompts")
        .hasMessageContaining("practice/alpha.md:2: no key points");
  }

  @Test
  void load_twoFilesForOneSection_namesTheFirst() throws Exception {
    write(ContentFixtures.validGuide());
    write(
        Map.of(
            "practice/alpha.md", practiceFile("alpha"), "practice/zeta.md", practiceFile("alpha")));

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "practice/zeta.md:1: section 'alpha' already has practice content in"
                + " practice/alpha.md");
  }

  @Test
  void load_practiceFileNotUtf8_namesIt() throws Exception {
    write(ContentFixtures.validGuide());
    Files.createDirectories(dir.resolve("practice"));
    Files.write(dir.resolve("practice/alpha.md"), new byte[] {'s', ':', ' ', (byte) 0xC3, '\n'});

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("practice/alpha.md:1:4: not valid UTF-8");
  }

  static String practiceFile(String section) {
    return String.join(
        "\n",
        "# a practice round",
        "section: " + section,
        "prompt: What is it?",
        "point: first",
        "script: The script's words.",
        "bedrock: use | consume + ~gpu",
        "");
  }

  private void write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : new LinkedHashMap<>(files).entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** Text without Markdown emphasis or quote marks, dashes and spaces made plain. */
  private static String plain(String text) {
    return text.replaceAll("[*>“”\"]", "")
        .replace('\u2014', ' ')
        .replace("’", "'")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
