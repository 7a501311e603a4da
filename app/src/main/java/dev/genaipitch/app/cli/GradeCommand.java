package dev.genaipitch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.practice.AnswerGrader;
import dev.genaipitch.core.practice.Grade;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The contract for measuring the grader from outside: one JSON object per input line ({@code
 * section}, {@code prompt}, {@code answer}), one per output line, in order, whatever a line holds.
 */
@Command(
    name = "grade",
    description =
        "Grades practice answers. Reads JSON Lines {\"section\", \"prompt\", \"answer\"} from"
            + " standard input; writes one line per input line, in order: {\"grade\":"
            + " \"strong|partial|off\", \"score\": 0..1, \"carried\": [point ids], \"missed\":"
            + " [point ids]}, or {\"error\": \"...\"} for a line that cannot be graded.")
final class GradeCommand implements Callable<Integer> {

  /** One graded line; field order is the contract. */
  record Line(String grade, double score, List<String> carried, List<String> missed) {}

  /** A line that cannot be graded, and why. */
  record Error(String error) {}

  @Spec CommandSpec spec;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws IOException, Main.ExitException {
    Guide guide = Main.bot(spec).guide();
    AnswerGrader grader = AnswerGrader.of(guide.practice());
    BufferedReader in = Main.lines(spec);
    Writer out = spec.commandLine().getOut();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      out.write(json.writeValueAsString(grade(grader, line)));
      out.write('\n');
      if (!in.ready()) {
        out.flush(); // answer interactive callers line by line; batch input flushes in bulk
      }
    }
    out.flush();
    return 0;
  }

  private Object grade(AnswerGrader grader, String line) {
    if (line.isBlank()) {
      return new Error("empty line: expected {\"section\", \"prompt\", \"answer\"}");
    }
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      return new Error("not JSON: expected {\"section\", \"prompt\", \"answer\"}");
    }
    if (node == null || !node.isObject()) {
      return new Error("not a JSON object: expected {\"section\", \"prompt\", \"answer\"}");
    }
    JsonNode section = node.get("section");
    if (section == null || !section.isTextual()) {
      return new Error("missing \"section\" (one of " + String.join(", ", grader.sections()) + ")");
    }
    JsonNode answer = node.get("answer");
    if (answer != null && !answer.isTextual() && !answer.isNull()) {
      return new Error("\"answer\" must be a string");
    }
    String text = answer == null || answer.isNull() ? "" : answer.asText();
    Optional<Grade> grade = grader.grade(section.asText(), text);
    if (grade.isEmpty()) {
      return new Error(
          "unknown section '"
              + section.asText()
              + "': practice sections are "
              + String.join(", ", grader.sections()));
    }
    Grade g = grade.get();
    return new Line(g.level().id(), Math.round(g.score() * 1000) / 1000.0, g.carried(), g.missed());
  }
}
