package dev.genaipitch.teams;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.Block;
import dev.genaipitch.core.Inline;
import dev.genaipitch.core.Part;
import dev.genaipitch.core.Topic;
import dev.genaipitch.core.UserWords;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.teams.AdaptiveCard.ActionSet;
import dev.genaipitch.teams.AdaptiveCard.Cell;
import dev.genaipitch.teams.AdaptiveCard.Column;
import dev.genaipitch.teams.AdaptiveCard.Container;
import dev.genaipitch.teams.AdaptiveCard.Element;
import dev.genaipitch.teams.AdaptiveCard.Fact;
import dev.genaipitch.teams.AdaptiveCard.FactSet;
import dev.genaipitch.teams.AdaptiveCard.RichTextBlock;
import dev.genaipitch.teams.AdaptiveCard.Row;
import dev.genaipitch.teams.AdaptiveCard.Submit;
import dev.genaipitch.teams.AdaptiveCard.Table;
import dev.genaipitch.teams.AdaptiveCard.TextBlock;
import dev.genaipitch.teams.AdaptiveCard.TextRun;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Draws an {@link Answer} as an Adaptive Card. Every word comes from the answer; the only text here
 * is the labels of the card's own controls.
 */
final class AnswerCards {

  /** Under the heading of a section's short form ({@link Answer#brief}). */
  static final String IN_BRIEF = "In brief: the whole section is one click away.";

  /** The button of a short form that opens the whole section. */
  static final String WHOLE_SECTION = "The whole section";

  private AnswerCards() {}

  /** The card for {@code answer}, with its plain text as the fallback for clients without cards. */
  static AdaptiveCard card(Answer answer) {
    List<Element> body = new ArrayList<>();
    body.add(TextBlock.of(Markdown.escape(answer.title())).size("Large").bolder());
    if (!answer.keyLine().isEmpty()) {
      body.add(
          new Container(
              List.of(
                  TextBlock.of("**The script says:** “" + Markdown.escape(answer.keyLine()) + "”")),
              "accent",
              null,
              "Small"));
    }
    body.add(TextBlock.of(Markdown.escape(answer.heading())).subtle().spacing("Small"));
    if (answer.brief()) {
      body.add(TextBlock.of(Markdown.escape(IN_BRIEF)).subtle().spacing("None"));
    }
    for (Block block : answer.blocks()) {
      addBlock(body, block);
    }
    for (Part part : answer.parts()) {
      body.add(
          TextBlock.of(Markdown.escape(part.heading())).bolder().size("Medium").spacing("Large"));
      for (Block block : part.blocks()) {
        addBlock(body, block);
      }
    }
    for (String notCovered : answer.notCovered()) {
      // The asker's words: literal text, never Markdown (a TextBlock would render their **, _,
      // lists and [links](…), and backslash escapes are not rendered alike by every client).
      body.add(
          new RichTextBlock(
              List.of(
                  new TextRun(
                      "Not in the script, so no answer here: “"
                          + UserWords.shown(notCovered.strip())
                          + "”",
                      true)),
              "Medium"));
    }
    switch (answer.kind()) {
      case SECTION -> {
        addButtons(body, "Did you mean…", answer.alternatives());
        addButtons(
            body,
            answer.brief() ? "More" : "Read next",
            answer.followUps().stream()
                .map(
                    t ->
                        answer.brief() && t.id().equals(answer.intent())
                            ? new Topic(t.id(), WHOLE_SECTION, t.summary())
                            : t)
                .toList());
        addFeedback(body, answer.intent());
      }
      case HELP -> addTopics(body, null, answer.menu());
      case NONE -> {
        addTopics(body, "Closest topics", answer.alternatives());
        body.add(
            new ActionSet(
                List.of(new Submit("All topics", new CardAction.Open(Guide.HELP))), "Small"));
        addFeedback(body, answer.intent());
      }
    }
    return AdaptiveCard.of(body, plainText(answer));
  }

  /**
   * The answer for clients that cannot render cards: its words, and for the menu and "not in the
   * script" the topics it offers.
   */
  static String plainText(Answer answer) {
    String text = answer.plainText();
    if (answer.menu().isEmpty()) {
      return text;
    }
    return text
        + "\n\n"
        + answer.menu().stream()
            .map(t -> "• " + t.title() + ": " + t.summary())
            .collect(Collectors.joining("\n"));
  }

