package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import dev.genaipitch.core.Part;
import dev.genaipitch.core.Topic;
import dev.genaipitch.core.UserWords;
import dev.genaipitch.slack.Click.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders the core's {@link Answer} as Block Kit. Every word comes from the answer (the guide's
 * content); the only words written here are short UI labels. All text placed in mrkdwn is escaped,
 * the script's as well as the user's.
 */
final class BlockKit {

  /** Action ids, matched by the listeners. */
  static final String POST_IN_CHANNEL = "post_in_channel";

  static final String OPEN_PREFIX = "open_topic.";
  static final String FEEDBACK_YES = "feedback.yes";
  static final String FEEDBACK_NO = "feedback.no";
  static final Pattern OPEN_ACTION = Pattern.compile("^open_topic\\..+$");
  static final Pattern FEEDBACK_ACTION = Pattern.compile("^feedback\\.(yes|no)$");

  /** Above a section's short form ({@link Answer#brief}). */
  static final String IN_BRIEF = "In brief: the whole section is one click away.";

  /** The button of a short form that opens the whole section. */
  static final String WHOLE_SECTION = "The whole section";

  /** The longest piece of the user's question echoed back or carried in a button. */
  static final int MAX_ECHO = 300;

  // Block Kit limits.
  static final int MAX_HEADER = 150;
  static final int MAX_BUTTON_TEXT = 75;
  static final int MAX_SECTION_TEXT = 3000;
  private static final int MAX_FIELDS = 10;
  static final int MAX_ACTIONS = 25;
  static final int MAX_MESSAGE_BLOCKS = 50;
  private static final int MAX_VIEW_BLOCKS = 100;
  static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,40}");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The script's sections as blocks, by the guide's list of blocks (see {@link #content}). */
  private static final Cache<List<Block>, List<JsonNode>> RENDERED =
      Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();

  private BlockKit() {}

  /** A rendered message: mrkdwn fallback text (notifications, screen readers) and blocks. */
  record Message(String text, ArrayNode blocks) {

    /** {@code {"blocks":[...]}}. */
    ObjectNode blocksOnly() {
      ObjectNode node = JSON.objectNode();
      node.set("blocks", blocks);
      return node;
    }

    /** {@code {"text":..., "blocks":[...]}} plus nothing else. */
    ObjectNode body() {
      ObjectNode node = JSON.objectNode();
      node.put("text", text);
      node.set("blocks", blocks);
      return node;
    }
  }

  /**
   * The ephemeral preview the asker sees first.
   *
   * @param question the asker's words, echoed escaped; empty when opened by a button
   * @param thanked whether feedback was given (the Helpful? buttons become a thank-you)
   */
  static Message preview(Answer answer, String question, boolean thanked) {
    List<JsonNode> blocks = new ArrayList<>();
    String echo = echo(question);
    if (!echo.isEmpty()) {
      blocks.add(context(List.of(userWords("You asked: “" + echo + "”"))));
    }
    blocks.addAll(answerBlocks(answer, Surface.PREVIEW, echo, thanked));
    return message(answer, blocks, MAX_MESSAGE_BLOCKS);
  }

  /**
   * The answer everyone in a channel or thread sees.
   *
   * @param sharedBy the user who shared it, or null for a reply to a mention
   * @param question the asker's words to echo with "Shared by", or empty
   */
  static Message visible(Answer answer, String sharedBy, String question) {
    List<JsonNode> blocks = new ArrayList<>();
    if (sharedBy != null && USER_ID.matcher(sharedBy).matches()) {
      String echo = echo(question);
      // The mention must be mrkdwn; the words beside it are plain text, which Slack never parses.
      ObjectNode by = mrkdwn("Shared by <@" + sharedBy + ">" + (echo.isEmpty() ? "" : " ·"));
      by.put("verbatim", true);
      blocks.add(context(echo.isEmpty() ? List.of(by) : List.of(by, userWords("“" + echo + "”"))));
    }
    blocks.addAll(answerBlocks(answer, Surface.VISIBLE, "", false));
    return message(answer, blocks, MAX_MESSAGE_BLOCKS);
  }

  /** The answer in the bot's direct messages. */
  static Message direct(Answer answer, String question, boolean thanked) {
    return message(
        answer, answerBlocks(answer, Surface.DIRECT, echo(question), thanked), MAX_MESSAGE_BLOCKS);
  }

  /**
   * The App Home tab: the opened entry (if any) above the topic menu and how to ask.
   *
   * @param opened the entry a Home button opened, or null
   * @param menu the topic menu ({@code PitchBot.menu()})
   */
  static ObjectNode home(Answer opened, Answer menu) {
    List<JsonNode> blocks = new ArrayList<>();
    if (opened != null && opened.kind() == Answer.Kind.SECTION) {
      blocks.addAll(answerBlocks(opened, Surface.HOME, "", false));
      blocks.add(divider());
    }
    blocks.addAll(answerBlocks(menu, Surface.HOME, "", false));
    blocks.add(
        context(
            "Ask in any channel with `/genai-pitch your question`, mention me in a thread, or send"
                + " me a direct message."));
    ObjectNode view = JSON.objectNode();
    view.put("type", "home");
    view.set("blocks", capped(blocks, MAX_VIEW_BLOCKS));
    return view;
  }

  /** A short ephemeral acknowledgement, such as the thanks for feedback on a visible message. */
  static Message note(String text) {
    return new Message(
        Mrkdwn.escape(text), capped(List.of(context(Mrkdwn.escape(text))), MAX_MESSAGE_BLOCKS));
  }

  private static Message message(Answer answer, List<JsonNode> blocks, int max) {
    return new Message(Mrkdwn.escape(answer.title()), capped(blocks, max));
  }

  static String echo(String question) {
    return Mrkdwn.truncate(question == null ? "" : question.strip(), MAX_ECHO);
  }

  private static List<JsonNode> answerBlocks(
      Answer answer, Surface surface, String question, boolean thanked) {
    List<JsonNode> blocks = new ArrayList<>();
    if (!answer.keyLine().isEmpty()) {
      blocks.add(section("*The script says:* “" + Mrkdwn.escape(answer.keyLine()) + "”"));
    }
    blocks.add(header(answer.heading()));
    if (answer.brief()) {
      blocks.add(context(IN_BRIEF));
    }
    blocks.addAll(content(answer.blocks()));
    for (Part part : answer.parts()) {
      blocks.add(divider());
      blocks.add(header(part.heading()));
      blocks.addAll(content(part.blocks()));
    }
    for (String notCovered : answer.notCovered()) {
      blocks.add(
          context(
              List.of(
                  userWords(
                      "Not in the script, so no answer here: “"
                          + Mrkdwn.truncate(notCovered.strip(), MAX_ECHO)
                          + "”"))));
    }
    switch (answer.kind()) {
      case SECTION -> sectionActions(answer, surface, question, thanked, blocks);
      case HELP -> {
        blocks.add(divider());
        int n = 0;
        for (Topic topic : answer.menu()) {
          ObjectNode section =
              section("*" + Mrkdwn.escape(topic.title()) + "*\n" + Mrkdwn.escape(topic.summary()));
          section.set(
              "accessory",
              button(
                  "Open", OPEN_PREFIX + "menu." + n++, new Click(topic.id(), "", surface), null));
          blocks.add(section);
        }
      }
      case NONE -> {
        List<ObjectNode> buttons = new ArrayList<>();
        int n = 0;
        for (Topic topic : answer.alternatives()) {
          buttons.add(
              button(
                  topic.title(),
                  OPEN_PREFIX + "closest." + n++,
                  new Click(topic.id(), "", surface),
                  null));
        }
        buttons.add(
            button("All topics", OPEN_PREFIX + "all", new Click("help", "", surface), null));
        if (answer.alternatives().isEmpty()) {
          blocks.add(actions("none.menu", buttons));
        } else {
          blocks.add(context("Closest topics:"));
          blocks.add(actions("none.closest", buttons));
        }
      }
    }
    return blocks;
  }

  private static void sectionActions(
      Answer answer, Surface surface, String question, boolean thanked, List<JsonNode> blocks) {
    List<ObjectNode> buttons = new ArrayList<>();
    if (surface == Surface.PREVIEW) {
      buttons.add(
          button(
              "Post in channel",
              POST_IN_CHANNEL,
              new Click(answer.ref(), question, surface),
              "primary"));
    }
    boolean didYouMean = !answer.alternatives().isEmpty() && surface != Surface.HOME;
    List<String> alternativeIds = answer.alternatives().stream().map(Topic::id).toList();
    int n = 0;
    for (Topic topic : answer.followUps()) {
      if (didYouMean && alternativeIds.contains(topic.id())) {
        continue; // offered once, under "Did you mean"
      }
      buttons.add(
          button(
              nextLabel(answer, topic),
              OPEN_PREFIX + "next." + n++,
              new Click(topic.id(), "", surface),
              null));
    }
    if (!buttons.isEmpty()) {
      blocks.add(actions("answer.actions", buttons));
    }
    if (didYouMean) {
      List<ObjectNode> alternatives = new ArrayList<>();
      for (Topic topic : answer.alternatives()) {
        alternatives.add(
            button(
                topic.title(),
                OPEN_PREFIX + "alt." + n++,
                new Click(topic.id(), "", surface),
                null));
      }
      blocks.add(context("Did you mean:"));
      blocks.add(actions("answer.did_you_mean", alternatives));
    }
    if (surface == Surface.HOME) {
      return;
    }
    if (thanked) {
      blocks.add(context("Thanks for the feedback."));
    } else {
      Click feedback = new Click(answer.ref(), question, surface);
      blocks.add(context("Helpful?"));
      blocks.add(
          actions(
              "answer.feedback",
              List.of(
                  button("👍", FEEDBACK_YES, feedback, null),
                  button("👎", FEEDBACK_NO, feedback, null))));
    }
  }

  /** A follow-up button's label: its title, or for a short form the way to its whole section. */
  static String nextLabel(Answer answer, Topic topic) {
    return answer.brief() && topic.id().equals(answer.intent()) ? WHOLE_SECTION : topic.title();
  }

  /**
   * The script's text as sections: consecutive text blocks share a section, separated by blank
   * lines, so the answer reads as one piece; a table gets a section of its own.
   */
  static List<JsonNode> content(List<Block> content) {
    // The guide's sections are few and answer every question: render each once (per guide; the
    // keys are weak and compare by identity) and keep it as its JSON text, which every message
    // shares and writes as it is (a raw value cannot be changed, so none needs a copy): the
    // script's text is most of an answer's bytes, and escaping it again for every answer showed
    // in the profile.
    return RENDERED.get(content, c -> render(c).stream().map(BlockKit::written).toList());
  }

  /** {@code node} as the JSON text it writes, written as it is wherever it is placed. */
  static JsonNode written(ObjectNode node) {
    return JSON.rawValueNode(new RawValue(node.toString()));
  }

  /** The JSON text a node of {@link #content} writes. */
  static String writtenText(JsonNode node) {
    if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
      return String.valueOf(raw.rawValue());
    }
    return node.toString();
  }

  static List<ObjectNode> render(List<Block> content) {
    List<ObjectNode> out = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (Block block : content) {
      if (block instanceof Block.Table t) {
        if (!pending.isEmpty()) {
          out.addAll(sections(String.join("\n\n", pending)));
          pending.clear();
        }
        out.addAll(table(t));
      } else {
        pending.add(text(block));
      }
    }
    if (!pending.isEmpty()) {
      out.addAll(sections(String.join("\n\n", pending)));
    }
    return out;
  }

  /** One block of the script as mrkdwn. */
  static String text(Block block) {
    if (block instanceof Block.Heading h) {
      return Mrkdwn.wrap("*", Mrkdwn.escape(Inline.plainText(h.text())));
    }
    if (block instanceof Block.Paragraph p) {
      return Mrkdwn.inline(p.text());
    }
    if (block instanceof Block.Quote q) {
      List<String> lines = new ArrayList<>();
      for (List<Inline> line : q.lines()) {
        for (String part : Mrkdwn.inline(line).split("\n", -1)) {
          lines.add(part.isBlank() ? ">" : "> " + part);
        }
      }
      return String.join("\n", lines);
    }
    if (block instanceof Block.BulletList l) {
      List<String> lines = new ArrayList<>();
      for (List<Inline> item : l.items()) {
        lines.add("• " + Mrkdwn.inline(item).replace("\n", "\n   "));
      }
      return String.join("\n", lines);
    }
    if (block instanceof Block.Table t) {
      return tableLines(t);
    }
    throw new IllegalArgumentException("unknown block " + block.getClass());
  }

  /**
   * A two-column table small enough becomes a section of fields, which Slack lays out as two
   * columns; anything else becomes aligned monospaced lines.
   */
  private static List<ObjectNode> table(Block.Table table) {
    int columns = table.header().size();
    if (columns == 2
        && (table.rows().size() + 1) * 2 <= MAX_FIELDS
        && table.rows().stream().allMatch(r -> r.size() == 2)) {
      ObjectNode section = JSON.objectNode();
      section.put("type", "section");
      ArrayNode fields = section.putArray("fields");
      for (String cell : table.header()) {
        fields.add(
            mrkdwn(
                Mrkdwn.truncate(
                    cell.isBlank() ? " " : "*" + Mrkdwn.escape(cell.strip()) + "*", 2000)));
      }
      for (List<String> row : table.rows()) {
        for (String cell : row) {
          fields.add(
              mrkdwn(Mrkdwn.truncate(cell.isBlank() ? " " : Mrkdwn.escape(cell.strip()), 2000)));
        }
      }
      return List.of(section);
    }
    return sections(tableLines(table));
  }

  /** A table as aligned monospaced lines. */
  private static String tableLines(Block.Table table) {
    List<List<String>> all = new ArrayList<>();
    all.add(table.header());
    all.addAll(table.rows());
    int[] widths = new int[all.stream().mapToInt(List::size).max().orElse(0)];
    for (List<String> row : all) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] =
            Math.max(widths[c], row.get(c).strip().codePointCount(0, row.get(c).strip().length()));
      }
    }
    StringBuilder sb = new StringBuilder("```");
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c).strip();
        line.append(cell);
        if (c < row.size() - 1) {
          line.append(" ".repeat(widths[c] - cell.codePointCount(0, cell.length()) + 2));
        }
      }
      sb.append(Mrkdwn.escape(line.toString().stripTrailing())).append('\n');
    }
    sb.setLength(sb.length() - 1);
    sb.append("```");
    return sb.toString();
  }

  /** Sections of at most 3000 characters, split at line breaks. */
  private static List<ObjectNode> sections(String text) {
    List<ObjectNode> out = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String piece = Mrkdwn.truncate(line, MAX_SECTION_TEXT);
      if (chunk.length() > 0 && chunk.length() + 1 + piece.length() > MAX_SECTION_TEXT) {
        out.add(section(chunk.toString()));
        chunk.setLength(0);
      }
      if (chunk.length() > 0) {
        chunk.append('\n');
      }
      chunk.append(piece);
    }
    if (!chunk.toString().isBlank()) {
      out.add(section(chunk.toString()));
    }
    return out;
  }

  private static ObjectNode section(String mrkdwn) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "section");
    node.set("text", mrkdwn(mrkdwn));
    return node;
  }

  private static ObjectNode header(String text) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "header");
    node.set("text", plain(Mrkdwn.truncate(text.isBlank() ? " " : text, MAX_HEADER)));
    return node;
  }

  private static ObjectNode context(String mrkdwn) {
    return context(List.of(mrkdwn(Mrkdwn.truncate(mrkdwn, MAX_SECTION_TEXT))));
  }

  private static ObjectNode context(List<ObjectNode> elements) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "context");
    ArrayNode array = node.putArray("elements");
    elements.forEach(array::add);
    return node;
  }

  /**
   * Text that carries a user's words (and at most a short label around them): {@code plain_text},
   * which Slack shows as typed, never as mrkdwn. Escaping alone cannot do that: mrkdwn has no
   * escape for {@code *}, {@code _}, {@code ~}, backticks or a {@code >} starting a line, and even
   * {@code verbatim} mrkdwn keeps formatting them. {@code &}, {@code <} and {@code >} are still
   * written as entities, as Slack asks of every text object (it shows them decoded), and control
   * characters are made visible ({@link UserWords#shown}).
   */
  private static ObjectNode userWords(String text) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "plain_text");
    node.put("text", Mrkdwn.escape(UserWords.shown(text)));
    node.put("emoji", true);
    return node;
  }

  private static ObjectNode divider() {
    ObjectNode node = JSON.objectNode();
    node.put("type", "divider");
    return node;
  }

  private static ObjectNode actions(String blockId, List<ObjectNode> elements) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "actions");
    node.put("block_id", blockId);
    ArrayNode array = node.putArray("elements");
    elements.stream().limit(MAX_ACTIONS).forEach(array::add);
    return node;
  }

  private static ObjectNode button(String text, String actionId, Click click, String style) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "button");
    node.set("text", plain(Mrkdwn.truncate(text, MAX_BUTTON_TEXT)));
    node.put("action_id", actionId);
    node.put("value", click.encode());
    if (style != null) {
      node.put("style", style);
    }
    return node;
  }

  /** A plain_text object (emoji shown as emoji). */
  static ObjectNode plain(String text) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "plain_text");
    node.put("text", text);
    node.put("emoji", true);
    return node;
  }

  /** A mrkdwn text object. */
  static ObjectNode mrkdwn(String text) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "mrkdwn");
    node.put("text", text);
    return node;
  }

  private static ArrayNode capped(List<? extends JsonNode> blocks, int max) {
    ArrayNode array = JSON.arrayNode();
    blocks.stream().limit(max).forEach(array::add);
    return array;
  }
}
