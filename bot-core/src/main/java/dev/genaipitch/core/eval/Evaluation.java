package dev.genaipitch.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.core.match.IntentMatcher;
import dev.genaipitch.core.match.MatchResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scores a matcher against labeled questions, and reads labeled JSON Lines files. */
public final class Evaluation {

  private static final String NONE = "none";

  private Evaluation() {}

  public static EvalReport run(IntentMatcher matcher, List<LabeledQuestion> questions) {
    Map<String, int[]> figures = new TreeMap<>(); // expected, predicted, correct
    List<EvalReport.Miss> misses = new ArrayList<>();
    int inScope = 0;
    int inScopeRight = 0;
    int outOfScope = 0;
    int rejected = 0;
    for (LabeledQuestion q : questions) {
      MatchResult result = matcher.match(q.question());
      String got = result.intent();
      boolean right = q.outOfScope() ? got.equals(NONE) : q.expected().contains(got);
      // A question with several right intents counts once: under the one answered when it was
      // right, else under the first it should have been.
      String expected = q.outOfScope() ? NONE : right ? got : q.expected().get(0);
      figures.computeIfAbsent(expected, k -> new int[3])[0]++;
      int[] predicted = figures.computeIfAbsent(got, k -> new int[3]);
      predicted[1]++;
      if (right) {
        predicted[2]++;
      }
      if (q.outOfScope()) {
        outOfScope++;
        rejected += right ? 1 : 0;
      } else {
        inScope++;
        inScopeRight += right ? 1 : 0;
      }
      if (!right) {
        misses.add(new EvalReport.Miss(q, got, result.score()));
      }
    }
    Map<String, EvalReport.IntentFigures> perIntent = new TreeMap<>();
    figures.forEach((k, v) -> perIntent.put(k, new EvalReport.IntentFigures(v[0], v[1], v[2])));
    return new EvalReport(
        inScope,
        outOfScope,
        inScope == 0 ? 1.0 : (double) inScopeRight / inScope,
        outOfScope == 0 ? 1.0 : (double) rejected / outOfScope,
        perIntent,
        misses,
        matcher.threshold());
  }

  /** One report for several runs over disjoint questions (the folds of a cross-validation). */
  static EvalReport merge(List<EvalReport> reports) {
    int inScope = 0;
    int outOfScope = 0;
    double inRight = 0;
    double outRight = 0;
    Map<String, int[]> figures = new TreeMap<>();
    List<EvalReport.Miss> misses = new ArrayList<>();
    for (EvalReport r : reports) {
      inScope += r.inScope();
      outOfScope += r.outOfScope();
      inRight += r.inScopeAccuracy() * r.inScope();
      outRight += r.outOfScopeRejection() * r.outOfScope();
      r.perIntent()
          .forEach(
              (intent, f) -> {
                int[] sum = figures.computeIfAbsent(intent, k -> new int[3]);
                sum[0] += f.expected();
                sum[1] += f.predicted();
                sum[2] += f.correct();
              });
      misses.addAll(r.misses());
    }
    Map<String, EvalReport.IntentFigures> perIntent = new TreeMap<>();
    figures.forEach((k, v) -> perIntent.put(k, new EvalReport.IntentFigures(v[0], v[1], v[2])));
    return new EvalReport(
        inScope,
        outOfScope,
        inScope == 0 ? 1.0 : Math.round(inRight) / (double) inScope,
        outOfScope == 0 ? 1.0 : Math.round(outRight) / (double) outOfScope,
        perIntent,
        misses,
        reports.isEmpty() ? 0 : reports.get(0).threshold());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads labeled JSON Lines, one question per line: {@code {"q": "...", "expect": ["id", ...]}},
   * where {@code ["none"]} (or {@code []}) marks an out-of-scope question, with optional {@code
   * "parts"}, {@code "uncovered"} and {@code "style"}; or a one-fact question {@code {"q": "...",
   * "section": "id", "lines": ["..."]}}. Blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line that is not of that form
   */
  public static List<LabeledQuestion> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<LabeledQuestion> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(where + "not JSON: " + e.getOriginalMessage());
      }
      JsonNode q = node.get("q");
      JsonNode expect = node.get("expect");
      JsonNode section = node.get("section");
      boolean labelled =
          (expect != null && expect.isArray()) || (section != null && section.isTextual());
      if (q == null || !q.isTextual() || !labelled) {
        throw new IllegalArgumentException(
            where
                + "expected {\"q\": \"...\", \"expect\": [...]} or {\"q\", \"section\","
                + " \"lines\"}");
      }
      List<String> ids = new ArrayList<>();
      if (expect != null && expect.isArray()) {
        expect.forEach(id -> ids.add(id.asText()));
      } else {
        ids.add(section.asText());
      }
      if (ids.equals(List.of(NONE))) {
        ids.clear();
      }
      out.add(
          new LabeledQuestion(
              q.asText(),
              ids,
              i + 1,
              texts(node.get("parts")),
              node.path("uncovered").asText(""),
              node.path("style").asText(""),
              texts(node.get("lines"))));
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }
}
