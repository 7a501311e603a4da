package dev.genaipitch.teams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The subset of the Adaptive Card schema 1.5 this bot draws, as typed values that Jackson writes.
 * Optional properties are null and left out of the JSON.
 */
@JsonPropertyOrder({"type", "$schema", "version"})
record AdaptiveCard(List<Element> body, String fallbackText, MsTeams msteams) {

  static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
  static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

  /** The newest schema version that Teams renders on every client. */
  static final String VERSION = "1.5";

  AdaptiveCard {
    body = List.copyOf(body);
  }

  static AdaptiveCard of(List<Element> body, String fallbackText) {
    return new AdaptiveCard(body, fallbackText, new MsTeams("Full"));
  }

  @JsonProperty("type")
  String type() {
    return "AdaptiveCard";
  }

  @JsonProperty("$schema")
  String schema() {
    return SCHEMA;
  }

  @JsonProperty("version")
  String version() {
    return VERSION;
  }

  /** Teams-only card properties: {@code Full} width uses the whole message column. */
  record MsTeams(String width) {}

  /** A body element. */
  sealed interface Element permits TextBlock, RichTextBlock, Container, ActionSet, FactSet, Table {}

  /** Text; {@code text} is Adaptive Card markdown, already escaped. */
  @JsonPropertyOrder({"type", "text"})
  record TextBlock(
      String text,
      boolean wrap,
      String size,
      String weight,
      Boolean isSubtle,
      String color,
      String spacing)
      implements Element {

    static TextBlock of(String markdown) {
      return new TextBlock(markdown, true, null, null, null, null, null);
    }

    TextBlock size(String value) {
      return new TextBlock(text, wrap, value, weight, isSubtle, color, spacing);
    }

    TextBlock bolder() {
      return new TextBlock(text, wrap, size, "Bolder", isSubtle, color, spacing);
    }

    TextBlock subtle() {
      return new TextBlock(text, wrap, size, weight, true, color, spacing);
    }

    TextBlock color(String value) {
      return new TextBlock(text, wrap, size, weight, isSubtle, value, spacing);
    }

    TextBlock spacing(String value) {
      return new TextBlock(text, wrap, size, weight, isSubtle, color, value);
    }

    @JsonProperty("type")
    String type() {
      return "TextBlock";
    }
  }

  /**
   * Text shown exactly as written: Adaptive Cards render no Markdown in a {@code TextRun} (unlike a
   * {@link TextBlock}), so this is where a user's words go.
   */
  @JsonPropertyOrder({"type", "inlines"})
  record RichTextBlock(List<TextRun> inlines, String spacing) implements Element {
    RichTextBlock {
      inlines = List.copyOf(inlines);
    }

    @JsonProperty("type")
    String type() {
      return "RichTextBlock";
    }
  }

  /** A run of literal text in a {@link RichTextBlock}. */
  @JsonPropertyOrder({"type", "text"})
  record TextRun(String text, Boolean isSubtle) {
    @JsonProperty("type")
    String type() {
      return "TextRun";
    }
  }

  /**
   * A group of elements; {@code style} {@code emphasis} shades it, {@code selectAction} makes it
   * clickable.
   */
  @JsonPropertyOrder({"type"})
  record Container(List<Element> items, String style, Submit selectAction, String spacing)
      implements Element {
    Container {
      items = List.copyOf(items);
    }

    @JsonProperty("type")
    String type() {
      return "Container";
    }
  }

  /** A row of buttons. */
  @JsonPropertyOrder({"type"})
  record ActionSet(List<Submit> actions, String spacing) implements Element {
    ActionSet {
      actions = List.copyOf(actions);
    }

    @JsonProperty("type")
    String type() {
      return "ActionSet";
    }
  }

  /** Title/value pairs: the two-column table for clients without {@link Table}. */
  @JsonPropertyOrder({"type"})
  record FactSet(List<Fact> facts) implements Element {
    FactSet {
      facts = List.copyOf(facts);
    }

    @JsonProperty("type")
    String type() {
      return "FactSet";
    }
  }

  record Fact(String title, String value) {}

  /** A table (schema 1.5); {@code fallback} is what older clients show instead. */
  @JsonPropertyOrder({"type"})
  record Table(
      List<Column> columns,
      List<Row> rows,
      boolean firstRowAsHeader,
      boolean showGridLines,
      String gridStyle,
      Element fallback)
      implements Element {
    Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    @JsonProperty("type")
    String type() {
      return "Table";
    }
  }

  /** A column definition; {@code width} is relative. */
  record Column(int width) {}

  @JsonPropertyOrder({"type"})
  record Row(List<Cell> cells) {
    Row {
      cells = List.copyOf(cells);
    }

    @JsonProperty("type")
    String type() {
      return "TableRow";
    }
  }

  @JsonPropertyOrder({"type"})
  record Cell(List<Element> items) {
    Cell {
      items = List.copyOf(items);
    }

    @JsonProperty("type")
    String type() {
      return "TableCell";
    }
  }

  /**
   * A button that posts {@code data} back to the bot: in Teams the click arrives as a message
   * activity whose {@code value} is {@code data}.
   */
  @JsonPropertyOrder({"type", "title"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Submit(String title, CardAction data) {
    @JsonProperty("type")
    String type() {
      return "Action.Submit";
    }
  }
}
