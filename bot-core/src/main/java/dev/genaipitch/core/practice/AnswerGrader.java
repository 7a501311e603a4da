package dev.genaipitch.core.practice;

import dev.genaipitch.core.content.KeyPoint;
import dev.genaipitch.core.content.Practice;
import dev.genaipitch.core.content.PracticeSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Grades a rep's answer against a section's key points, offline and in-process.
 *
 * <p>A key point is carried when one of its cues is found where the answer talks about the service
 * the point is about (see {@link AnswerText}); the same cue found where the answer talks about the
 * other service is a swap, found under a negation it is a negated point, and a {@code wrong-} cue
 * found is a contradiction. The grade follows the coach's rules: strong when the practice set's
 * strong rule is met without a mistake, off when nothing is carried or the mistakes outnumber what
 * is right, partial otherwise.
 *
 * <p>Immutable and thread-safe; build one per guide.
 */
public final class AnswerGrader {

  /** Answers are graded on their first this many characters; no spoken answer needs more. */
  public static final int MAX_CHARS = 20_000;

  private static final boolean TRACE = Boolean.getBoolean("grader.trace");

  private final Map<String, CompiledSet> sets = new LinkedHashMap<>();
  private final Words words;
  private final Set<Part> off;

  private AnswerGrader(Practice practice, Set<Part> off) {
    this.off = off;
    Set<String> cueWords = new HashSet<>();
    for (PracticeSet set : practice.sets()) {
      for (KeyPoint p : set.points()) {
        for (KeyPoint.Cue c : p.cues()) {
          c.terms().forEach(t -> t.forEach(a -> cueWords.addAll(a.words())));
        }
        for (KeyPoint.Cue c : p.wrong()) {
          c.terms().forEach(t -> t.forEach(a -> cueWords.addAll(a.words())));
        }
      }
    }
    cueWords.addAll(List.of("bedrock", "sagemaker"));
    this.words =
        new Words(
            off.contains(Part.VOCABULARY) ? Map.of() : practice.vocabulary(),
            cueWords,
            !off.contains(Part.SPELLING));
    for (PracticeSet set : practice.sets()) {
      sets.put(set.section(), new CompiledSet(set, words, off));
    }
  }

  /** A grader for the practice content {@code practice}. */
  public static AnswerGrader of(Practice practice) {
    return new AnswerGrader(practice, EnumSet.noneOf(Part.class));
  }

  /**
   * A grader with some of its parts switched off, to measure what each contributes and costs
   * (docs/rehearsal.md). Not for serving.
   */
  public static AnswerGrader without(Practice practice, Set<Part> off) {
    return new AnswerGrader(
        practice, off.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(off));
  }

  /** The grader's parts that can be switched off for measurement. */
  public enum Part {
    /** Who a word is about: without it every word counts for both services (a keyword count). */
    SERVICE_ATTRIBUTION,
    /** A point said of the other service is a swap. */
    SWAPS,
    /** Negation scopes: without them nothing is negated. */
    NEGATION,
    /** The {@code wrong-} cues. */
    CONTRADICTIONS,
    /** Sentences that only list terms carry nothing. */
    WORD_LISTS,
    /** "..., and once you need governance, layer SageMaker in": the clause goes to SageMaker. */
    LEAD_INS,
    /** The terms of a cue must be near each other. */
    PROXIMITY,
    /** Spelling slips corrected toward the cues' words. */
    SPELLING,
    /** The practice vocabulary's variants ("br" for bedrock). */
    VOCABULARY
  }

  /** Section ids that can be practised, in the guide's order. */
  public List<String> sections() {
    return List.copyOf(sets.keySet());
  }

