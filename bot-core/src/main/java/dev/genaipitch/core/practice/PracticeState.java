package dev.genaipitch.core.practice;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One rep's practice: the round they are in, if any, and what they did in each section. Immutable;
 * plain values only, so that a shared store can write it as JSON.
 *
 * @param round the open round, or null between rounds
 * @param sections section id to the rep's record there, in the order first practised
 */
public record PracticeState(OpenRound round, Map<String, SectionRecord> sections) {

  /** A rep who never practised. */
  public static final PracticeState EMPTY = new PracticeState(null, Map.of());

  public PracticeState {
    sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  public Optional<OpenRound> openRound() {
    return Optional.ofNullable(round);
  }

  PracticeState withRound(OpenRound next) {
    return new PracticeState(next, sections);
  }

  PracticeState withRecord(SectionRecord record) {
    Map<String, SectionRecord> next = new LinkedHashMap<>(sections);
    next.put(record.section(), record);
    return new PracticeState(round, next);
  }

  /**
   * A question asked and not yet moved on from.
   *
   * @param section the section practised
   * @param prompt which of the section's prompts was asked (an index into its prompts)
   * @param attempts answers given so far to this question
   * @param place where answers to it come from, as the platform names it (a Slack thread, a Teams
   *     chat, a playground session), or null for anywhere (the terminal)
   * @param awaiting whether the question is waiting for an answer: true once asked, false once an
   *     answer was graded, until it is asked again
   */
  public record OpenRound(
      String section, int prompt, int attempts, String place, boolean awaiting) {
    public OpenRound {
      Objects.requireNonNull(section, "section");
    }

    /** A round asked anywhere, waiting for its answer. */
    public OpenRound(String section, int prompt, int attempts) {
      this(section, prompt, attempts, null, true);
    }

    OpenRound at(String where) {
      return new OpenRound(section, prompt, attempts, where, awaiting);
    }

    OpenRound asked() {
      return new OpenRound(section, prompt, attempts, place, true);
    }

    OpenRound answered() {
      return new OpenRound(section, prompt, attempts + 1, place, false);
    }
  }

  /**
   * What a rep did in one section.
   *
   * @param section the section id
   * @param rounds answers graded in this section
   * @param lastGrade the grade of the latest answer: strong, partial or off
   * @param lastScore its score, 0 to 1
   * @param lastPractised when that answer was graded
   * @param lastAnswer the answer itself, only when answers are kept (PRACTICE_KEEP_ANSWERS); null
   *     otherwise
   */
  public record SectionRecord(
      String section,
      int rounds,
      String lastGrade,
      double lastScore,
      Instant lastPractised,
      String lastAnswer) {
    public SectionRecord {
      Objects.requireNonNull(section, "section");
      Objects.requireNonNull(lastGrade, "lastGrade");
      Objects.requireNonNull(lastPractised, "lastPractised");
    }
  }
}
