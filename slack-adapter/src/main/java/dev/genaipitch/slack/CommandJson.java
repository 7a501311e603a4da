package dev.genaipitch.slack;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.Part;
import dev.genaipitch.core.Topic;
import dev.genaipitch.core.UserWords;
import dev.genaipitch.slack.Click.Surface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A slash command's answer written straight out as the UTF-8 bytes of its JSON: the same bytes as
 * {@link BlockKit}'s message with its {@code response_type} in front, written by {@link JsonReply},
 * without building the tree of nodes first and walking it, which a slash command's profile showed.
 * The layout is {@link BlockKit}'s, block for block (its preview and its in-channel answer); the
 * two must change together, which {@code CommandJsonTest} checks for every kind of answer.
 */
final class CommandJson {

  /** As {@link JsonReply} writes: an emoji in the asker's words goes out as its UTF-8 bytes. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private CommandJson() {}

  /** {@code {"response_type":"ephemeral", ...BlockKit.preview(answer, question, false)}}. */
  static byte[] preview(Answer answer, String question) {
    return write(
        "ephemeral",
        answer,
        () -> BlockKit.preview(answer, question, false),
        blocks -> {
          String echo = BlockKit.echo(question);
          if (!echo.isEmpty()) {
            blocks.context(List.of(userWords("You asked: “" + echo + "”")));
          }
          answerBlocks(blocks, answer, Surface.PREVIEW, echo);
        });
  }

  /** {@code {"response_type":"in_channel", ...BlockKit.visible(answer, sharedBy, question)}}. */
  static byte[] visible(Answer answer, String sharedBy, String question) {
    return write(
        "in_channel",
        answer,
        () -> BlockKit.visible(answer, sharedBy, question),
        blocks -> {
          if (sharedBy != null && BlockKit.USER_ID.matcher(sharedBy).matches()) {
            String echo = BlockKit.echo(question);
            Element by =
                new Element(
                    "mrkdwn", "Shared by <@" + sharedBy + ">" + (echo.isEmpty() ? "" : " ·"), true);
            blocks.context(echo.isEmpty() ? List.of(by) : List.of(by, userWords("“" + echo + "”")));
          }
          answerBlocks(blocks, answer, Surface.VISIBLE, "");
        });
  }

  private interface Body {
    void write(Blocks blocks) throws IOException;
  }