  /**
   * Grades {@code answer} to a round of {@code section}. Never throws for any text: an empty or
   * unrelated answer is off.
   *
   * @return empty when {@code section} cannot be practised
   */
  public Optional<Grade> grade(String section, String answer) {
    CompiledSet set = sets.get(section);
    if (set == null) {
      return Optional.empty();
    }
    String text = answer == null ? "" : answer;
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS);
    }
    AnswerText read = AnswerText.read(text, words, set.otherwise, off);
    return Optional.of(set.grade(read));
  }

  /** One alternative of a cue, read into stems as answers are. */
  private record Alt(String[] stems, boolean negated) {}

  /** A cue read into stems. */
  private record Compiled(KeyPoint.Subject subject, List<List<Alt>> terms) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(subject + ":");
      for (List<Alt> t : terms) {
        sb.append(" [");
        t.forEach(
            a -> sb.append(a.negated ? "~" : "").append(String.join(" ", a.stems)).append('|'));
        sb.append(']');
      }
      return sb.toString();
    }
  }

  private record CompiledPoint(KeyPoint point, List<Compiled> cues, List<Compiled> wrong) {}

  private static final class CompiledSet {
    final PracticeSet set;
    final AnswerText.About otherwise;
    final List<CompiledPoint> points = new ArrayList<>();
    final Set<Part> off;

    CompiledSet(PracticeSet set, Words words, Set<Part> off) {
      this.set = set;
      this.off = off;
      this.otherwise =
          switch (set.subject()) {
            case BEDROCK -> AnswerText.About.BEDROCK;
            case SAGEMAKER -> AnswerText.About.SAGEMAKER;
            case ANY -> AnswerText.About.NONE;
          };
      for (KeyPoint p : set.points()) {
        points.add(new CompiledPoint(p, compile(p.cues(), words), compile(p.wrong(), words)));
      }
    }

    private static List<Compiled> compile(List<KeyPoint.Cue> cues, Words words) {
      List<Compiled> out = new ArrayList<>();
      for (KeyPoint.Cue c : cues) {
        List<List<Alt>> terms = new ArrayList<>();
        for (List<KeyPoint.Alternative> term : c.terms()) {
          List<Alt> alts = new ArrayList<>();
          for (KeyPoint.Alternative a : term) {
            List<String> normal = words.normalize(a.words());
            alts.add(new Alt(normal.stream().map(Words::stem).toArray(String[]::new), a.negated()));
          }
          terms.add(alts);
        }
        out.add(new Compiled(c.subject(), terms));
      }
      return out;
    }

    Grade grade(AnswerText text) {
      Regions regions = new Regions(text, off.contains(Part.SERVICE_ATTRIBUTION));
      int reach = off.contains(Part.PROXIMITY) ? Integer.MAX_VALUE / 4 : CUE_REACH;
      List<String> carried = new ArrayList<>();
      List<String> missed = new ArrayList<>();
      List<Grade.Mistake> mistakes = new ArrayList<>();
      for (CompiledPoint p : points) {
        Grade.Mistake.Kind mistake = null;
        boolean own = carriedInOwnPlace(p, text, regions, reach);
        if (!own && !off.contains(Part.SWAPS) && swapped(p, text, regions, reach)) {
          mistake = Grade.Mistake.Kind.SWAPPED;
        } else if (!off.contains(Part.CONTRADICTIONS)
            && matchesAny(p.wrong, text, regions, false, true, reach)) {
          mistake = Grade.Mistake.Kind.CONTRADICTED;
        } else if (!own && matchesAny(p.cues, text, regions, true, false, reach)) {
          mistake = Grade.Mistake.Kind.NEGATED;
        }
        if (mistake != null) {
          mistakes.add(new Grade.Mistake(p.point.id(), mistake));
          missed.add(p.point.id());
        } else if (own) {
          carried.add(p.point.id());
        } else {
          missed.add(p.point.id());
        }
      }
      Grade.Level level;
      boolean strongMet =
          carried.containsAll(set.strongNeeds()) && carried.size() >= set.strongCount();
      if (carried.isEmpty()) {
        level = Grade.Level.OFF;
      } else if (mistakes.isEmpty() && strongMet) {
        level = Grade.Level.STRONG;
      } else if (mistakes.size() > carried.size()) {
        level = Grade.Level.OFF;
      } else {
        level = Grade.Level.PARTIAL;
      }
      double score = (double) carried.size() / points.size();
      for (int i = 0; i < mistakes.size(); i++) {
        score /= 2;
      }
      return new Grade(set.section(), level, score, carried, missed, mistakes);
    }

    /** Every service the point's cues name has one cue found where the answer talks of it. */
    private static boolean carriedInOwnPlace(
        CompiledPoint p, AnswerText text, Regions regions, int reach) {
      Map<KeyPoint.Subject, Boolean> sides = new EnumMap<>(KeyPoint.Subject.class);
      for (Compiled c : p.cues) {
        boolean found = sides.getOrDefault(c.subject, false);
        if (!found) {
          found =
              regions.of(c.subject).stream()
                  .anyMatch(r -> matches(c, text, r, false, false, reach));
        }
        sides.put(c.subject, found);
      }
      return !sides.isEmpty() && !sides.containsValue(false);
    }

    /** A service's cues of the point found where the answer talks about the other service. */
    private static boolean swapped(CompiledPoint p, AnswerText text, Regions regions, int reach) {
      for (Compiled c : p.cues) {
        KeyPoint.Subject other =
            switch (c.subject) {
              case BEDROCK -> KeyPoint.Subject.SAGEMAKER;
              case SAGEMAKER -> KeyPoint.Subject.BEDROCK;
              case ANY -> null;
            };
        if (other != null
            && regions.of(other).stream().anyMatch(r -> matches(c, text, r, false, false, reach))) {
          return true;
        }
      }
      return false;
    }

    private static boolean matchesAny(
        List<Compiled> cues,
        AnswerText text,
        Regions regions,
        boolean flipped,
        boolean factualOnly,
        int reach) {
      for (Compiled c : cues) {
        for (int[] r : factualOnly ? regions.named(c.subject) : regions.of(c.subject)) {
          if (matches(c, text, r, flipped, factualOnly, reach)) {
            if (TRACE) {
              System.err.println("  trace: " + c + " in " + text.slice(r));
            }
            return true;
          }
        }
      }
      return false;
    }

    /** How close, in words, the terms of one cue must be to each other. */
    private static final int CUE_REACH = 12;

    /**
     * Whether every term of {@code cue} is in region {@code r} ({from, to}), within {@link
     * #CUE_REACH} words of the first, with the polarity it asks for; or, when {@code flipped}, with
     * at least one term found in the opposite polarity. In a cue with a negated term, the negation
     * is that term's: its plain terms may sit inside it ("not touch the engine").
     */
    private static boolean matches(
        Compiled cue, AnswerText text, int[] r, boolean flipped, boolean factualOnly, int reach) {
      boolean hasNegated = cue.terms.stream().anyMatch(t -> t.stream().anyMatch(Alt::negated));
      List<Alt> first = cue.terms.get(0);
      for (int i = r[0]; i < r[1]; i++) {
        int[] window = {Math.max(r[0], i - reach), Math.min(r[1], i + reach + 1)};
        boolean anchored = false;
        for (Alt a : first) {
          if (text.stems[i].equals(a.stems[0])) {
            anchored = true;
          }
        }
        if (!anchored) {
          continue;
        }
        boolean all = true;
        boolean anyFlipped = false;
        for (List<Alt> term : cue.terms) {
          boolean ok = false;
          boolean okFlipped = false;
          for (Alt a : term) {
            int found = find(a, text, window, factualOnly);
            int wanted = a.negated ? NEGATED : hasNegated ? PLAIN | NEGATED : PLAIN;
            int opposite = a.negated ? PLAIN : hasNegated ? 0 : NEGATED;
            ok |= (found & wanted) != 0;
            okFlipped |= (found & opposite) != 0;
          }
          if (!ok && !(flipped && okFlipped)) {
            all = false;
            break;
          }
          anyFlipped |= !ok;
        }
        if (all && (!flipped || anyFlipped)) {
          return true;
        }
      }
      return false;
    }

    private static final int PLAIN = 1;
    private static final int NEGATED = 2;

    /** Where {@code a}'s words occur in order in {@code r}, a word's gap allowed between them. */
    private static int find(Alt a, AnswerText text, int[] r, boolean factualOnly) {
      int result = 0;
      String[] stems = a.stems;
      for (int i = r[0]; i < r[1]; i++) {
        if (!text.stems[i].equals(stems[0]) || (factualOnly && text.hypothetical[i])) {
          continue;
        }
        int at = i;
        boolean negated = text.negated[i];
        boolean ok = true;
        for (int k = 1; k < stems.length && ok; k++) {
          if (at + 1 < r[1] && text.stems[at + 1].equals(stems[k])) {
            at = at + 1;
          } else if (at + 2 < r[1] && text.stems[at + 2].equals(stems[k])) {
            at = at + 2;
          } else {
            ok = false;
          }
          negated |= ok && text.negated[at];
        }
        if (ok) {
          result |= negated ? NEGATED : PLAIN;
        }
      }
      return result;
    }
  }

  /** The parts of an answer each kind of cue is looked for in, as {from, to} word ranges. */
  private static final class Regions {
    private final Map<KeyPoint.Subject, List<int[]>> bySubject =
        new EnumMap<>(KeyPoint.Subject.class);

    private final Map<KeyPoint.Subject, List<int[]>> named = new EnumMap<>(KeyPoint.Subject.class);

    Regions(AnswerText text, boolean everyWordForBoth) {
      if (everyWordForBoth) {
        List<int[]> all = List.of(new int[] {0, text.size()});
        bySubject.put(KeyPoint.Subject.BEDROCK, all);
        bySubject.put(KeyPoint.Subject.SAGEMAKER, all);
        named.put(KeyPoint.Subject.BEDROCK, all);
        named.put(KeyPoint.Subject.SAGEMAKER, all);
      } else {
        bySubject.put(KeyPoint.Subject.BEDROCK, runs(text, AnswerText.About.BEDROCK, false));
        bySubject.put(KeyPoint.Subject.SAGEMAKER, runs(text, AnswerText.About.SAGEMAKER, false));
        named.put(KeyPoint.Subject.BEDROCK, runs(text, AnswerText.About.BEDROCK, true));
        named.put(KeyPoint.Subject.SAGEMAKER, runs(text, AnswerText.About.SAGEMAKER, true));
      }
      List<int[]> sentences = new ArrayList<>();
      int start = 0;
      for (int i = 1; i <= text.size(); i++) {
        if (i == text.size() || text.sentence[i] != text.sentence[start]) {
          if (!text.salad[start]) {
            sentences.add(new int[] {start, i});
          }
          start = i;
        }
      }
      bySubject.put(KeyPoint.Subject.ANY, sentences);
      named.put(KeyPoint.Subject.ANY, sentences);
    }

    /** Where cues of {@code subject} may show that a point is carried. */
    List<int[]> of(KeyPoint.Subject subject) {
      return bySubject.get(subject);
    }

    private static boolean in(AnswerText text, int i, AnswerText.About who, boolean namedOnly) {
      return text.about[i] == who && !text.salad[i] && !(namedOnly && text.inherited[i]);
    }

    /**
     * Where a claim about {@code subject} may be wrong: only sentences that name the service, not
     * those that merely follow one.
     */
    List<int[]> named(KeyPoint.Subject subject) {
      return named.get(subject);
    }

    private static List<int[]> runs(AnswerText text, AnswerText.About who, boolean namedOnly) {
      List<int[]> out = new ArrayList<>();
      int i = 0;
      while (i < text.size()) {
        if (!in(text, i, who, namedOnly)) {
          i++;
          continue;
        }
        int j = i;
        while (j < text.size() && in(text, j, who, namedOnly)) {
          j++;
        }
        out.add(new int[] {i, j});
        i = j;
      }
      return out;
    }
  }
}
