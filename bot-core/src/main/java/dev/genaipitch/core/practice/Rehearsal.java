package dev.genaipitch.core.practice;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.KeyPoint;
import dev.genaipitch.core.content.PracticeSet;
import dev.genaipitch.core.content.Section;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Practice rounds, independent of any chat platform: the bot asks as a customer would, the rep
 * answers, the bot grades the answer against the script's key points and coaches. Slack, Teams, the
 * playground and the terminal all call this and only render what it returns, as they do with {@link
 * dev.genaipitch.core.PitchBot} for questions.
 *
 * <p>A rep is any stable string the platform gives (a Slack user id, a Teams user id, "cli").
 * Thread-safe; {@link #replaceGuide} swaps content atomically. Answers are stored only when built
 * with {@code keepAnswers}.
 */
public final class Rehearsal {

  private record Loaded(Guide guide, AnswerGrader grader) {}

  private static final List<String> WEAKEST_FIRST = List.of("off", "partial", "strong");

  private final AtomicReference<Loaded> loaded;
  private final PracticeStore store;
  private final Clock clock;
  private final boolean keepAnswers;

  private Rehearsal(Guide guide, PracticeStore store, Clock clock, boolean keepAnswers) {
    this.loaded = new AtomicReference<>(load(guide));
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keepAnswers = keepAnswers;
  }

  /**
   * Rounds from {@code guide}'s practice content, state in {@code store}.
   *
   * @param keepAnswers whether a rep's latest answer in each section is stored with the grade
   */
  public static Rehearsal create(
      Guide guide, PracticeStore store, Clock clock, boolean keepAnswers) {
    return new Rehearsal(guide, store, clock, keepAnswers);
  }

  private static Loaded load(Guide guide) {
    return new Loaded(guide, AnswerGrader.of(guide.practice()));
  }

  /** Practises {@code guide} from now on; open rounds on sections it no longer has are dropped. */
  public void replaceGuide(Guide guide) {
    loaded.set(load(guide));
  }

  /** The grader for the current content. */
  public AnswerGrader grader() {
    return loaded.get().grader();
  }

  /** Opens a round on the rep's weakest section; empty when the guide has no practice content. */
  public Optional<PracticeQuestion> start(String rep) {
    Loaded current = loaded.get();
    String section = weakest(current, store.get(rep), null);
    return section == null ? Optional.empty() : open(current, rep, section);
  }

  /** Opens a round on {@code section}; empty when that section cannot be practised. */
  public Optional<PracticeQuestion> start(String rep, String section) {
    return open(loaded.get(), rep, section);
  }

  /**
   * Opens a round whose answers come from {@code place} (see {@link #answerAt}): on {@code
   * section}, or on the rep's weakest when it is null. Empty when that section (or, with none, any)
   * cannot be practised. A platform that learns the place only once the question is posted passes
   * null and calls {@link #askedAt} then.
   */
  public Optional<PracticeQuestion> start(String rep, String section, String place) {
    Loaded current = loaded.get();
    String chosen = section != null ? section : weakest(current, store.get(rep), null);
    if (chosen == null) {
      return Optional.empty();
    }
    Optional<PracticeQuestion> question = open(current, rep, chosen);
    if (question.isPresent()) {
      store.update(rep, s -> s.round() == null ? s : s.withRound(s.round().at(place)));
    }
    return question;
  }

  /** Records where the rep's open round was asked: answers from there are graded. */
  public void askedAt(String rep, String place) {
    Objects.requireNonNull(place, "place");
    store.update(rep, s -> s.round() == null ? s : s.withRound(s.round().at(place)));
  }

  /** Moves on to the weakest section other than the current one (when there is another). */
  public Optional<PracticeQuestion> next(String rep) {
    Loaded current = loaded.get();
    PracticeState state = store.get(rep);
    String avoid = state.openRound().map(PracticeState.OpenRound::section).orElse(null);
    String section = weakest(current, state, avoid);
    return section == null ? Optional.empty() : open(current, rep, section);
  }

  /**
   * Asks the open round's question again, waiting for a new answer where it was asked; empty when
   * no round is open.
   */
  public Optional<PracticeQuestion> tryAgain(String rep) {
    Loaded current = loaded.get();
    if (openRound(current, store.get(rep)).isEmpty()) {
      return Optional.empty();
    }
    PracticeState after =
        store.update(rep, s -> s.round() == null ? s : s.withRound(s.round().asked()));
    return openRound(current, after).map(r -> question(current, r));
  }

  /**
   * Grades {@code answer} to the rep's open round; empty when no round is open (the platform then
   * offers to start one). Never throws for any text.
   */
  public Optional<Coaching> answer(String rep, String answer) {
    return grade(rep, null, answer);
  }

  /**
   * Grades {@code answer} when the rep's open round was asked at {@code place} and is waiting for
   * an answer (asked, or asked again with {@link #tryAgain} or {@link #next}); empty otherwise, and
   * then the message is not an answer (the platform treats it as it would without practice). One
   * answer per asking: a second message there is not graded until the question is asked again.
   */
  public Optional<Coaching> answerAt(String rep, String place, String answer) {
    return grade(rep, Objects.requireNonNull(place, "place"), answer);
  }

  private Optional<Coaching> grade(String rep, String place, String answer) {
    Loaded current = loaded.get();
    Optional<PracticeState.OpenRound> round =
        openRound(current, store.get(rep)).filter(r -> place == null || answerable(r, place));
    if (round.isEmpty()) {
      return Optional.empty();
    }
    PracticeState.OpenRound open = round.get();
    PracticeSet set = current.guide().practice().set(open.section()).orElseThrow();
    Grade grade = current.grader().grade(open.section(), answer).orElseThrow();
    Instant now = clock.instant();
    boolean[] graded = {false};
    PracticeState after =
        store.update(
            rep,
            s -> {
              // Checked again inside the atomic update: of two answers at once, one is graded.
              graded[0] =
                  s.round() != null
                      && s.round().section().equals(open.section())
                      && s.round().prompt() == open.prompt()
                      && (place == null || answerable(s.round(), place));
              if (!graded[0]) {
                return s;
              }
              PracticeState.OpenRound answered = s.round().answered();
              PracticeState.SectionRecord before = s.sections().get(open.section());
              int rounds = before == null ? 1 : before.rounds() + 1;
              return s.withRound(answered)
                  .withRecord(
                      new PracticeState.SectionRecord(
                          open.section(),
                          rounds,
                          grade.level().id(),
                          grade.score(),
                          now,
                          keepAnswers ? answer : null));
            });
    if (!graded[0]) {
      return Optional.empty();
    }
    Map<String, Grade.Mistake.Kind> mistakes = new java.util.HashMap<>();
    grade.mistakes().forEach(m -> mistakes.put(m.point(), m.kind()));
    List<Coaching.ScriptLine> carried = new ArrayList<>();
    List<Coaching.ScriptLine> missed = new ArrayList<>();
    for (KeyPoint p : set.points()) {
      Coaching.ScriptLine line = new Coaching.ScriptLine(p.id(), p.script(), mistakes.get(p.id()));
      (grade.carried().contains(p.id()) ? carried : missed).add(line);
    }
    List<Coaching.Choice> choices =
        grade.level() == Grade.Level.STRONG
            ? List.of(
                Coaching.Choice.NEXT_QUESTION,
                Coaching.Choice.TRY_AGAIN,
                Coaching.Choice.SHOW_ANSWER)
            : List.of(
                Coaching.Choice.TRY_AGAIN,
                Coaching.Choice.NEXT_QUESTION,
                Coaching.Choice.SHOW_ANSWER);
    String next = weakest(current, after, open.section());
    return Optional.of(
        new Coaching(question(current, open), grade, carried, missed, choices, next));
  }

  /** The script's answer to the open round's question; empty when no round is open. */
  public Optional<ScriptAnswer> showAnswer(String rep) {
    Loaded current = loaded.get();
    return openRound(current, store.get(rep))
        .map(
            r ->
                new ScriptAnswer(
                    question(current, r),
                    current.guide().practice().set(r.section()).orElseThrow().points().stream()
                        .map(p -> new Coaching.ScriptLine(p.id(), p.script(), null))
                        .toList()));
  }

  /** What the rep has practised, their last grade on each section, and what to practise next. */
  public Progress progress(String rep) {
    Loaded current = loaded.get();
    PracticeState state = store.get(rep);
    List<Progress.Section> sections = new ArrayList<>();
    for (PracticeSet set : current.guide().practice().sets()) {
      PracticeState.SectionRecord r = state.sections().get(set.section());
      sections.add(
          new Progress.Section(
              set.section(),
              title(current.guide(), set.section()),
              r == null ? 0 : r.rounds(),
              r == null ? null : r.lastGrade()));
    }
    return new Progress(sections, weakest(current, state, null));
  }

  private static boolean answerable(PracticeState.OpenRound round, String place) {
    return round.awaiting() && place.equals(round.place());
  }

  private Optional<PracticeState.OpenRound> openRound(Loaded current, PracticeState state) {
    return state.openRound().filter(r -> current.guide().practice().set(r.section()).isPresent());
  }

  private Optional<PracticeQuestion> open(Loaded current, String rep, String section) {
    Optional<PracticeSet> set = current.guide().practice().set(section);
    if (set.isEmpty()) {
      return Optional.empty();
    }
    int prompts = set.get().prompts().size();
    PracticeState after =
        store.update(
            rep,
            s -> {
              PracticeState.SectionRecord r = s.sections().get(section);
              int asked = r == null ? 0 : r.rounds();
              // A new question is asked where the last one was, unless the platform says otherwise.
              String place = s.round() == null ? null : s.round().place();
              return s.withRound(
                  new PracticeState.OpenRound(section, asked % prompts, 0, place, true));
            });
    return Optional.of(question(current, after.round()));
  }

  private static PracticeQuestion question(Loaded current, PracticeState.OpenRound round) {
    PracticeSet set = current.guide().practice().set(round.section()).orElseThrow();
    String prompt = set.prompts().get(Math.floorMod(round.prompt(), set.prompts().size()));
    return new PracticeQuestion(
        round.section(), title(current.guide(), round.section()), prompt, round.attempts() + 1);
  }

  private static String title(Guide guide, String section) {
    return guide.section(section).map(Section::title).orElse(section);
  }

  /**
   * The section to practise next: never practised first (in the guide's order), then off, then
   * partial, then strong; among equals, the one practised longest ago. {@code avoid} is skipped
   * when another section can be practised.
   */
  private static String weakest(Loaded current, PracticeState state, String avoid) {
    List<PracticeSet> sets = current.guide().practice().sets();
    List<String> ids = sets.stream().map(PracticeSet::section).toList();
    Comparator<String> order =
        Comparator.<String>comparingInt(
                id -> {
                  PracticeState.SectionRecord r = state.sections().get(id);
                  return r == null ? -1 : WEAKEST_FIRST.indexOf(r.lastGrade());
                })
            .thenComparing(
                id -> {
                  PracticeState.SectionRecord r = state.sections().get(id);
                  return r == null ? Instant.MIN : r.lastPractised();
                })
            .thenComparingInt(ids::indexOf);
    return ids.stream().filter(id -> ids.size() == 1 || !id.equals(avoid)).min(order).orElse(null);
  }
}
