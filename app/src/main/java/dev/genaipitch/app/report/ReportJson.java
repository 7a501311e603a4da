package dev.genaipitch.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as JSON, as the admin port's {@code GET /report} serves it and {@code report --json}
 * prints it:
 *
 * <pre>
 * {"source":"server","since":"...","lowScore":0.5,"capacity":1000,"questions":12,"distinct":9,"dropped":0,
 *  "unanswered":[{"question":"what does lambda cost","count":3,"firstSeen":"...","lastSeen":"...",
 *                  "lastAnswer":"none","lastScore":0.1}],
 *  "feedback":[{"section":"need-both","helpful":4,"notHelpful":1}]}
 * </pre>
 */
public final class ReportJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportJson() {}

  public static String write(UnansweredReport.Snapshot s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", s.source());
    root.put("since", s.since().toString());
    root.put("lowScore", s.lowScore());
    root.put("capacity", s.capacity());
    root.put("questions", s.questions());
    root.put("distinct", s.distinct());
    root.put("dropped", s.dropped());
    ArrayNode rows = root.putArray("unanswered");
    for (UnansweredReport.Row r : s.unanswered()) {
      ObjectNode row = rows.addObject();
      row.put("question", r.question());
      row.put("count", r.count());
      row.put("firstSeen", r.firstSeen().toString());
      row.put("lastSeen", r.lastSeen().toString());
      row.put("lastAnswer", r.lastAnswer());
      row.put("lastScore", Math.round(r.lastScore() * 1000) / 1000.0);
    }
    ArrayNode clicks = root.putArray("feedback");
    for (UnansweredReport.Feedback f : s.feedback()) {
      ObjectNode click = clicks.addObject();
      click.put("section", f.section());
      click.put("helpful", f.helpful());
      click.put("notHelpful", f.notHelpful());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses what {@link #write} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not a report
   */
  public static UnansweredReport.Snapshot read(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<UnansweredReport.Row> rows = new ArrayList<>();
      for (JsonNode r : root.path("unanswered")) {
        rows.add(
            new UnansweredReport.Row(
                r.path("question").asText(),
                r.path("count").asLong(),
                Instant.parse(r.path("firstSeen").asText()),
                Instant.parse(r.path("lastSeen").asText()),
                r.path("lastAnswer").asText(),
                r.path("lastScore").asDouble()));
      }
      List<UnansweredReport.Feedback> clicks = new ArrayList<>();
      for (JsonNode f : root.path("feedback")) {
        clicks.add(
            new UnansweredReport.Feedback(
                f.path("section").asText(),
                f.path("helpful").asLong(),
                f.path("notHelpful").asLong()));
      }
      return new UnansweredReport.Snapshot(
          root.path("source").asText(),
          Instant.parse(root.path("since").asText()),
          root.path("lowScore").asDouble(),
          root.path("capacity").asInt(),
          root.path("questions").asLong(),
          root.path("distinct").asInt(),
          root.path("dropped").asLong(),
          rows,
          clicks);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a report: " + e.getMessage(), e);
    }
  }
}
