package dev.genaipitch.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Practice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rep's practice rounds, as any platform drives them. */
final class RehearsalTest {

  private static final String REP = "U123";
  private static final String STRONG_NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly, and as maturity grows"
          + " SageMaker comes in where deeper customization or governance is needed.";

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-05T09:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private Guide guide;
  private PracticeStore store;
  private Rehearsal rehearsal;

  @BeforeEach
  void setUp() throws ContentException {
    guide = GuideLoader.builtIn();
    store = PracticeStore.inMemory(100);
    rehearsal = Rehearsal.create(guide, store, clock, false);
  }

  @Test
  void start_newRep_asksTheFirstSectionsFirstPrompt() {
    PracticeQuestion q = rehearsal.start(REP).orElseThrow();

    assertThat(q.section()).isEqualTo("definitions");
    assertThat(q.prompt()).isEqualTo("So what is each one, in a sentence?");
    assertThat(q.attempt()).isEqualTo(1);
    assertThat(q.title()).isEqualTo(guide.section("definitions").orElseThrow().title());
  }

  @Test
  void answer_partial_coachesWithTheScriptsLinesForTheMissedPoints() {
    rehearsal.start(REP, "need-both");

    Coaching c = rehearsal.answer(REP, "Start with Bedrock, it proves value fast.").orElseThrow();

    assertThat(c.grade().level()).isEqualTo(Grade.Level.PARTIAL);
    assertThat(c.carried()).extracting(Coaching.ScriptLine::point).containsExactly("start-bedrock");
    assertThat(c.missed())
        .extracting(Coaching.ScriptLine::script)
        .contains(
            "As maturity grows, SageMaker comes in where deeper customization or governance is"
                + " required.");
    assertThat(c.choices())
        .containsExactly(
            Coaching.Choice.TRY_AGAIN, Coaching.Choice.NEXT_QUESTION, Coaching.Choice.SHOW_ANSWER);
  }

  @Test
  void answer_swapped_namesTheMistake() {
    rehearsal.start(REP, "need-both");

    Coaching c =
        rehearsal
            .answer(
                REP,
                "Most enterprises start with SageMaker to prove value quickly, and as maturity"
                    + " grows Bedrock comes in for deeper customization.")
            .orElseThrow();

    assertThat(c.grade().level()).isEqualTo(Grade.Level.OFF);
    assertThat(c.missed())
        .extracting(Coaching.ScriptLine::mistake)
        .contains(Grade.Mistake.Kind.SWAPPED);
  }

  @Test
  void answer_strong_offersTheNextQuestionFirst_andStillTheOtherTwo() {
    rehearsal.start(REP, "need-both");

    Coaching c = rehearsal.answer(REP, STRONG_NEED_BOTH).orElseThrow();

    assertThat(c.grade().level()).isEqualTo(Grade.Level.STRONG);
    assertThat(c.missed()).isEmpty();
    assertThat(c.choices())
        .containsExactly(
            Coaching.Choice.NEXT_QUESTION, Coaching.Choice.TRY_AGAIN, Coaching.Choice.SHOW_ANSWER);
    assertThat(c.nextSection()).isEqualTo("definitions");
  }

  @Test
  void tryAgain_asksTheSameQuestionAgain_asTheNextAttempt() {
    PracticeQuestion first = rehearsal.start(REP, "analogy").orElseThrow();
    rehearsal.answer(REP, "Bedrock is RDS.");

    PracticeQuestion again = rehearsal.tryAgain(REP).orElseThrow();

    assertThat(again.section()).isEqualTo("analogy");
    assertThat(again.prompt()).isEqualTo(first.prompt());
    assertThat(again.attempt()).isEqualTo(2);
  }

  @Test
  void next_movesToTheWeakestOtherSection_neverPractisedFirst() {
    rehearsal.start(REP, "definitions");
    rehearsal.answer(REP, "no idea");

    PracticeQuestion next = rehearsal.next(REP).orElseThrow();

    assertThat(next.section()).isEqualTo("analogy");
  }

