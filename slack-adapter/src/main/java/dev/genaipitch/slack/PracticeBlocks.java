package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.Grade;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.ScriptAnswer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Practice rounds as Block Kit: the customer's question, the grade with the script's lines, the
 * script's answer. Everything shown is the core's; the buttons carry the place the round is in.
 */
final class PracticeBlocks {

  static final String TRY_AGAIN = "practice.again";
  static final String NEXT = "practice.next";
  static final String SHOW_ANSWER = "practice.answer";
  static final Pattern ACTION = Pattern.compile("^practice\\.(again|next|answer)$");

  private static final int MAX_SECTION_TEXT = 3000;
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,40}");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PracticeBlocks() {}

  /**
   * The customer's question.
   *
   * @param rep who is practising (named in a channel, where others see the round)
   * @param inThread whether answers are thread replies (in a channel) rather than messages (in a
   *     direct message)
   */
  static BlockKit.Message question(PracticeQuestion q, String rep, boolean inThread) {
    ArrayNode blocks = JSON.arrayNode();
    String attempt = q.attempt() > 1 ? " (try " + q.attempt() + ")" : "";
    blocks.add(header("Practice: " + q.title() + attempt));
    blocks.add(section("*Customer:* “" + Mrkdwn.escape(q.prompt()) + "”"));
    String who = rep != null && USER_ID.matcher(rep).matches() ? "<@" + rep + ">, reply" : "Reply";
    blocks.add(
        context(
            inThread
                ? who + " in this thread with your answer, in your own words."
                : "Reply here with your answer, in your own words."));
    return new BlockKit.Message("Customer: “" + q.prompt() + "”", blocks);
  }

  /** The grade, the points carried and missed in the script's words, and the three choices. */
  static BlockKit.Message coaching(Coaching c, String place, String nextTitle) {
    ArrayNode blocks = JSON.arrayNode();
    Grade g = c.grade();
    int points = c.carried().size() + c.missed().size();
    String verdict =
        switch (g.level()) {
          case STRONG -> ":large_green_circle: *Strong*: every key point, carried correctly.";
          case PARTIAL ->
              ":large_yellow_circle: *Partial*: "
                  + c.carried().size()
                  + " of "
                  + points
                  + " key points carried.";
          case OFF -> ":red_circle: *Off*: " + offReason(c);
        };
    blocks.add(section(verdict));
    if (!c.carried().isEmpty()) {
      blocks.add(section("*Carried*\n" + lines(c.carried(), ":white_check_mark:")));
    }
    if (!c.missed().isEmpty()) {
      blocks.add(section("*Missed, in the script's words*\n" + lines(c.missed(), ":x:")));
    }
    ArrayNode buttons = JSON.arrayNode();
    for (Coaching.Choice choice : c.choices()) {
      buttons.add(
          switch (choice) {
            case TRY_AGAIN -> button("Try again", TRY_AGAIN, place, "primary");
            case NEXT_QUESTION ->
                button(
                    "Next question" + (nextTitle == null ? "" : ": " + nextTitle),
                    NEXT,
                    place,
                    g.level() == Grade.Level.STRONG ? "primary" : null);
            case SHOW_ANSWER -> button("Show the script's answer", SHOW_ANSWER, place, null);
          });
    }
    ObjectNode actions = JSON.objectNode();
    actions.put("type", "actions");
    actions.put("block_id", "practice");
    actions.set("elements", buttons);
    blocks.add(actions);
    return new BlockKit.Message(
        "Grade: " + g.level().id() + " (" + c.carried().size() + " of " + points + " key points)",
        blocks);
  }

  /** Every key point in the script's words. */
  static BlockKit.Message scriptAnswer(ScriptAnswer a) {
    ArrayNode blocks = JSON.arrayNode();
    blocks.add(section("*The script's answer* (" + Mrkdwn.escape(a.question().title()) + ")"));
    StringBuilder quote = new StringBuilder();
    for (Coaching.ScriptLine l : a.lines()) {
      quote.append("> ").append(Mrkdwn.escape(l.script())).append('\n');
    }
    blocks.add(section(quote.toString().strip()));
    return new BlockKit.Message("The script's answer: " + a.question().title(), blocks);
  }

  /** A short line, such as why a click did nothing. */
  static BlockKit.Message note(String mrkdwn) {
    ArrayNode blocks = JSON.arrayNode();
    blocks.add(section(mrkdwn));
    return new BlockKit.Message(mrkdwn, blocks);
  }

  private static String offReason(Coaching c) {
    boolean mistaken = c.missed().stream().anyMatch(l -> l.mistake() != null);
    return mistaken
        ? "the answer gets the script wrong (see below)."
        : "none of the key points came through.";
  }

  private static String lines(List<Coaching.ScriptLine> lines, String mark) {
    StringBuilder out = new StringBuilder();
    for (Coaching.ScriptLine l : lines) {
      out.append(mark).append(' ').append(Mrkdwn.escape(l.script()));
      if (l.mistake() != null) {
        out.append(" _(")
            .append(
                switch (l.mistake()) {
                  case SWAPPED -> "you said it of the other service";
                  case NEGATED -> "you negated it";
                  case CONTRADICTED -> "you said something the script contradicts";
                })
            .append(")_");
      }
      out.append('\n');
    }
    return Mrkdwn.truncate(out.toString().strip(), MAX_SECTION_TEXT);
  }

  private static ObjectNode button(String text, String actionId, String place, String style) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "button");
    node.set("text", BlockKit.plain(Mrkdwn.truncate(text, 75)));
    node.put("action_id", actionId);
    node.put("value", place);
    if (style != null) {
      node.put("style", style);
    }
    return node;
  }

  private static ObjectNode header(String text) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "header");
    node.set("text", BlockKit.plain(Mrkdwn.truncate(text, 150)));
    return node;
  }

  private static ObjectNode section(String mrkdwn) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "section");
    node.set("text", BlockKit.mrkdwn(Mrkdwn.truncate(mrkdwn, MAX_SECTION_TEXT)));
    return node;
  }

  private static ObjectNode context(String mrkdwn) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "context");
    node.putArray("elements").add(BlockKit.mrkdwn(mrkdwn));
    return node;
  }
}