  /**
   * @param tree the same message as a tree, written as text in the one case the generator refuses
   *     (a lone surrogate in the text, which Slack's UTF-8 cannot carry): as it was before
   */
  private static byte[] write(
      String responseType, Answer answer, Supplier<BlockKit.Message> tree, Body body) {
    // As Jackson's own writeValueAsBytes: the buffers are the thread's, lent and given back.
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
      try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeStringField("response_type", responseType);
        g.writeStringField("text", Mrkdwn.escape(answer.title()));
        g.writeArrayFieldStart("blocks");
        body.write(new Blocks(g));
        g.writeEndArray();
        g.writeEndObject();
      }
      return bytes.getClearAndRelease();
    } catch (JsonProcessingException e) {
      ObjectNode text = JsonNodeFactory.instance.objectNode();
      text.put("response_type", responseType);
      text.setAll(tree.get().body());
      return text.toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    } finally {
      recycler.releaseToPool();
    }
  }

  private static void answerBlocks(Blocks blocks, Answer answer, Surface surface, String question)
      throws IOException {
    if (!answer.keyLine().isEmpty()) {
      blocks.section("*The script says:* “" + Mrkdwn.escape(answer.keyLine()) + "”", null);
    }
    blocks.header(answer.heading());
    if (answer.brief()) {
      blocks.context(BlockKit.IN_BRIEF);
    }
    blocks.raw(BlockKit.content(answer.blocks()));
    for (Part part : answer.parts()) {
      blocks.divider();
      blocks.header(part.heading());
      blocks.raw(BlockKit.content(part.blocks()));
    }
    for (String notCovered : answer.notCovered()) {
      blocks.context(
          List.of(
              userWords(
                  "Not in the script, so no answer here: “"
                      + Mrkdwn.truncate(notCovered.strip(), BlockKit.MAX_ECHO)
                      + "”")));
    }
    switch (answer.kind()) {
      case SECTION -> sectionActions(blocks, answer, surface, question);
      case HELP -> {
        blocks.divider();
        int n = 0;
        for (Topic topic : answer.menu()) {
          blocks.section(
              "*" + Mrkdwn.escape(topic.title()) + "*\n" + Mrkdwn.escape(topic.summary()),
              new Button(
                  "Open",
                  BlockKit.OPEN_PREFIX + "menu." + n++,
                  new Click(topic.id(), "", surface),
                  null));
        }
      }
      case NONE -> {
        List<Button> buttons = new ArrayList<>();
        int n = 0;
        for (Topic topic : answer.alternatives()) {
          buttons.add(
              new Button(
                  topic.title(),
                  BlockKit.OPEN_PREFIX + "closest." + n++,
                  new Click(topic.id(), "", surface),
                  null));
        }
        buttons.add(
            new Button(
                "All topics", BlockKit.OPEN_PREFIX + "all", new Click("help", "", surface), null));
        if (answer.alternatives().isEmpty()) {
          blocks.actions("none.menu", buttons);
        } else {
          blocks.context("Closest topics:");
          blocks.actions("none.closest", buttons);
        }
      }
    }
  }

  /** {@code BlockKit.sectionActions} on a preview or a visible message (never the Home tab). */
  private static void sectionActions(Blocks blocks, Answer answer, Surface surface, String question)
      throws IOException {
    List<Button> buttons = new ArrayList<>();
    if (surface == Surface.PREVIEW) {
      buttons.add(
          new Button(
              "Post in channel",
              BlockKit.POST_IN_CHANNEL,
              new Click(answer.ref(), question, surface),
              "primary"));
    }
    boolean didYouMean = !answer.alternatives().isEmpty();
    int n = 0;
    for (Topic topic : answer.followUps()) {
      if (didYouMean && offered(answer.alternatives(), topic.id())) {
        continue; // offered once, under "Did you mean"
      }
      buttons.add(
          new Button(
              BlockKit.nextLabel(answer, topic),
              BlockKit.OPEN_PREFIX + "next." + n++,
              new Click(topic.id(), "", surface),
              null));
    }
    if (!buttons.isEmpty()) {
      blocks.actions("answer.actions", buttons);
    }
    if (didYouMean) {
      List<Button> alternatives = new ArrayList<>();
      for (Topic topic : answer.alternatives()) {
        alternatives.add(
            new Button(
                topic.title(),
                BlockKit.OPEN_PREFIX + "alt." + n++,
                new Click(topic.id(), "", surface),
                null));
      }
      blocks.context("Did you mean:");
      blocks.actions("answer.did_you_mean", alternatives);
    }
    Click feedback = new Click(answer.ref(), question, surface);
    blocks.context("Helpful?");
    blocks.actions(
        "answer.feedback",
        List.of(
            new Button("👍", BlockKit.FEEDBACK_YES, feedback, null),
            new Button("👎", BlockKit.FEEDBACK_NO, feedback, null)));
  }

  private static boolean offered(List<Topic> alternatives, String id) {
    for (Topic alternative : alternatives) {
      if (alternative.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** {@code BlockKit.userWords}: a user's words as plain text. */
  private static Element userWords(String text) {
    return new Element("plain_text", Mrkdwn.escape(UserWords.shown(text)), false);
  }

  /** A text element of a context block: mrkdwn (maybe verbatim) or plain text with emoji. */
  private record Element(String type, String text, boolean verbatim) {}

  private record Button(String text, String actionId, Click click, String style) {}

  /** The message's blocks, as many as a message holds ({@code BlockKit.capped}). */
  private static final class Blocks {

    private final JsonGenerator g;
    private int written;

    Blocks(JsonGenerator g) {
      this.g = g;
    }

    /** Whether one more block fits. */
    private boolean room() {
      if (written >= BlockKit.MAX_MESSAGE_BLOCKS) {
        return false;
      }
      written++;
      return true;
    }

    void section(String mrkdwn, Button accessory) throws IOException {
      if (!room()) {
        return;
      }
      g.writeStartObject();
      g.writeStringField("type", "section");
      g.writeFieldName("text");
      mrkdwn(mrkdwn, false);
      if (accessory != null) {
        g.writeFieldName("accessory");
        button(accessory);
      }
      g.writeEndObject();
    }

    void header(String text) throws IOException {
      if (!room()) {
        return;
      }
      g.writeStartObject();
      g.writeStringField("type", "header");
      g.writeFieldName("text");
      plain(Mrkdwn.truncate(text.isBlank() ? " " : text, BlockKit.MAX_HEADER));
      g.writeEndObject();
    }

    /** The script's sections, already written as JSON ({@link BlockKit#content}). */
    void raw(List<JsonNode> content) throws IOException {
      for (JsonNode block : content) {
        if (!room()) {
          return;
        }
        g.writeRawValue(BlockKit.writtenText(block));
      }
    }

    void divider() throws IOException {
      if (!room()) {
        return;
      }
      g.writeStartObject();
      g.writeStringField("type", "divider");
      g.writeEndObject();
    }

    /** {@code BlockKit.context(String)}: one mrkdwn element. */
    void context(String mrkdwn) throws IOException {
      context(
          List.of(
              new Element("mrkdwn", Mrkdwn.truncate(mrkdwn, BlockKit.MAX_SECTION_TEXT), false)));
    }

    void context(List<Element> elements) throws IOException {
      if (!room()) {
        return;
      }
      g.writeStartObject();
      g.writeStringField("type", "context");
      g.writeArrayFieldStart("elements");
      for (Element e : elements) {
        if (e.type().equals("plain_text")) {
          plain(e.text());
        } else {
          mrkdwn(e.text(), e.verbatim());
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    void actions(String blockId, List<Button> buttons) throws IOException {
      if (!room()) {
        return;
      }
      g.writeStartObject();
      g.writeStringField("type", "actions");
      g.writeStringField("block_id", blockId);
      g.writeArrayFieldStart("elements");
      for (int i = 0; i < buttons.size() && i < BlockKit.MAX_ACTIONS; i++) {
        button(buttons.get(i));
      }
      g.writeEndArray();
      g.writeEndObject();
    }

    private void button(Button b) throws IOException {
      g.writeStartObject();
      g.writeStringField("type", "button");
      g.writeFieldName("text");
      plain(Mrkdwn.truncate(b.text(), BlockKit.MAX_BUTTON_TEXT));
      g.writeStringField("action_id", b.actionId());
      g.writeStringField("value", b.click().encode());
      if (b.style() != null) {
        g.writeStringField("style", b.style());
      }
      g.writeEndObject();
    }

    private void plain(String text) throws IOException {
      g.writeStartObject();
      g.writeStringField("type", "plain_text");
      g.writeStringField("text", text);
      g.writeBooleanField("emoji", true);
      g.writeEndObject();
    }

    private void mrkdwn(String text, boolean verbatim) throws IOException {
      g.writeStartObject();
      g.writeStringField("type", "mrkdwn");
      g.writeStringField("text", text);
      if (verbatim) {
        g.writeBooleanField("verbatim", true);
      }
      g.writeEndObject();
    }
  }
}