  @Test
  void next_afterEverySectionWasPractised_picksOffBeforePartialBeforeStrong() {
    for (String section : grader().sections()) {
      String grade =
          switch (section) {
            case "analogy" -> "partial";
            case "when-sagemaker" -> "off";
            default -> "strong";
          };
      store.update(
          REP,
          s ->
              s.withRecord(
                  new PracticeState.SectionRecord(section, 1, grade, 0.5, now.get(), null)));
      now.set(now.get().plus(Duration.ofMinutes(1)));
    }

    assertThat(rehearsal.progress(REP).next()).isEqualTo("when-sagemaker");
    assertThat(rehearsal.start(REP).orElseThrow().section()).isEqualTo("when-sagemaker");
    assertThat(rehearsal.next(REP).orElseThrow().section()).isEqualTo("analogy");
  }

  @Test
  void next_amongEqualGrades_picksThePractisedLongestAgo() {
    for (String section : List.of("need-both", "analogy", "definitions")) {
      rehearsal.start(REP, section);
      rehearsal.answer(REP, "no idea at all");
      now.set(now.get().plus(Duration.ofMinutes(1)));
    }
    for (String section : grader().sections()) {
      if (!List.of("need-both", "analogy", "definitions").contains(section)) {
        rehearsal.start(REP, section);
        rehearsal.answer(REP, "no idea at all");
      }
    }

    assertThat(rehearsal.progress(REP).next()).isEqualTo("need-both");
  }

  @Test
  void start_sectionPractisedBefore_asksItsNextPrompt() {
    rehearsal.start(REP, "need-both");
    rehearsal.answer(REP, STRONG_NEED_BOTH);

    PracticeQuestion second = rehearsal.start(REP, "need-both").orElseThrow();

    assertThat(second.prompt())
        .isEqualTo(guide.practice().set("need-both").orElseThrow().prompts().get(1));
  }

  @Test
  void answer_withoutAnOpenRound_isEmpty() {
    assertThat(rehearsal.answer(REP, "Bedrock first")).isEmpty();
    assertThat(rehearsal.tryAgain(REP)).isEmpty();
    assertThat(rehearsal.showAnswer(REP)).isEmpty();
  }

  @Test
  void showAnswer_listsEveryKeyPointInTheScriptsWords() {
    rehearsal.start(REP, "not-competing");

    ScriptAnswer answer = rehearsal.showAnswer(REP).orElseThrow();

    assertThat(answer.lines())
        .extracting(Coaching.ScriptLine::script)
        .containsExactly(
            "Bedrock and SageMaker are not competing services.",
            "They solve two different stages of the AI journey.",
            "Use AI quickly: Bedrock. Customize & evolve AI: SageMaker. Production GenAI apps:"
                + " Bedrock. Training & data science: SageMaker.");
  }

  @Test
  void progress_remembersTheLastGradePerSection() {
    rehearsal.start(REP, "need-both");
    rehearsal.answer(REP, "no clue");
    rehearsal.tryAgain(REP);
    rehearsal.answer(REP, STRONG_NEED_BOTH);

    Progress.Section needBoth =
        rehearsal.progress(REP).sections().stream()
            .filter(s -> s.section().equals("need-both"))
            .findFirst()
            .orElseThrow();

    assertThat(needBoth.lastGrade()).isEqualTo("strong");
    assertThat(needBoth.rounds()).isEqualTo(2);
  }

  @Test
  void answers_areNotStored_unlessKeepAnswers() {
    rehearsal.start(REP, "need-both");
    rehearsal.answer(REP, STRONG_NEED_BOTH);

    PracticeState.SectionRecord record = store.get(REP).sections().get("need-both");
    assertThat(record.lastGrade()).isEqualTo("strong");
    assertThat(record.lastAnswer()).isNull();
    assertThat(store.get(REP).toString()).doesNotContain("prove value");
  }

  @Test
  void answers_areStored_withKeepAnswers() {
    Rehearsal keeping = Rehearsal.create(guide, store, clock, true);
    keeping.start(REP, "need-both");
    keeping.answer(REP, STRONG_NEED_BOTH);

    assertThat(store.get(REP).sections().get("need-both").lastAnswer()).isEqualTo(STRONG_NEED_BOTH);
  }

  @Test
  void reps_practiseApart() {
    rehearsal.start("alice", "analogy");
    rehearsal.start("bob", "need-both");

    assertThat(rehearsal.answer("alice", "Bedrock is like RDS").orElseThrow().question().section())
        .isEqualTo("analogy");
    assertThat(rehearsal.answer("bob", STRONG_NEED_BOTH).orElseThrow().grade().level())
        .isEqualTo(Grade.Level.STRONG);
  }

