package dev.genaipitch.core.practice;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a rep's answer in a practice round compares with the script's key points.
 *
 * @param section the section practised
 * @param level strong, partial or off
 * @param score 0 to 1: the share of the key points carried, halved for each mistake
 * @param carried ids of the key points the answer carries correctly, in the script's order
 * @param missed ids of the others (absent or wrong), in the script's order
 * @param mistakes what the answer gets wrong, point by point
 */
public record Grade(
    String section,
    Level level,
    double score,
    List<String> carried,
    List<String> missed,
    List<Mistake> mistakes) {

  public Grade {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(level, "level");
    carried = List.copyOf(carried);
    missed = List.copyOf(missed);
    mistakes = List.copyOf(mistakes);
  }

  /** The three grades a coach gives. */
  public enum Level {
    /** Every key point carried, correctly. */
    STRONG,
    /** Some key points, or vague, or one minor error. */
    PARTIAL,
    /** Wrong, contradicts the script, the services swapped, or empty. */
    OFF;

    /** The grade as the {@code grade} command writes it: strong, partial or off. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Something an answer gets wrong about one key point.
   *
   * @param point the key point's id
   * @param kind what went wrong
   */
  public record Mistake(String point, Kind kind) {

    /** Kinds of mistake. */
    public enum Kind {
      /** Said of the other service (Bedrock where the script says SageMaker, or the reverse). */
      SWAPPED,
      /** The point is there, but negated ("you don't need to start with Bedrock"). */
      NEGATED,
      /** A claim the script contradicts (a wrong example, a wrong mapping). */
      CONTRADICTED
    }
  }
}
