package dev.genaipitch.core.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the files under {@code practice/}: one file per practised section ({@code section:}, {@code
 * prompt:} lines, then {@code point:} blocks with their {@code script:} and cue lines), and {@code
 * vocabulary.md} ({@code word = variant, variant}). Every problem is reported with its file and
 * line; the syntax is documented in docs/rehearsal.md.
 */
final class PracticeParser {

  static final String DIRECTORY = "practice/";
  static final String VOCABULARY = DIRECTORY + "vocabulary.md";

  private static final Set<String> SET_KEYS =
      Set.of("section", "subject", "strong", "strong-count", "prompt", "point");
  private static final Set<String> POINT_KEYS =
      Set.of(
          "script", "bedrock", "sagemaker", "any", "wrong-bedrock", "wrong-sagemaker", "wrong-any");

  private PracticeParser() {}

  /** The practice content in {@code files} (names under {@code practice/}), checked. */
  static Practice parse(
      Map<String, String> files, Set<String> sectionIds, List<ContentProblem> problems) {
    Map<String, String> vocabulary = new HashMap<>();
    List<PracticeSet> sets = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().equals(VOCABULARY)) {
        vocabulary(file.getKey(), lines(file.getValue()), vocabulary, problems);
        continue;
      }
      PracticeSet set = set(file.getKey(), lines(file.getValue()), sectionIds, problems);
      if (set == null) {
        continue;
      }
      String first = seen.putIfAbsent(set.section(), set.source());
      if (first != null) {
        problems.add(
            new ContentProblem(
                set.source(),
                1,
                "section '" + set.section() + "' already has practice content in " + first));
        continue;
      }
      sets.add(set);
    }
    List<String> order = new ArrayList<>(sectionIds);
    sets.sort((a, b) -> Integer.compare(order.indexOf(a.section()), order.indexOf(b.section())));
    return new Practice(sets, vocabulary);
  }

  private static List<String> lines(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return Arrays.asList(t.split("\r?\n", -1));
  }

  private static void vocabulary(
      String file, List<String> lines, Map<String, String> into, List<ContentProblem> problems) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || eq == line.length() - 1) {
        problems.add(
            new ContentProblem(
                file, i + 1, "expected 'word = variant, variant' but found '" + line + "'"));
        continue;
      }
      String word = words(line.substring(0, eq));
      for (String variant : line.substring(eq + 1).split(",")) {
        String v = words(variant);
        if (v.isEmpty()) {
          problems.add(new ContentProblem(file, i + 1, "empty variant of '" + word + "'"));
          continue;
        }
        String previous = into.putIfAbsent(v, word);
        if (previous != null && !previous.equals(word)) {
          problems.add(
              new ContentProblem(
                  file, i + 1, "'" + v + "' is already a variant of '" + previous + "'"));
        }
      }
    }
  }

  /** Lower case, punctuation as spaces, single spaces: how answers are compared with content. */
  static String words(String text) {
    return String.join(" ", tokens(text));
  }

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  private static final class PointBuilder {
    final String id;
    final int line;
    String script;
    final List<KeyPoint.Cue> cues = new ArrayList<>();
    final List<KeyPoint.Cue> wrong = new ArrayList<>();

    PointBuilder(String id, int line) {
      this.id = id;
      this.line = line;
    }
  }

  private static PracticeSet set(
      String file, List<String> lines, Set<String> sectionIds, List<ContentProblem> problems) {
    int before = problems.size();
    String section = null;
    int sectionLine = 1;
    KeyPoint.Subject subject = KeyPoint.Subject.ANY;
    List<String> strong = null;
    int strongLine = 0;
    Integer strongCount = null;
    int strongCountLine = 0;
    List<String> prompts = new ArrayList<>();
    List<PointBuilder> points = new ArrayList<>();
    PointBuilder point = null;
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      String line = raw.strip();
      int no = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(raw.charAt(0))) {
        problems.add(
            new ContentProblem(
                file, no, "expected 'key: value' at the margin, found '" + line + "'"));
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (value.isEmpty()) {
        problems.add(new ContentProblem(file, no, "'" + key + "' has no value"));
        continue;
      }
      if (point != null && POINT_KEYS.contains(key)) {
        pointKey(file, no, point, key, value, problems);
        continue;
      }
      if (!SET_KEYS.contains(key)) {
        String where = point == null ? "" : " (in point '" + point.id + "')";
        problems.add(
            new ContentProblem(
                file,
                no,
                "unknown key '"
                    + key
                    + "'"
                    + where
                    + "; known keys: "
                    + String.join(", ", new java.util.TreeSet<>(SET_KEYS))
                    + "; in a point: "
                    + String.join(", ", new java.util.TreeSet<>(POINT_KEYS))));
        continue;
      }
      if (point != null && !key.equals("point")) {
        problems.add(
            new ContentProblem(file, no, "'" + key + "' belongs before the first 'point:' line"));
        continue;
      }
      switch (key) {
        case "section" -> {
          if (section != null) {
            problems.add(new ContentProblem(file, no, "'section' appears twice"));
          }
          section = value;
          sectionLine = no;
          if (!sectionIds.contains(value)) {
            problems.add(
                new ContentProblem(file, no, "section '" + value + "' is not a known section id"));
          }
        }
        case "subject" -> {
          switch (value) {
            case "bedrock" -> subject = KeyPoint.Subject.BEDROCK;
            case "sagemaker" -> subject = KeyPoint.Subject.SAGEMAKER;
            default ->
                problems.add(
                    new ContentProblem(
                        file,
                        no,
                        "subject must be 'bedrock' or 'sagemaker', found '" + value + "'"));
          }
        }
        case "strong" -> {
          strong = Arrays.stream(value.split(",")).map(String::strip).toList();
          strongLine = no;
        }
        case "strong-count" -> {
          strongCountLine = no;
          try {
            strongCount = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            problems.add(
                new ContentProblem(
                    file, no, "strong-count must be a number, found '" + value + "'"));
          }
        }
        case "prompt" -> prompts.add(value);
        case "point" -> {
          if (!value.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(
                new ContentProblem(
                    file, no, "point id '" + value + "' must be lower-case words joined by '-'"));
          }
          for (PointBuilder p : points) {
            if (p.id.equals(value)) {
              problems.add(
                  new ContentProblem(
                      file,
                      no,
                      "point '" + value + "' appears twice (first on line " + p.line + ")"));
            }
          }
          point = new PointBuilder(value, no);
          points.add(point);
        }
        default -> throw new IllegalStateException(key);
      }
    }
    if (section == null) {
      problems.add(new ContentProblem(file, 1, "missing 'section: <section id>'"));
    }
    if (prompts.isEmpty()) {
      problems.add(
          new ContentProblem(file, sectionLine, "no prompts: add 'prompt:' lines a customer asks"));
    }
    if (points.isEmpty()) {
      problems.add(new ContentProblem(file, sectionLine, "no key points: add 'point:' blocks"));
    }
    Set<String> ids = new LinkedHashSet<>();
    for (PointBuilder p : points) {
      ids.add(p.id);
      if (p.script == null) {
        problems.add(
            new ContentProblem(
                file, p.line, "point '" + p.id + "' has no 'script:' line (the script's words)"));
      }
      if (p.cues.isEmpty()) {
        problems.add(
            new ContentProblem(
                file,
                p.line,
                "point '" + p.id + "' has no cues: add 'bedrock:', 'sagemaker:' or 'any:' lines"));
      }
    }
    List<String> needs = strong == null ? List.copyOf(ids) : strong;
    for (String id : needs) {
      if (!ids.contains(id)) {
        problems.add(
            new ContentProblem(
                file, strongLine, "strong names '" + id + "', which is no point here"));
      }
    }
    int count = strongCount == null ? needs.size() : strongCount;
    if (strongCount != null && (count < needs.size() || count > ids.size())) {
      problems.add(
          new ContentProblem(
              file,
              strongCountLine,
              "strong-count must be between the points 'strong' names ("
                  + needs.size()
                  + ") and all the points ("
                  + ids.size()
                  + ")"));
    }
    if (problems.size() > before) {
      return null;
    }
    List<KeyPoint> built =
        points.stream().map(p -> new KeyPoint(p.id, p.script, p.cues, p.wrong, p.line)).toList();
    return new PracticeSet(section, subject, prompts, built, needs, count, file);
  }

  private static void pointKey(
      String file,
      int no,
      PointBuilder point,
      String key,
      String value,
      List<ContentProblem> problems) {
    if (key.equals("script")) {
      if (point.script != null) {
        problems.add(
            new ContentProblem(file, no, "point '" + point.id + "' has a second 'script:' line"));
      }
      point.script = value;
      return;
    }
    boolean wrong = key.startsWith("wrong-");
    String service = wrong ? key.substring("wrong-".length()) : key;
    KeyPoint.Subject subject = KeyPoint.Subject.valueOf(service.toUpperCase(Locale.ROOT));
    List<List<KeyPoint.Alternative>> terms = new ArrayList<>();
    for (String term : value.split("\\+", -1)) {
      List<KeyPoint.Alternative> alternatives = new ArrayList<>();
      for (String alternative : term.split("\\|", -1)) {
        String a = alternative.strip();
        boolean negated = a.startsWith("~");
        List<String> words = tokens(negated ? a.substring(1) : a);
        if (words.isEmpty()) {
          problems.add(
              new ContentProblem(
                  file,
                  no,
                  "empty alternative in '"
                      + value
                      + "': write words between '|' and '+' (a cue is 'a | b + c | d')"));
          continue;
        }
        alternatives.add(new KeyPoint.Alternative(words, negated));
      }
      terms.add(alternatives);
    }
    (wrong ? point.wrong : point.cues).add(new KeyPoint.Cue(subject, terms));
  }
}
