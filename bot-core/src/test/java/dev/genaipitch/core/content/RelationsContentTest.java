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

/** The kinds of follow-up ({@code relations/}) and what sections say each asks for after them. */
final class RelationsContentTest {

  @TempDir Path dir;

  /**
   * The fixture guide, with two kinds of follow-up and alpha relating {@code lines} (line 8 on).
   */
  private Map<String, String> guideWhereAlphaRelates(String... lines) {
    Map<String, String> files = ContentFixtures.validGuide();
    StringBuilder relations = new StringBuilder("relations:\n");
    for (String line : lines) {
      relations.append("  - ").append(line).append('\n');
    }
    files.put(
        "a.md",
        ContentFixtures.section("alpha", "beta").replace("keywords:", relations + "keywords:"));
    files.put("relations/shorter.txt", "# how people ask for less\nshorter\n\ntoo long\n");
    files.put("relations/other-side.txt", "and the other one?\n");
    return files;
  }

  @Test
  void load_relations_keepsEachKindsSectionsInTheOrderWritten() throws Exception {
    // "shorter" may name alpha itself: then alpha declares its short form.
    Map<String, String> files = guideWhereAlphaRelates("shorter: beta, alpha", "other-side: beta");
    files.put(
        "a.md",
        files.get("a.md").replace("keywords:", "brief:\n  - A line to say out loud.\nkeywords:"));
    write(files);

    Guide guide = GuideLoader.load(dir);
    Section alpha = guide.section("alpha").orElseThrow();

    assertThat(alpha.relations())
        .containsExactly(
            new Relation("shorter", java.util.List.of("beta", "alpha")),
            new Relation("other-side", java.util.List.of("beta")));
    assertThat(alpha.related("shorter")).containsExactly("beta", "alpha");
    assertThat(alpha.related("table")).isEmpty();
    assertThat(guide.section("beta").orElseThrow().relations()).isEmpty();
    assertThat(guide.relationKinds())
        .containsExactly(
            new RelationKind("other-side", java.util.List.of("and the other one?")),
            new RelationKind("shorter", java.util.List.of("shorter", "too long")));
  }

  @Test
  void load_relationToNone_saysTheScriptDoesNotAnswerThatKind() throws Exception {
    write(guideWhereAlphaRelates("shorter: none"));

    assertThat(GuideLoader.load(dir).section("alpha").orElseThrow().related("shorter"))
        .containsExactly("none");
  }

  @Test
  void load_brokenRelations_areEachReportedWithTheirLine() throws Exception {
    write(
        guideWhereAlphaRelates(
            "shorter: nowhere",
            "table: beta",
            "other-side beta",
            "shorter: beta",
            "other-side: beta, beta",
            "help-me: help"));

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining(
            "a.md:8: relation 'shorter': 'nowhere' is not a known section id (or help: the menu;"
                + " none: the script does not say)")
        .hasMessageContaining(
            "a.md:9: unknown kind of follow-up 'table' (known: [other-side, shorter])")
        .hasMessageContaining(
            "a.md:10: a relation reads 'kind: section-id, section-id', found 'other-side beta'")
        .hasMessageContaining("a.md:11: relation 'shorter' appears twice (first on line 8)")
        .hasMessageContaining("a.md:12: relation 'other-side' lists 'beta' twice")
        .hasMessageContaining("a.md:13: unknown kind of follow-up 'help-me'");
  }

  @Test
  void load_relationToTheMenu_answersThatKindWithTheMenu() throws Exception {
    write(guideWhereAlphaRelates("shorter: help"));

    assertThat(GuideLoader.load(dir).section("alpha").orElseThrow().related("shorter"))
        .containsExactly("help");
  }

  @Test
  void load_tooManySections_forOneKind() throws Exception {
    Map<String, String> files = guideWhereAlphaRelates("shorter: beta, alpha, gamma, delta, none");
    files.put("c.md", ContentFixtures.section("gamma", "alpha"));
    files.put("d.md", ContentFixtures.section("delta", "alpha"));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("a.md:8: relation 'shorter' names 5 sections; at most 4");
  }

  @Test
  void load_relationsOnTheMenu_areRefused() throws Exception {
    Map<String, String> files = guideWhereAlphaRelates();
    files.put(
        "help.md",
        ContentFixtures.special("help").replace("---\n#", "relations:\n  - x: y\n---\n#"));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("help.md:7: 'help' takes no relations");
  }

  @Test
  void load_relationToAFileThatFailedToLoad_reportsOnlyThatFile() throws Exception {
    Map<String, String> files = guideWhereAlphaRelates("shorter: beta");
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
  void load_brokenKindFiles_areReportedWithFileAndLine() throws Exception {
    Map<String, String> files = guideWhereAlphaRelates();
    files.put("relations/Shorter_Still.txt", "even shorter\n");
    files.put("relations/empty.txt", "# nothing yet\n");
    files.put("relations/other-side.txt", "and the other one?\nSHORTER\n");
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "relations/Shorter_Still.txt: a kind of follow-up is named like an id")
        .hasMessageContaining("relations/empty.txt: no phrasings")
        .hasMessageContaining(
            "relations/shorter.txt:2: this phrasing is already in relations/other-side.txt:2;"
                + " one phrasing can teach only one kind of follow-up");
  }

  /** The fixture guide, alpha declaring {@code lines} as its parts (line 8 on). */
  private Map<String, String> guideWhereAlphaHasParts(String... lines) {
    Map<String, String> files = ContentFixtures.validGuide();
    StringBuilder parts = new StringBuilder("parts:\n");
    for (String line : lines) {
      parts.append("  - ").append(line).append('\n');
    }
    files.put(
        "a.md", ContentFixtures.section("alpha", "beta").replace("keywords:", parts + "keywords:"));
    return files;
  }

