package dev.genaipitch.core.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.genaipitch.core.Block;
import dev.genaipitch.core.Topic;
import java.util.List;

/**
 * One entry of the guide: a section of the script, or the {@code help} and {@code none} answers.
 *
 * @param id stable id (a contract: buttons, cards, analytics and evaluation use it)
 * @param title short title for buttons and menus
 * @param summary one line for menus
 * @param heading the script's heading for the text
 * @param blocks the script's words
 * @param followUps ids of sections worth opening next
 * @param companions ids of sections whose lines to say out loud are shown with this one (the front
 *     matter's {@code with}), such as the analogy with "do we need both?"
 * @param keywords words and phrases that point at this entry
 * @param examples questions in users' words that this entry answers
 * @param source the file it came from
 * @param relations what each kind of follow-up asks for right after this section (the front
 *     matter's {@code relations}), in the order written
 * @param parts parts of its text that other sections hold in full (the front matter's {@code
 *     parts}), in the order written
 * @param brief the section's short form (the front matter's {@code brief}): one or two of its own
 *     lines, word for word, shown alone when a conversation asks for the section shown "shorter";
 *     empty when it declares none
 */
public record Section(
    String id,
    String title,
    String summary,
    String heading,
    List<Block> blocks,
    List<String> followUps,
    List<String> companions,
    List<String> keywords,
    List<String> examples,
    String source,
    List<Relation> relations,
    List<SectionPart> parts,
    List<Block> brief) {

  /**
   * Each section's lines, split once: answering a question asks for them, and splitting the script
   * into sentences again for every answer showed in the profile of a slash command. Keyed by the
   * identity of the (immutable) block list, weakly, so a reloaded guide's sections take theirs
   * along when they go; a record cannot keep them in a field of its own.
   */
  private static final Cache<List<Block>, List<String>> LINES =
      Caffeine.newBuilder().weakKeys().build();

  public Section {
    blocks = List.copyOf(blocks);
    relations = List.copyOf(relations);
    parts = List.copyOf(parts);
    brief = List.copyOf(brief);
    followUps = List.copyOf(followUps);
    companions = List.copyOf(companions);
    keywords = List.copyOf(keywords);
    examples = List.copyOf(examples);
  }

  /** A section without relations to follow-ups. */
  public Section(
      String id,
      String title,
      String summary,
      String heading,
      List<Block> blocks,
      List<String> followUps,
      List<String> companions,
      List<String> keywords,
      List<String> examples,
      String source) {
    this(
        id,
        title,
        summary,
        heading,
        blocks,
        followUps,
        companions,
        keywords,
        examples,
        source,
        List.of(),
        List.of(),
        List.of());
  }

  /** The sections a follow-up of {@code kind} asks for right after this one; empty when none. */
  public List<String> related(String kind) {
    for (Relation r : relations) {
      if (r.kind().equals(kind)) {
        return r.sections();
      }
    }
    return List.of();
  }

  /**
   * The section's text as single lines: each sub-heading, bullet item, table row, and sentence of
   * its paragraphs and quotes, as a one-fact question is answered with one of them.
   */
  public List<String> lines() {
    return LINES.get(blocks, ScriptLines::of);
  }

  public Topic topic() {
    return new Topic(id, title, summary);
  }

  /** This entry with other example questions (for cross-validation folds). */
  public Section withExamples(List<String> newExamples) {
    return new Section(
        id,
        title,
        summary,
        heading,
        blocks,
        followUps,
        companions,
        keywords,
        newExamples,
        source,
        relations,
        parts,
        brief);
  }
}
