package dev.genaipitch.core;

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
}