  private static void addBlock(List<Element> body, Block block) {
    if (block instanceof Block.Heading heading) {
      body.add(
          TextBlock.of(Markdown.line(heading.text()))
              .bolder()
              .size(heading.level() <= 2 ? "Medium" : null)
              .spacing("Medium"));
    } else if (block instanceof Block.Paragraph paragraph) {
      List<List<Inline>> lines = Inline.lines(paragraph.text());
      for (int i = 0; i < lines.size(); i++) {
        TextBlock line = TextBlock.of(Markdown.line(lines.get(i)));
        body.add(i == 0 ? line : line.spacing("None"));
      }
    } else if (block instanceof Block.Quote quote) {
      // The lines to say out loud stand apart in a shaded box.
      List<Element> lines = new ArrayList<>();
      for (List<Inline> line : quote.lines()) {
        lines.add(TextBlock.of(Markdown.line(line)).spacing(lines.isEmpty() ? null : "None"));
      }
      body.add(new Container(lines, "emphasis", null, "Medium"));
    } else if (block instanceof Block.BulletList list) {
      for (int i = 0; i < list.items().size(); i++) {
        TextBlock item = TextBlock.of("• " + Markdown.inline(list.items().get(i)));
        body.add(i == 0 ? item : item.spacing("Small"));
      }
    } else if (block instanceof Block.Table table) {
      body.add(table(table));
    }
  }

  private static Table table(Block.Table table) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < table.header().size(); i++) {
      columns.add(new Column(1));
    }
    List<Row> rows = new ArrayList<>();
    rows.add(row(table.header(), true));
    for (List<String> cells : table.rows()) {
      rows.add(row(cells, false));
    }
    return new Table(columns, rows, true, true, "accent", tableFallback(table));
  }

  private static Row row(List<String> cells, boolean header) {
    List<Cell> out = new ArrayList<>();
    for (String cell : cells) {
      TextBlock text = TextBlock.of(Markdown.escape(cell));
      out.add(new Cell(List.of(header ? text.bolder() : text)));
    }
    return new Row(out);
  }

  /** Clients older than schema 1.5 show a fact set for two columns, plain rows otherwise. */
  private static Element tableFallback(Block.Table table) {
    if (table.header().size() == 2) {
      List<Fact> facts = new ArrayList<>();
      facts.add(
          new Fact(Markdown.escape(table.header().get(0)), Markdown.escape(table.header().get(1))));
      for (List<String> row : table.rows()) {
        facts.add(new Fact(Markdown.escape(cell(row, 0)), Markdown.escape(cell(row, 1))));
      }
      return new FactSet(facts);
    }
    List<Element> lines = new ArrayList<>();
    lines.add(TextBlock.of(Markdown.escape(String.join(" | ", table.header()))).bolder());
    for (List<String> row : table.rows()) {
      lines.add(TextBlock.of(Markdown.escape(String.join(" | ", row))).spacing("None"));
    }
    return new Container(lines, null, null, null);
  }

  private static String cell(List<String> row, int index) {
    return index < row.size() ? row.get(index) : "";
  }

  private static void addButtons(List<Element> body, String label, List<Topic> topics) {
    if (topics.isEmpty()) {
      return;
    }
    body.add(TextBlock.of(Markdown.escape(label)).subtle().spacing("Medium"));
    body.add(new ActionSet(topics.stream().map(AnswerCards::open).toList(), "Small"));
  }

  /** Topics as rows of title and summary; a click on a row opens the topic. */
  private static void addTopics(List<Element> body, String label, List<Topic> topics) {
    if (topics.isEmpty()) {
      return;
    }
    if (label != null) {
      body.add(TextBlock.of(Markdown.escape(label)).subtle().spacing("Medium"));
    }
    for (Topic topic : topics) {
      List<Element> items =
          List.of(
              TextBlock.of(Markdown.escape(topic.title())).bolder().color("Accent"),
              TextBlock.of(Markdown.escape(topic.summary())).subtle().spacing("None"));
      body.add(new Container(items, null, open(topic), "Small"));
    }
  }

  private static void addFeedback(List<Element> body, String intent) {
    body.add(
        new ActionSet(
            List.of(
                new Submit("Helpful 👍", new CardAction.Feedback(intent, true)),
                new Submit("Not helpful 👎", new CardAction.Feedback(intent, false))),
            "Large"));
  }

  private static Submit open(Topic topic) {
    return new Submit(topic.title(), new CardAction.Open(topic.id()));
  }
}
