package dev.genaipitch.core.content;

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
 * @param keywords words and phrases that point at this entry
 * @param examples questions in users' words that this entry answers
 * @param source the file it came from
 */
public record Section(
    String id,
    String title,
    String summary,
    String heading,
    List<Block> blocks,
    List<String> followUps,
    List<String> keywords,
    List<String> examples,
    String source) {

  public Section {
    blocks = List.copyOf(blocks);
    followUps = List.copyOf(followUps);
    keywords = List.copyOf(keywords);
    examples = List.copyOf(examples);
  }

  public Topic topic() {
    return new Topic(id, title, summary);
  }
}