  @Test
  void load_parts_keepTheirWordsAndTheSectionThatHoldsThem() throws Exception {
    write(guideWhereAlphaHasParts("say out loud: beta"));

    assertThat(GuideLoader.load(dir).section("alpha").orElseThrow().parts())
        .containsExactly(new SectionPart("say out loud", "beta"));
  }

  @Test
  void load_brokenParts_areEachReportedWithTheirLine() throws Exception {
    write(
        guideWhereAlphaHasParts(
            "words nobody wrote: beta",
            "say out loud: nowhere",
            "say out loud: alpha",
            "no section named",
            "Say Out Loud: beta",
            "say out loud!: beta"));

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining(
            "a.md:8: part 'words nobody wrote' is not in the text of 'alpha': quote its words")
        .hasMessageContaining("a.md:9: part 'say out loud': 'nowhere' is not another known section")
        .hasMessageContaining("a.md:10: part 'say out loud': 'alpha' is not another known section")
        .hasMessageContaining(
            "a.md:11: a part reads 'words of the text: section-id', found 'no section named'")
        .hasMessageContaining("a.md:13: part 'say out loud!' appears twice (first on line 12)")
        .satisfies(
            e ->
                assertThat(((ContentException) e).problems())
                    .extracting(ContentProblem::toString)
                    .noneMatch(problem -> problem.startsWith("a.md:12:")));
  }

  @Test
  void load_partsOnTheMenu_areRefused() throws Exception {
    Map<String, String> files = guideWhereAlphaHasParts();
    files.put(
        "help.md", ContentFixtures.special("help").replace("---\n#", "parts:\n  - x: y\n---\n#"));
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("help.md:7: 'help' takes no parts");
  }

  @Test
  void builtIn_partsAreHeldByOtherSections() throws Exception {
    Guide guide = GuideLoader.builtIn();

    assertThat(guide.section("not-competing").orElseThrow().parts())
        .contains(new SectionPart("Production GenAI apps", "when-bedrock"));
  }

  @Test
  void load_conversations_becomeExamplesReadAfterTheSectionShownBefore() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put(
        "conversations/w.txt",
        "# a writer's conversations\n"
            + "[fragment]\n"
            + "alpha | tell me about alpha\n"
            + "help | hi\n"
            + "beta, alpha | and the other one?\n"
            + "\n"
            + "[complete]\n"
            + "beta | what is beta\n"
            + "alpha | what is alpha | really\n");
    write(files);

    assertThat(GuideLoader.load(dir).followUpExamples())
        .containsExactly(
            new FollowUpExample(
                "alpha", "hi", java.util.List.of("help"), false, "conversations/w.txt:4"),
            new FollowUpExample(
                "alpha",
                "and the other one?",
                java.util.List.of("beta", "alpha"),
                false,
                "conversations/w.txt:5"),
            new FollowUpExample(
                "beta",
                "what is alpha | really",
                java.util.List.of("alpha"),
                true,
                "conversations/w.txt:9"));
  }

  @Test
  void load_brokenConversations_areEachReportedWithTheirLine() throws Exception {
    Map<String, String> files = ContentFixtures.validGuide();
    files.put(
        "conversations/w.txt",
        "alpha | before any conversation\n"
            + "[chat]\n"
            + "[fragment]\n"
            + "alpha | only one message\n"
            + "[fragment]\n"
            + "alpha | fine\n"
            + "gamma | no such entry\n"
            + "[complete]\n"
            + "alpha | fine\n"
            + "no bar here\n");
    write(files);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "conversations/w.txt:1: a message outside a conversation: start one with [fragment]")
        .hasMessageContaining(
            "conversations/w.txt:2: a conversation starts with [fragment], [complete] or"
                + " [oos-followup], found '[chat]'")
        .hasMessageContaining("conversations/w.txt:3: a conversation needs at least two messages")
        .hasMessageContaining("conversations/w.txt:7: 'gamma' is not a known entry id")
        .hasMessageContaining(
            "conversations/w.txt:10: a message reads 'entry-id, entry-id | the message', found"
                + " 'no bar here'");
  }

  @Test
  void isContentFile_relationsFiles_areWatchedLikeExamples() {
    assertThat(GuideLoader.isContentFile("relations/shorter.txt")).isTrue();
    assertThat(GuideLoader.isContentFile("relations/notes.md")).isFalse();
    assertThat(GuideLoader.isContentFile("relations/deeper/shorter.txt")).isFalse();
    assertThat(GuideLoader.isContentFile("conversations/train-1.txt")).isTrue();
  }

  @Test
  void builtIn_everySectionSaysWhatEachKindAsksForAfterIt() throws Exception {
    Guide guide = GuideLoader.builtIn();

    assertThat(guide.relationKinds())
        .extracting(RelationKind::id)
        .contains("shorter", "table", "same");
    for (Section s : guide.sections()) {
      assertThat(s.related("beyond")).as(s.id()).containsExactly("none");
      assertThat(s.related("table")).as(s.id()).containsExactly("not-competing");
      assertThat(s.related("same")).as(s.id()).containsExactly(s.id());
    }
    assertThat(guide.section("when-bedrock").orElseThrow().related("other-side"))
        .containsExactly("when-sagemaker");
    assertThat(guide.section("when-sagemaker").orElseThrow().related("other-side"))
        .containsExactly("when-bedrock");
  }

  private void write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : new LinkedHashMap<>(files).entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }
}
