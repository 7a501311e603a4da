package dev.genaipitch.bench;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Practice;
import dev.genaipitch.core.practice.AnswerGrader;
import dev.genaipitch.core.practice.Grade;
import dev.genaipitch.core.practice.GradedAnswer;
import dev.genaipitch.core.practice.GradingEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Grading one practice answer at a time, cycling through the development set's answers
 * (eval/graded/dev.jsonl) in a fixed shuffled order, so that the sampled distribution is per
 * answer. {@code off} switches one part of the grader off, to see what it costs; {@link #build} is
 * the grader's set-up for a guide (at start and on every reload). Run from the repository root.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class GradeBenchmark {

  /** A part of the grader to switch off ({@link AnswerGrader.Part}), or NONE. */
  @Param({"NONE"})
  public String off;

  private Practice practice;
  private AnswerGrader grader;
  private GradedAnswer[] answers;
  private int next;

  @Setup
  public void setUp() throws ContentException, IOException {
    practice = GuideLoader.builtIn().practice();
    grader =
        off.equals("NONE")
            ? AnswerGrader.of(practice)
            : AnswerGrader.without(practice, EnumSet.of(AnswerGrader.Part.valueOf(off)));
    List<GradedAnswer> all =
        new ArrayList<>(GradingEvaluation.read(Path.of("eval", "graded/dev.jsonl")));
    Collections.shuffle(all, new Random(14));
    answers = all.toArray(GradedAnswer[]::new);
  }

  @Benchmark
  public Grade gradeOneAnswer() {
    GradedAnswer a = answers[next];
    next = next + 1 == answers.length ? 0 : next + 1;
    return grader.grade(a.section(), a.answer()).orElseThrow();
  }

  @Benchmark
  public AnswerGrader build() {
    return AnswerGrader.of(practice);
  }
}
