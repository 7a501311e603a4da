package dev.genaipitch.core.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * English that holds for any guide, shipped with the matcher: words that carry no subject, and
 * contractions to expand. A guide's own synonyms are layered on top.
 */
final class Lexicon {

  static final Set<String> NEUTRAL = Set.copyOf(lines("/matching/neutral-words.txt"));
  static final Map<String, String> CONTRACTIONS = pairs(lines("/matching/contractions.txt"));
  private static final Map<String, String> LIST_QUESTIONS =
      pairs(lines("/matching/list-questions.txt"));

  /** Words that only ask whether a line of the script holds something ("available", "offer"). */
  static final Set<String> ASKING = words(LIST_QUESTIONS.get("asking"));

  /** Words that ask for a number ("how many"), which no line of the script lists. */
  static final Set<String> COUNTING = words(LIST_QUESTIONS.get("counting"));

  /** Words that negate ("when not?"): a message with one asks for what a line does not say. */
  static final Set<String> NEGATING = words(LIST_QUESTIONS.get("negating"));

  /**
   * Words that point at a part of an answer ("the ec2 side", "which one"), asking nothing of it.
   */
  static final Set<String> POINTING = words(LIST_QUESTIONS.get("pointing"));

  /** Words that stand for what was just shown ("how does it handle governance"). */
  static final Set<String> REFERRING = words(LIST_QUESTIONS.get("referring"));

  /** Words of choosing between the services ("which is better", "should i pick"). */
  static final Set<String> CHOOSING = words(LIST_QUESTIONS.get("choosing"));

  /** Words that offer two things as a choice ("bedrock or sagemaker"). */
  static final Set<String> EITHER = words(LIST_QUESTIONS.get("either"));

  /**
   * Words about the answer shown as something to say: its wording, sentences, tone, length, what to
   * say instead ("which sentence do i stress most", "tone?").
   */
  static final Set<String> DELIVERING = words(LIST_QUESTIONS.get("delivering"));

  /** Words that ask for a shorter answer ("in one line?"), which the guide's relations read. */
  static final Set<String> SHORTENING = words(LIST_QUESTIONS.get("shortening"));

  /** The industries an answer can be put for ("a bank", "hospitals", "a retailer"). */
  static final Set<String> INDUSTRY = words(LIST_QUESTIONS.get("industry"));

  /** The people and industries an answer is for ("a CFO", "an auditor", "hospitals"). */
  static final Set<String> AUDIENCE = union(words(LIST_QUESTIONS.get("audience")), INDUSTRY);

  /** Words that ask how an answer holds up for an audience ("care", "matters", "cover", "fit"). */
  static final Set<String> WEIGHING = words(LIST_QUESTIONS.get("weighing"));

  /** Words that point back at the answer shown ("that", "those", "ones"). */
  static final Set<String> DEMONSTRATING = words(LIST_QUESTIONS.get("demonstrating"));

  /**
   * Words that ask for another form, phrasing or emphasis of the answer shown ("plainer", "casual",
   * "which line do i hammer", "in customer language").
   */
  static final Set<String> RESHAPING = words(LIST_QUESTIONS.get("reshaping"));

  /** Words that add a case to the answer shown ("and for an insurer?"). */
  static final Set<String> ADDING = words(LIST_QUESTIONS.get("adding"));

  /** Words that name a side of the answer shown ("for pharma which side is more relevant?"). */
  static final Set<String> SIDING = words(LIST_QUESTIONS.get("siding"));

  /** Words that place something in a table shown ("which row", "where does training land"). */
  static final Set<String> PLACING = words(LIST_QUESTIONS.get("placing"));

  /** Words that ask for more of a part named ("more on the training row", "what kind of apps"). */
  static final Set<String> EXPANDING = words(LIST_QUESTIONS.get("expanding"));

  private Lexicon() {}

  /** The guide's synonyms plus the contractions (the guide's win where both define a word). */
  static Map<String, String> withContractions(Map<String, String> synonyms) {
    Map<String, String> all = new HashMap<>(CONTRACTIONS);
    all.putAll(synonyms);
    return all;
  }

  /**
   * Whether a token carries no subject of its own: it is neutral, or only asks, points or refers.
   */
  static boolean onlyAsks(Analyzer.Token t) {
    String w = t.surface();
    return t.neutral() || ASKING.contains(w) || POINTING.contains(w) || REFERRING.contains(w);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  private static Set<String> words(String list) {
    Set<String> out = new java.util.HashSet<>();
    for (String w : list.split(",")) {
      if (!w.isBlank()) {
        out.add(w.strip());
      }
    }
    return Set.copyOf(out);
  }

  private static Map<String, String> pairs(List<String> lines) {
    Map<String, String> out = new HashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return Map.copyOf(out);
  }

  private static List<String> lines(String resource) {
    try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      List<String> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