  @Test
  void replaceGuide_withoutPracticeContent_dropsTheOpenRoundAndStartsNothing() {
    rehearsal.start(REP, "need-both");

    rehearsal.replaceGuide(
        new Guide(
            guide.sections(),
            guide.help(),
            guide.none(),
            guide.synonyms(),
            "edited",
            Practice.NONE));

    assertThat(rehearsal.answer(REP, STRONG_NEED_BOTH)).isEmpty();
    assertThat(rehearsal.start(REP)).isEmpty();
    assertThat(rehearsal.start(REP, "need-both")).isEmpty();
  }

  @Test
  void start_unknownSection_isEmpty() {
    assertThat(rehearsal.start(REP, "opening")).isEmpty();
  }

  @Test
  void inMemoryStore_dropsTheLeastRecentlyActiveRepBeyondCapacity() {
    PracticeStore small = PracticeStore.inMemory(2);
    Rehearsal r = Rehearsal.create(guide, small, clock, false);
    r.start("a", "analogy");
    r.start("b", "analogy");
    r.start("a", "need-both");
    r.start("c", "analogy");

    assertThat(small.get("a").openRound()).isPresent();
    assertThat(small.get("b")).isEqualTo(PracticeState.EMPTY);
  }

  private AnswerGrader grader() {
    return rehearsal.grader();
  }

  @Test
  void answerAt_thePlaceTheQuestionWasAsked_isGradedOnce() {
    rehearsal.start(REP, "need-both", "slack:thread:C1:1.2");

    assertThat(rehearsal.answerAt(REP, "slack:thread:C1:1.2", STRONG_NEED_BOTH))
        .map(c -> c.grade().level())
        .contains(Grade.Level.STRONG);
    assertThat(rehearsal.answerAt(REP, "slack:thread:C1:1.2", "and another thing")).isEmpty();
  }

  @Test
  void answerAt_anotherPlace_isNotAnAnswer() {
    rehearsal.start(REP, "need-both", "slack:thread:C1:1.2");

    assertThat(rehearsal.answerAt(REP, "slack:thread:C1:9.9", STRONG_NEED_BOTH)).isEmpty();
    assertThat(rehearsal.answerAt("U-someone-else", "slack:thread:C1:1.2", STRONG_NEED_BOTH))
        .isEmpty();
    assertThat(rehearsal.progress(REP).sections()).allSatisfy(s -> assertThat(s.rounds()).isZero());
  }

  @Test
  void answerAt_beforeThePlaceIsKnown_isNotAnAnswer_andAfterAskedAtItIs() {
    rehearsal.start(REP, "need-both", null);
    assertThat(rehearsal.answerAt(REP, "slack:thread:C1:1.2", STRONG_NEED_BOTH)).isEmpty();

    rehearsal.askedAt(REP, "slack:thread:C1:1.2");

    assertThat(rehearsal.answerAt(REP, "slack:thread:C1:1.2", STRONG_NEED_BOTH)).isPresent();
  }

  @Test
  void tryAgainAndNext_askAgainWhereTheRoundWas() {
    rehearsal.start(REP, "need-both", "teams:chat-1");
    rehearsal.answerAt(REP, "teams:chat-1", "Start with Bedrock.");

    PracticeQuestion again = rehearsal.tryAgain(REP).orElseThrow();
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(rehearsal.answerAt(REP, "teams:chat-1", STRONG_NEED_BOTH))
        .map(c -> c.grade().level())
        .contains(Grade.Level.STRONG);

    PracticeQuestion next = rehearsal.next(REP).orElseThrow();
    assertThat(next.section()).isNotEqualTo("need-both");
    assertThat(rehearsal.answerAt(REP, "teams:chat-1", "Bedrock is managed.")).isPresent();
  }

  @Test
  void startWithoutASection_opensTheWeakestThere() {
    PracticeQuestion q = rehearsal.start(REP, null, "playground:s1").orElseThrow();

    assertThat(q.section()).isEqualTo("definitions");
    assertThat(rehearsal.start(REP, "no-such-section", "playground:s1")).isEmpty();
  }

  @Test
  void answer_inTheTerminal_isGradedWhereverTheRoundWasAsked() {
    rehearsal.start(REP, "need-both", "slack:dm");

    assertThat(rehearsal.answer(REP, STRONG_NEED_BOTH)).isPresent();
    assertThat(rehearsal.answer(REP, STRONG_NEED_BOTH)).isPresent();
  }
}
