package dev.genaipitch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * Turns JMH's JSON results into a Markdown table against the budgets: matching median at most 50
 * µs, content load + matcher set-up under 300 ms. Arguments: {@code label=file.json} pairs.
 */
public final class JmhSummary {

  private JmhSummary() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | run | mode | n | median | p99 | max | mean | budget | verdict |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String label = arg.substring(0, eq);
      JsonNode results = json.readTree(Path.of(arg.substring(eq + 1)).toFile());
      for (JsonNode r : results) {
        String name = r.get("benchmark").asText().replaceFirst("^.*\\.bench\\.", "");
        JsonNode m = r.get("primaryMetric");
        JsonNode p = m.get("scorePercentiles");
        String unit = m.get("scoreUnit").asText().replace("/op", "");
        double median = p.get("50.0").asDouble();
        long n = count(m.get("rawDataHistogram"), m.get("rawData"));
        String budget = "";
        String verdict = "";
        if (name.startsWith("MatchBenchmark")) {
          budget = "median ≤ 50 us";
          verdict = median <= 50 ? "met" : "**missed**";
        } else if (name.endsWith("loadAndBuild")) {
          budget = "< 300 ms";
          verdict = median < 300 ? "met" : "**missed**";
        }
        md.append(
            String.format(
                "| %s | %s | %s | %d | %s %s | %s %s | %s %s | %s %s | %s | %s |%n",
                name,
                label,
                r.get("mode").asText(),
                n,
                fmt(median),
                unit,
                fmt(p.get("99.0").asDouble()),
                unit,
                fmt(p.get("100.0").asDouble()),
                unit,
                fmt(m.get("score").asDouble()),
                unit,
                budget,
                verdict));
      }
    }
    System.out.print(md);
  }

  private static long count(JsonNode histogram, JsonNode raw) {
    long n = 0;
    if (histogram != null) {
      for (JsonNode fork : histogram) {
        for (JsonNode iteration : fork) {
          for (JsonNode bucket : iteration) {
            n += bucket.get(1).asLong();
          }
        }
      }
      return n;
    }
    if (raw != null) {
      for (JsonNode fork : raw) {
        n += fork.size();
      }
    }
    return n;
  }

  private static String fmt(double v) {
    return v >= 100
        ? String.format("%.0f", v)
        : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
  }
}
