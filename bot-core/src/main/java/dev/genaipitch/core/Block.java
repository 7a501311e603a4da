package dev.genaipitch.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One structural piece of an answer's text, as the script wrote it. Renderers switch over the
 * permitted records; none of them carries platform markup.
 */
public sealed interface Block {

  /** The block's words without markup, lines separated by {@code '\n'}. */
  String plainText();

  /** A sub-heading inside a section, such as "Typical Bedrock Use Cases". */
  record Heading(int level, List<Inline> text) implements Block {
    public Heading {
      text = List.copyOf(text);
    }

    @Override
    public String plainText() {
      return Inline.plainText(text);
    }
  }

  /** Running text. */
  record Paragraph(List<Inline> text) implements Block {
    public Paragraph {
      text = List.copyOf(text);
    }

    @Override
    public String plainText() {
      return Inline.plainText(text);
    }
  }

  /**
   * Lines the rep says out loud (the script's {@code >} quotes), one entry per line of the quote.
   * Renderers set these apart from running text.
   */
  record Quote(List<List<Inline>> lines) implements Block {
    public Quote {
      lines = lines.stream().map(List::copyOf).toList();
    }

    @Override
    public String plainText() {
      return lines.stream().map(Inline::plainText).collect(Collectors.joining("\n"));
    }
  }

  /** A bulleted list; each item is one line of inline runs. */
  record BulletList(List<List<Inline>> items) implements Block {
    public BulletList {
      items = items.stream().map(List::copyOf).toList();
    }

    @Override
    public String plainText() {
      return items.stream().map(Inline::plainText).collect(Collectors.joining("\n"));
    }
  }

  /** A table such as the script's stage table: a header row and body rows of plain cells. */
  record Table(List<String> header, List<List<String>> rows) implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }

    @Override
    public String plainText() {
      StringBuilder sb = new StringBuilder(String.join(" | ", header));
      for (List<String> row : rows) {
        sb.append('\n').append(String.join(" | ", row));
      }
      return sb.toString();
    }
  }
}
