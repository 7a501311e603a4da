package dev.genaipitch.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of text with the script's emphasis kept: {@code strong} is the script's {@code **bold**},
 * {@code emphasis} its {@code *italic*}. Text may contain {@code '\n'} where the script breaks a
 * line.
 */
public record Inline(String text, boolean strong, boolean emphasis) {

  public Inline {
    Objects.requireNonNull(text, "text");
  }

  public static Inline plain(String text) {
    return new Inline(text, false, false);
  }

  /** The runs' text joined without markup. */
  public static String plainText(List<Inline> runs) {
    StringBuilder sb = new StringBuilder();
    for (Inline run : runs) {
      sb.append(run.text());
    }
    return sb.toString();
  }

  /**
   * The runs split where the script breaks a line, each line keeping its runs' styles; no empty
   * line.
   */
  public static List<List<Inline>> lines(List<Inline> runs) {
    List<List<Inline>> lines = new ArrayList<>();
    List<Inline> current = new ArrayList<>();
    for (Inline run : runs) {
      String[] parts = run.text().split("\n", -1);
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          lines.add(current);
          current = new ArrayList<>();
        }
        if (!parts[i].isEmpty()) {
          current.add(new Inline(parts[i], run.strong(), run.emphasis()));
        }
      }
    }
    lines.add(current);
    lines.removeIf(List::isEmpty);
    return lines;
  }
}
