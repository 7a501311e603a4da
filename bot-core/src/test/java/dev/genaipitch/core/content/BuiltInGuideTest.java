package dev.genaipitch.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.Block;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BuiltInGuideTest {

  private static final List<String> CONTRACT_IDS =
      List.of(
          "overview",
          "opening",
          "definitions",
          "analogy",
          "when-bedrock",
          "when-sagemaker",
          "not-competing",
          "need-both",
          "executive-summary",
          "why-it-works");

  @Test
  void builtIn_hasTheContractSectionIdsInScriptOrder() throws ContentException {
    Guide guide = GuideLoader.builtIn();

    assertThat(guide.sections()).extracting(Section::id).containsExactlyElementsOf(CONTRACT_IDS);
    assertThat(guide.help().id()).isEqualTo("help");
    assertThat(guide.none().id()).isEqualTo("none");
  }

  @Test
  void builtIn_readFromAJar_isTheSameGuideAsFromTheDirectory(@TempDir Path tmp) throws Exception {
    Path dir = Path.of("src", "main", "resources", "guide");
    Path jar = tmp.resolve("content.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(dir)) {
      out.putNextEntry(new JarEntry("guide/"));
      // Stored in reverse order: the loader must sort by file name, as it does on disk.
      for (Path file :
          files.filter(Files::isRegularFile).sorted(Comparator.reverseOrder()).toList()) {
        out.putNextEntry(new JarEntry("guide/" + GuideLoader.relativeName(dir, file)));
        out.write(Files.readAllBytes(file));
      }
      out.putNextEntry(new JarEntry("guide/examples/notes.md")); // not content: .md in examples/
      out.write("not front matter".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("guide/README.txt")); // not content
      out.write("notes".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("guide/drafts/99-draft.md")); // not directly in guide/
      out.write("not front matter".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("guide-old/00-old.md")); // shares the prefix only
      out.write("not front matter".getBytes(StandardCharsets.UTF_8));
    }

    Guide fromJar = GuideLoader.fromResource(new URL("jar:" + jar.toUri() + "!/guide"));
    Guide fromDir = GuideLoader.load(dir);

    assertThat(fromJar.sections()).extracting(Section::id).containsExactlyElementsOf(CONTRACT_IDS);
    assertThat(fromJar.sections()).isEqualTo(fromDir.sections());
    assertThat(fromJar.help()).isEqualTo(fromDir.help());
    assertThat(fromJar.none()).isEqualTo(fromDir.none());
    assertThat(fromJar.practice()).isEqualTo(fromDir.practice());
    assertThat(fromJar.practice().sets()).hasSize(7);
    assertThat(fromJar.origin()).isEqualTo("built-in");
  }

  @Test
  void builtIn_everySectionHasWhatMatchingAndAnsweringNeed() throws ContentException {
    for (Section s : GuideLoader.builtIn().sections()) {
      assertThat(s.title()).as(s.id()).isNotBlank();
      assertThat(s.summary()).as(s.id()).isNotBlank();
      assertThat(s.followUps()).as(s.id()).hasSizeBetween(2, 3).doesNotContain(s.id());
      assertThat(s.examples()).as(s.id()).hasSizeGreaterThan(20);
      assertThat(s.keywords()).as(s.id()).isNotEmpty();
      assertThat(s.blocks()).as(s.id()).isNotEmpty();
    }
  }

  @Test
  void builtIn_needBothIsSectionSevenWithTheJourneyAnswerAsASpokenQuote() throws ContentException {
    Section needBoth = GuideLoader.builtIn().section("need-both").orElseThrow();

    assertThat(needBoth.heading())
        .startsWith("7\uFE0F\u20E3 Address the Common Customer Confusion");
    assertThat(needBoth.blocks())
        .filteredOn(b -> b instanceof Block.Quote)
        .extracting(Block::plainText)
        .contains(
            "“Most enterprises start with Bedrock to prove value quickly.\n"
                + "As maturity grows, SageMaker comes in where deeper customization or governance"
                + " is required.”");
  }

  @Test
  void builtIn_stageTableIsATable() throws ContentException {
    Section notCompeting = GuideLoader.builtIn().section("not-competing").orElseThrow();

    Block.Table table =
        notCompeting.blocks().stream()
            .filter(b -> b instanceof Block.Table)
            .map(b -> (Block.Table) b)
            .findFirst()
            .orElseThrow();
    assertThat(table.header()).containsExactly("Stage", "Service");
    assertThat(table.rows())
        .containsExactly(
            List.of("Use AI quickly", "Bedrock"),
            List.of("Customize & evolve AI", "SageMaker"),
            List.of("Production GenAI apps", "Bedrock"),
            List.of("Training & data science", "SageMaker"));
  }

  /**
   * The bot answers in the customer's words: every word of the seed script is in the guide, in
   * order, with only the broken keycap headings mended.
   */
  @Test
  void builtIn_containsTheWholeSeedScriptVerbatim() throws ContentException, IOException {
    String seed;
    try (InputStream in = getClass().getResourceAsStream("/seed/bedrock-vs-sagemaker-guide.md")) {
      seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String guideText = guideWords(GuideLoader.builtIn());

    List<String> seedWords = words(seed.replace("\uFE0F ", "\uFE0F\u20E3 "));
    assertThat(String.join(" ", seedWords)).isEqualTo(guideText);
  }

  private static String guideWords(Guide guide) {
    List<String> words = new ArrayList<>();
    for (Section s : guide.sections()) {
      words.addAll(words(s.heading()));
      for (Block b : s.blocks()) {
        words.addAll(words(b.plainText()));
      }
    }
    return String.join(" ", words);
  }

  /** The words of Markdown or plain text, without Markdown syntax and table rules. */
  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w :
        text.replaceAll("(?m)^\\s*#+ ", " ")
            .replaceAll("(?m)^\\s*[>*] ?", " ")
            .replaceAll("\\*", "")
            .replaceAll("\\|", " ")
            .replaceAll("-{3,}", " ")
            .split("\\s+")) {
      if (!w.isBlank()) {
        out.add(w);
      }
    }
    return out;
  }
}
