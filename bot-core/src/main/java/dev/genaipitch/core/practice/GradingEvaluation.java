package dev.genaipitch.core.practice;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Grades a coach-graded set and compares: what {@code eval/graded/*.jsonl} are scored with. */
public final class GradingEvaluation {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private GradingEvaluation() {}

  /** The graded answers in a JSON Lines file, one per non-blank line. */
  public static List<GradedAnswer> read(Path file) throws IOException {
    List<GradedAnswer> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          out.add(JSON.readValue(line, GradedAnswer.class));
        }
      }
    }
    return out;
  }

  /** Grades every answer; an answer to a section the grader cannot practise is an error. */
  public static GradingReport run(AnswerGrader grader, List<GradedAnswer> answers) {
    List<GradingReport.Result> results = new ArrayList<>();
    for (GradedAnswer a : answers) {
      Grade g =
          grader
              .grade(a.section(), a.answer())
              .orElseThrow(
                  () -> new IllegalArgumentException("no practice content for " + a.section()));
      results.add(new GradingReport.Result(a, g));
    }
    return new GradingReport(results);
  }
}
