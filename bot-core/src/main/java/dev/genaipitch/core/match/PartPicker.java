package dev.genaipitch.core.match;

import dev.genaipitch.core.Block;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.content.SectionPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the part of the answer just shown that a follow-up names ("the production genai apps row,
 * what kind of apps?" after the stage table), among the parts the section says another section
 * holds in full (its {@code parts}). A part is named when the message holds most of its words, each
 * weighing how rare it is in the script's lines, and no word of the section's own title besides
 * them: "the rds analogy again" asks for the analogy, "the rds side" for the part.
 */
final class PartPicker {

  /** A part's subject stems, each weighed, and the section that holds it in full. */
  private record Named(Map<String, Double> stems, double weight, String section) {}

  private final Map<String, List<Named>> bySection = new HashMap<>();
  private final Map<String, List<Named>> rowsBySection = new HashMap<>(); // parts that are cells
  private final Map<String, Set<String>> titles = new HashMap<>();
  private final double minCoverage;

  PartPicker(Guide guide, QuestionReader reader, double minCoverage) {
    this.minCoverage = minCoverage;
    Map<String, Integer> df = new HashMap<>();
    int count = 0;
    for (Section s : guide.sections()) {
      for (String line : s.lines()) {
        stems(reader, line).forEach(st -> df.merge(st, 1, Integer::sum));
        count++;
      }
    }
    for (Section s : guide.sections()) {
      titles.put(s.id(), stems(reader, s.title()));
      List<Named> named = new ArrayList<>();
      List<Named> rows = new ArrayList<>();
      Set<String> cells = new HashSet<>();
      for (Block b : s.blocks()) {
        if (b instanceof Block.Table table) {
          for (List<String> row : table.rows()) {
            row.forEach(c -> cells.add(c.strip().toLowerCase(Locale.ROOT)));
          }
        }
      }
      for (SectionPart part : s.parts()) {
        Map<String, Double> weighed = new HashMap<>();
        for (String st : stems(reader, part.words())) {
          weighed.put(st, Math.log((count + 1.0) / df.getOrDefault(st, 1)));
        }
        double weight = weighed.values().stream().mapToDouble(Double::doubleValue).sum();
        if (weight > 0) {
          named.add(new Named(Map.copyOf(weighed), weight, part.section()));
          if (cells.contains(part.words().strip().toLowerCase(Locale.ROOT))) {
            rows.add(named.get(named.size() - 1));
          }
        }
      }
      if (!named.isEmpty()) {
        bySection.put(s.id(), List.copyOf(named));
      }
      if (!rows.isEmpty()) {
        rowsBySection.put(s.id(), List.copyOf(rows));
      }
    }
  }

  private static Set<String> stems(QuestionReader reader, String text) {
    Set<String> stems = new HashSet<>();
    for (Analyzer.Token t : reader.read(text, false)) {
      if (!t.neutral()) {
        stems.add(t.stem());
      }
    }
    return stems;
  }

  /**
   * The section holding the part of {@code last} that {@code tokens} name, or null when they name
   * none, or two held by different sections equally.
   */
  String named(Section last, List<Analyzer.Token> tokens) {
    List<Named> parts = bySection.get(last.id());
    if (parts == null) {
      return null;
    }
    Set<String> asked = new HashSet<>();
    for (Analyzer.Token t : tokens) {
      if (!t.neutral()) {
        asked.add(t.stem());
      }
    }
    Named best = best(parts, asked);
    if (best == null) {
      return null;
    }
    for (String st : titles.getOrDefault(last.id(), Set.of())) {
      if (asked.contains(st) && !best.stems().containsKey(st)) {
        return null; // the message names the section itself, not one of its parts
      }
    }
    // A message that names the part and asks nothing of it ("and the ec2 half", "so sm would be
    // ec2?", "which one is rds again" after the analogy) asks for the part as the section shows it.
    Set<String> rest = new HashSet<>();
    for (Analyzer.Token t : tokens) {
      if (!t.neutral() && !Lexicon.POINTING.contains(t.surface())) {
        rest.add(t.stem());
      }
    }
    rest.removeAll(best.stems().keySet());
    rest.remove("bedrock");
    rest.remove("sagemak");
    if (rest.isEmpty()) {
      return null;
    }
    return best.section();
  }

  /**
   * Whether a message only points at a row of the table shown ({@code last}'s parts that are cells
   * of its table) and asks nothing of it: it names one row, or a service with a word that places
   * something in the table ("which row is production genai", "where does training land", "which
   * rows are bedrock", "and training & data science?"), and every other word only places, points,
   * asks or refers. A word that asks for more of the row ("more on the training row", "what kind of
   * apps", "what's in there"), counts or negates turns it off: that asks for the section that holds
   * the row in full ({@link #named}).
   */
  boolean onlyPointedAt(Section last, List<Analyzer.Token> tokens) {
    List<Named> parts = rowsBySection.get(last.id());
    if (parts == null) {
      return false;
    }
    boolean places = false;
    boolean service = false;
    Set<String> rest = new HashSet<>();
    for (Analyzer.Token t : tokens) {
      String w = t.surface();
      if (Lexicon.COUNTING.contains(w)
          || Lexicon.NEGATING.contains(w)
          || Lexicon.EXPANDING.contains(w)) {
        return false;
      }
      places |= Lexicon.PLACING.contains(w);
      if (Lexicon.onlyAsks(t) || Lexicon.PLACING.contains(w) || Lexicon.DEMONSTRATING.contains(w)) {
        continue;
      }
      if (t.stem().equals("bedrock") || t.stem().equals("sagemak")) {
        service = true;
        continue;
      }
      rest.add(t.stem());
    }
    if (rest.isEmpty()) {
      return places && service;
    }
    Named best = best(parts, rest);
    if (best == null) {
      return false;
    }
    for (String st : titles.getOrDefault(last.id(), Set.of())) {
      if (rest.contains(st) && !best.stems().containsKey(st)) {
        return false;
      }
    }
    rest.removeAll(best.stems().keySet());
    return rest.isEmpty();
  }

  /** The part {@code asked} names best, or null: none, or two held by different sections alike. */
  private Named best(List<Named> parts, Set<String> asked) {
    Named best = null;
    double bestCoverage = 0;
    boolean tie = false;
    for (Named part : parts) {
      double held = 0;
      for (Map.Entry<String, Double> e : part.stems().entrySet()) {
        if (asked.contains(e.getKey())) {
          held += e.getValue();
        }
      }
      double coverage = held / part.weight();
      if (coverage > bestCoverage) {
        best = part;
        bestCoverage = coverage;
        tie = false;
      } else if (best != null
          && coverage == bestCoverage
          && !best.section().equals(part.section())) {
        tie = true;
      }
    }
    return best == null || tie || bestCoverage < minCoverage ? null : best;
  }
}
