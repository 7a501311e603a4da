package dev.genaipitch.slack;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * What a button needs when it is clicked, carried in its {@code value}: a click on an ephemeral
 * message arrives without the message, so the button itself says which entry to open, the question
 * to echo, and where the message lives.
 *
 * @param intent what to open: a section id, {@code help}, {@code none}, or an answer's {@code ref}
 *     (its sections and key line, so that "Post in channel" shares the answer that was previewed)
 * @param question the asker's words (already cut to {@link BlockKit#MAX_ECHO}), or empty
 * @param surface where the clicked message lives, which decides how the click is answered
 */
record Click(String intent, String question, Surface surface) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

  /** Where a message lives. */
  enum Surface {
    /** The ephemeral preview shown to the asker: clicks answer in place. */
    PREVIEW("p"),
    /**
     * A message everyone in a channel or thread sees: clicks open a private preview for the
     * clicker.
     */
    VISIBLE("c"),
    /** A message in the bot's direct messages: clicks answer in place. */
    DIRECT("d"),
    /** The App Home tab: clicks republish the tab. */
    HOME("h");

    final String code;

    Surface(String code) {
      this.code = code;
    }

    static Optional<Surface> of(String code) {
      for (Surface s : values()) {
        if (s.code.equals(code)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The button's value: {@code {"i":...,"q":...,"s":...}} ({@code q} only when there is a
   * question), written straight out with Jackson's string escaping rather than built as a tree and
   * serialized, since every answer carries several buttons. Not with a generator of its own either:
   * inside the generator writing the reply, a second one found the thread's text buffer taken and
   * allocated a new 4 KiB one for every button.
   */
  String encode() {
    StringBuilder out = new StringBuilder(24 + intent.length() + question.length());
    out.append("{\"i\":\"");
    QUOTE.quoteAsString(intent, out);
    if (!question.isEmpty()) {
      out.append("\",\"q\":\"");
      QUOTE.quoteAsString(question, out);
    }
    out.append("\",\"s\":\"");
    QUOTE.quoteAsString(surface.code, out);
    return out.append("\"}").toString();
  }

  /** The click a button value describes; empty when the value is not one of ours. */
  static Optional<Click> decode(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(value);
      if (node == null || !node.isObject() || !node.path("i").isTextual()) {
        return Optional.empty();
      }
      String question = node.path("q").isTextual() ? node.path("q").asText() : "";
      return Surface.of(node.path("s").asText(""))
          .map(
              s ->
                  new Click(
                      node.path("i").asText(), Mrkdwn.truncate(question, BlockKit.MAX_ECHO), s));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
