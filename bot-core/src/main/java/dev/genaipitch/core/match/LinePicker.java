package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the one line of a section that answers a question about one fact ("can bedrock run titan?"
 * → "Multiple models (Claude, LLaMA, Titan) behind one API"). A line is chosen when the question's
 * rarer words are mostly found in it, and in no other line of the section as much: words every line
 * shares ("bedrock") weigh little, a word only one line uses ("titan") a lot.
 */
final class LinePicker {

  private record Line(Set<String> stems, double factor) {}

  /**
   * The share of its score a sub-heading keeps (it names what follows) and a quoted question (the
   * customer's words, not the script's answer): either is the line only when nothing else is.
   */
  private static final double HEADING = 0.5;

  private static final double QUESTION = 0.5;

  /** Added to lines of the one service a question names, taken from lines of the other. */
  private static final double SERVICE = 1.0;

  private final Map<String, List<Line>> bySection = new HashMap<>();
  private final Map<String, List<Set<String>>> labels = new HashMap<>();
  private final Map<String, Set<String>> titles = new HashMap<>();
  private final Map<String, Double> idf = new HashMap<>();
  private final double minCoverage;
  private final double minWeight;

  LinePicker(Guide guide, QuestionReader reader, double minCoverage, double minWeight) {
    this.minCoverage = minCoverage;
    this.minWeight = minWeight;
    Map<String, Integer> df = new HashMap<>();
    int count = 0;
    for (Section s : guide.sections()) {
      List<Line> lines = new ArrayList<>();
      List<String> headings =
          s.blocks().stream()
              .filter(b -> b instanceof dev.genaipitch.core.Block.Heading)
              .map(dev.genaipitch.core.Block::plainText)
              .map(String::strip)
              .toList();
      for (String text : s.lines()) {
        Set<String> stems = new HashSet<>();
        for (Analyzer.Token t : reader.read(text, false)) {
          if (!t.neutral()) {
            stems.add(t.stem());
          }
        }
        // A sub-heading names what follows and a quoted question is the customer's, not the
        // script's answer: either is the line only when nothing else is.
        double factor = headings.contains(text) ? HEADING : text.endsWith("?") ? QUESTION : 1.0;
        lines.add(new Line(stems, factor));
        if ((headings.contains(text) || text.endsWith(":")) && !stems.isEmpty()) {
          labels.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(Set.copyOf(stems));
        }
        stems.forEach(st -> df.merge(st, 1, Integer::sum));
        count++;
      }
      bySection.put(s.id(), lines);
      titles.put(s.id(), stems(reader, s.title()));
    }
    for (Map.Entry<String, Integer> e : df.entrySet()) {
      idf.put(e.getKey(), Math.log((double) count / e.getValue()));
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
   * The sections with a line that holds every subject word of a question naming one service, that
   * service aside, on that service's side ("is llama on bedrock?" → when-bedrock's "Multiple models
   * (Claude, LLaMA, Titan) behind one API"): the question asks what the script lists. Words that
   * only ask whether a line holds something ("available", "offer") are not subject words; a
   * question for a number ("how many models…") is held by no line.
   */
  Set<String> holding(List<Analyzer.Token> tokens) {
    Set<String> asked = new HashSet<>();
    for (Analyzer.Token t : tokens) {
      if (Lexicon.COUNTING.contains(t.surface())) {
        return Set.of();
      }
      if (!t.neutral() && !Lexicon.ASKING.contains(t.surface())) {
        asked.add(t.stem());
      }
    }
    boolean bedrock = asked.contains("bedrock");
    boolean sagemaker = asked.contains("sagemak");
    if (bedrock == sagemaker) {
      return Set.of();
    }
    String named = bedrock ? "bedrock" : "sagemak";
    String other = bedrock ? "sagemak" : "bedrock";
    asked.remove(named);
    if (asked.isEmpty()) {
      return Set.of();
    }
    return side(asked, named, other);
  }

  /**
   * The sections with a line that holds every subject word of a question offering both services as
   * a choice ("bedrock or sagemaker"), the services and the words of choosing aside, when such
   * lines are on one side only; else none.
   */
  Set<String> oneSide(List<Analyzer.Token> tokens) {
    Set<String> asked = new HashSet<>();
    boolean choice = false;
    for (Analyzer.Token t : tokens) {
      if (Lexicon.COUNTING.contains(t.surface()) || Lexicon.NEGATING.contains(t.surface())) {
        return Set.of();
      }
      choice |= Lexicon.EITHER.contains(t.surface());
      if (!t.neutral()
          && !Lexicon.EITHER.contains(t.surface())
          && !Lexicon.ASKING.contains(t.surface())
          && !Lexicon.CHOOSING.contains(t.surface())) {
        asked.add(t.stem());
      }
    }
    if (!choice || !asked.remove("bedrock") || !asked.remove("sagemak") || asked.isEmpty()) {
      return Set.of();
    }
    Set<String> bedrockSide = side(asked, "bedrock", "sagemak");
    Set<String> sagemakerSide = side(asked, "sagemak", "bedrock");
    if (bedrockSide.isEmpty() == sagemakerSide.isEmpty()) {
      return Set.of();
    }
    return bedrockSide.isEmpty() ? sagemakerSide : bedrockSide;
  }

  /** The sections with a line on {@code named}'s side that holds every one of {@code asked}. */
  private Set<String> side(Set<String> asked, String named, String other) {
    Set<String> found = new HashSet<>();
    for (Map.Entry<String, List<Line>> e : bySection.entrySet()) {
      Set<String> title = titles.get(e.getKey());
      // A line is on the named service's side when it names that service alone, or names neither
      // in a section whose title names that service alone ("Typical Bedrock Use Cases" items).
      boolean titleSide = title.contains(named) && !title.contains(other);
      for (Line line : e.getValue()) {
        boolean side = !line.stems().contains(other) && (titleSide || line.stems().contains(named));
        if (side && line.stems().containsAll(asked)) {
          found.add(e.getKey());
        }
      }
    }
    return found;
  }

  /**
   * Whether a message that names no service nor negates holds every subject word of a label of
   * {@code section}: a sub-heading or a line ending in a colon ("Key message:").
   */
  boolean labelNamed(String section, List<Analyzer.Token> tokens) {
    Set<String> asked = new HashSet<>();
    for (Analyzer.Token t : tokens) {
      if (Lexicon.NEGATING.contains(t.surface())) {
        return false;
      }
      asked.add(t.stem());
    }
    if (asked.contains("bedrock") || asked.contains("sagemak")) {
      return false;
    }
    for (Set<String> label : labels.getOrDefault(section, List.of())) {
      if (asked.containsAll(label)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a line of {@code section} and a line of {@code other} each hold every subject word of a
   * message that names neither service nor negates ("key message?": both sides have a key message;
   * not "when not?", which asks for the other side).
   */
  boolean bothHold(String section, String other, List<Analyzer.Token> tokens) {
    Set<String> asked = new HashSet<>();
    for (Analyzer.Token t : tokens) {
      if (Lexicon.COUNTING.contains(t.surface()) || Lexicon.NEGATING.contains(t.surface())) {
        return false;
      }
      if (!t.neutral() && !Lexicon.ASKING.contains(t.surface())) {
        asked.add(t.stem());
      }
    }
    if (asked.isEmpty() || asked.contains("bedrock") || asked.contains("sagemak")) {
      return false;
    }
    return holdsAll(section, asked) && holdsAll(other, asked);
  }

  /**
   * Whether one line of {@code section} holds every subject word of a message that names no
   * service, negates and counts nothing, and points back with a word that stands for what was shown
   * ("it", "there"); words that point at a part ("side", "bits") or ask whether a line holds
   * something are not subject words.
   */
  boolean heldBy(String section, List<Analyzer.Token> tokens) {
    Set<String> asked = new HashSet<>();
    boolean refers = false;
    for (Analyzer.Token t : tokens) {
      if (Lexicon.COUNTING.contains(t.surface()) || Lexicon.NEGATING.contains(t.surface())) {
        return false;
      }
      refers |= Lexicon.REFERRING.contains(t.surface());
      if (!t.neutral()
          && !Lexicon.ASKING.contains(t.surface())
          && !Lexicon.POINTING.contains(t.surface())) {
        asked.add(t.stem());
      }
    }
    if (asked.isEmpty() || asked.contains("bedrock") || asked.contains("sagemak")) {
      return false;
    }
    return refers && holdsAll(section, asked);
  }

  /**
   * Whether a message asks only about an answer as something to say: it has a word of {@link
   * Lexicon#DELIVERING}, every other subject word only asks, points or refers, and it names no
   * service, negates nothing and asks for nothing shorter (that is the guide's relations' to read):
   * "which sentence do i stress most", "key msg?", "tone?".
   */
  boolean aboutDelivering(List<Analyzer.Token> tokens) {
    boolean delivering = false;
    for (Analyzer.Token t : tokens) {
      String w = t.surface();
      if (turnsOff(w)) {
        return false;
      }
      if (Lexicon.DELIVERING.contains(w)) {
        delivering = true;
      } else if (!Lexicon.onlyAsks(t)) {
        return false;
      }
    }
    return delivering;
  }

  /**
   * Whether a message asks only how the answer shown lands with an audience or an industry: it has
   * a word of {@link Lexicon#AUDIENCE} and one of {@link Lexicon#DEMONSTRATING}, every other
   * subject word only weighs, asks, points or refers, and it names no service, negates nothing and
   * asks for nothing shorter: "which of those would a CFO actually care about", "does that cover a
   * bank".
   */
  boolean aboutAnAudience(List<Analyzer.Token> tokens) {
    boolean audience = false;
    boolean demonstrates = false;
    boolean weighs = false;
    for (Analyzer.Token t : tokens) {
      String w = t.surface();
      if (turnsOff(w)) {
        return false;
      }
      demonstrates |= Lexicon.DEMONSTRATING.contains(w);
      weighs |= Lexicon.WEIGHING.contains(w);
      if (Lexicon.AUDIENCE.contains(w)) {
        audience = true;
      } else if (!Lexicon.WEIGHING.contains(w) && !Lexicon.onlyAsks(t)) {
        return false;
      }
    }
    return audience && demonstrates && weighs;
  }

  /**
   * Whether a message asks only for another form of the answer shown, or for it in an industry's
   * terms: it has a word of {@link Lexicon#RESHAPING} ("plainer", "too corporate, make it casual",
   * "which line do i hammer", "how do I phrase that in customer language", "what should i avoid
   * then"), or names an industry ({@link Lexicon#INDUSTRY}: "for a bank?", "say it for a retailer")
   * without adding it as a case with "and" ("and for an insurer?" asks what the script says for
   * that case); every other subject word is an audience, weighs, delivers, asks, points or refers;
   * and it names no service, no side, negates nothing and asks for nothing shorter.
   */
  boolean aboutTheFormShown(List<Analyzer.Token> tokens) {
    boolean reshapes = false;
    boolean industry = false;
    boolean adds = false;
    for (Analyzer.Token t : tokens) {
      String w = t.surface();
      boolean allowed =
          Lexicon.RESHAPING.contains(w)
              || Lexicon.AUDIENCE.contains(w)
              || Lexicon.WEIGHING.contains(w)
              || Lexicon.DELIVERING.contains(w)
              || Lexicon.onlyAsks(t);
      if (!allowed || turnsOff(w) || Lexicon.SIDING.contains(w)) {
        return false;
      }
      reshapes |= Lexicon.RESHAPING.contains(w);
      industry |= Lexicon.INDUSTRY.contains(w);
      adds |= Lexicon.ADDING.contains(w);
    }
    return reshapes || (industry && !adds);
  }

  /**
   * Whether a word turns the readings about the answer shown off: it counts, negates or shortens.
   */
  private static boolean turnsOff(String w) {
    return Lexicon.COUNTING.contains(w)
        || Lexicon.NEGATING.contains(w)
        || Lexicon.SHORTENING.contains(w);
  }

  private boolean holdsAll(String section, Set<String> asked) {
    List<Line> lines = bySection.get(section);
    return lines != null && lines.stream().anyMatch(l -> l.stems().containsAll(asked));
  }

  /** The index of the line of {@code section} that answers {@code tokens}, or -1. */
  int pick(String section, List<Analyzer.Token> tokens) {
    List<Line> lines = bySection.get(section);
    if (lines == null) {
      return -1;
    }
    Set<String> asked = new HashSet<>();
    double total = 0;
    for (Analyzer.Token t : tokens) {
      Double w = idf.get(t.stem());
      if (!t.neutral() && w != null && asked.add(t.stem())) {
        total += w;
      }
    }
    if (total <= 0 || titles.get(section).containsAll(asked)) {
      // Nothing to weigh, or the question asks for the section as its title names it ("do we need
      // both?"): the whole section is the answer, not one of its lines.
      return -1;
    }
    boolean bedrock = asked.contains("bedrock");
    boolean sagemaker = asked.contains("sagemak");
    int best = -1;
    double bestScore = 0;
    double second = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      double score = 0;
      for (String st : asked) {
        if (line.stems().contains(st)) {
          score += idf.get(st);
        }
      }
      if (bedrock != sagemaker) {
        // One service named: its lines answer, the other's do not.
        String named = bedrock ? "bedrock" : "sagemak";
        String other = bedrock ? "sagemak" : "bedrock";
        if (line.stems().contains(named) && !line.stems().contains(other)) {
          score += SERVICE;
        } else if (line.stems().contains(other) && !line.stems().contains(named)) {
          score -= SERVICE;
        }
      }
      score *= line.factor();
      if (score > bestScore) {
        second = bestScore;
        bestScore = score;
        best = i;
      } else if (score > second) {
        second = score;
      }
    }
    boolean clear = bestScore > second;
    return best >= 0 && clear && bestScore >= minWeight && bestScore / total >= minCoverage
        ? best
        : -1;
  }
}
