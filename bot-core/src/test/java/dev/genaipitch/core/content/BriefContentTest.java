package dev.genaipitch.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A section's short form ({@code brief:} in its front matter): one or two of its own lines, word
 * for word, checked against its text like the rest of the front matter.
 */
final class BriefContentTest {

  @TempDir Path dir;

  /**
   * The fixture guide with alpha's text below and its front matter given {@code front} (line 7).
   */
  private void writeAlpha(String front, String text) throws IOException {
    Map<String, String> files = ContentFixtures.validGuide();
    String alpha =
        ContentFixtures.section("alpha", "beta")
            .replace("keywords:", front + "keywords:")
            .replace("First paragraph.\n\n> A line to say out loud.\n", text);
    files.put("a.md", alpha);
    files.put("relations/shorter.txt", "shorter\ntoo long\n");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static final String TEXT =
      "Tell them this:\n\n"
          + "> “Use **Alpha** when you need it *now*.\n"
          + "> Beta comes later.”\n\n"
          + "* a point\n"
          + "* another point\n\n"
          + "> “The *key* line.”\n";

  @Test
  void load_brief_isTheScriptsOwnLines_withItsEmphasis_andWithoutTheQuoteMarksAtItsEnds()
      throws Exception {
    writeAlpha("brief:\n  - Use Alpha when you need it now.\n  - \"Beta comes later.\"\n", TEXT);

    Section alpha = GuideLoader.load(dir).section("alpha").orElseThrow();

    assertThat(alpha.brief())
        .containsExactly(
            new Block.Quote(
                List.of(
                    List.of(
                        Inline.plain("Use "),
                        new Inline("Alpha", true, false),
                        Inline.plain(" when you need it "),
                        new Inline("now", false, true),
                        Inline.plain(".")),
                    List.of(Inline.plain("Beta comes later.")))));
  }

  @Test
  void load_brief_ofTwoQuotes_isTwoQuotes_andALineOfAList_isAParagraph() throws Exception {
    writeAlpha("brief:\n  - another point\n  - The key line.\n", TEXT);

    Section alpha = GuideLoader.load(dir).section("alpha").orElseThrow();

    assertThat(alpha.brief())
        .containsExactly(
            new Block.Paragraph(List.of(Inline.plain("another point"))),
            new Block.Quote(
                List.of(
                    List.of(
                        Inline.plain("The "),
                        new Inline("key", false, true),
                        Inline.plain(" line.")))));
  }

  @Test
  void load_noBrief_isAnEmptyShortForm() throws Exception {
    writeAlpha("", TEXT);

    assertThat(GuideLoader.load(dir).section("alpha").orElseThrow().brief()).isEmpty();
  }

  @Test
  void load_aBriefLineNotInTheText_isRefused_namingTheFileAndLine() throws Exception {
    writeAlpha("brief:\n  - Use Alpha when you need it.\n", TEXT);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining(
            "a.md:8: brief line 'Use Alpha when you need it.' is not a line of the text of"
                + " 'alpha': copy one line of the script, word for word");
  }

  @Test
  void load_aHeadingIsNotALineOfTheShortForm() throws Exception {
    writeAlpha("brief:\n  - Heading of alpha\n", TEXT);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("a.md:8: brief line 'Heading of alpha' is not a line of the text");
  }

  @Test
  void load_briefOfThreeLines_orNone_orNotAList_isRefused() throws Exception {
    writeAlpha("brief:\n  - a point\n  - another point\n  - The key line.\n", TEXT);
    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("a.md:7: 'brief' is one line of the section's text, or two; found 3");

    writeAlpha("brief: The key line.\n", TEXT);
    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "a.md:7: 'brief' is a list of '- a line of the section's text, word for word' lines");
  }

  @Test
  void load_theSameBriefLineTwice_isRefused() throws Exception {
    writeAlpha("brief:\n  - a point\n  - \"a point\"\n", TEXT);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("a.md:9: brief line 'a point' appears twice");
  }

  @Test
  void load_shorterNamingTheSectionItself_needsABrief() throws Exception {
    writeAlpha("relations:\n  - shorter: alpha\n", TEXT);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining(
            "a.md:2: 'shorter' names 'alpha' itself: declare its short form, 'brief:' with one or"
                + " two of its lines");

    writeAlpha("relations:\n  - shorter: alpha\nbrief:\n  - The key line.\n", TEXT);
    assertThat(GuideLoader.load(dir).section("alpha").orElseThrow().brief()).hasSize(1);
  }

  @Test
  void load_briefOnTheMenu_isRefused() throws Exception {
    writeAlpha("", TEXT);
    Files.writeString(
        dir.resolve("help.md"),
        ContentFixtures.special("help").replace("---\n#", "brief:\n  - Text.\n---\n#"),
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> GuideLoader.load(dir))
        .hasMessageContaining("help.md:7: 'help' takes no brief");
  }

  @Test
  void builtInGuide_everySectionDeclaresItsShortForm() throws Exception {
    for (Section s : GuideLoader.builtIn().sections()) {
      assertThat(s.brief()).as(s.id()).isNotEmpty();
    }
  }
}
