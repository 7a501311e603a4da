package dev.genaipitch.core.match;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps a question, phrased any way people type, to a section of the guide, to {@code help}, or to
 * {@code none} when the script does not cover it.
 *
 * <p>Questions become features: the stems of their subject words (after synonyms and typo
 * correction), the guide's multi-word keywords, and the weight of subject words the guide never
 * uses. A softmax regression learns, from the content alone (each entry's example questions,
 * keywords, title, and the script's text), which features point where; the {@code none} entry's
 * examples teach it what is out of scope, and words unseen in the content count toward {@code
 * none}. Built once per guide; thread-safe and immutable.
 */
public final class IntentMatcher {

  private static final int MAX_ALTERNATIVES = 3;

  /** The kind of follow-up that asks for the section shown in fewer words. */
  static final String SHORTER = "shorter";

  /** The kind of follow-up that asks for the point in one line. */
  static final String ONE_LINE = "one-line";

  /** How sure a part of one subject word must point at a section to count as asking about it. */
  private static final double SURE_OF_ONE_WORD = 0.8;

  /** Words that open a question: not subject words when counting what a part asks. */
  private static final Set<String> QUESTION_WORDS =
      Set.of(
          "what", "whats", "which", "where", "when", "who", "why", "how", "is", "are", "does", "do",
          "can", "could", "should", "will", "any");

  private final Tuning tuning;
  private final QuestionReader reader;
  private final List<String> classes; // sections in guide order, then help, then none
  private final int help;
  private final int none;
  private final FeatureIndex featureIndex;
  private final Softmax model;
  private final LinePicker lines;
  private final Map<String, Section> sections;
  private final FollowUps followUps;
  private final SectionNumbers numbers;

  private IntentMatcher(Guide guide, Tuning tuning, TrainedModel trained, FollowUps followUps) {
    this.tuning = tuning;
    this.classes = QuestionReader.entries(guide).stream().map(Section::id).toList();
    this.help = classes.size() - 2;
    this.none = classes.size() - 1;
    this.reader =
        new QuestionReader(
            guide,
            trained.frequency(),
            trained.respellings(),
            SpellingCorrector.towardVocabulary(trained.frequency()));
    this.featureIndex = FeatureIndex.of(trained.featureIndex());
    this.model = trained.softmax();
    this.lines = new LinePicker(guide, reader, tuning.lineCoverage(), tuning.lineWeight());
    this.sections = guide.byId();
    this.followUps = followUps;
    this.numbers = SectionNumbers.of(guide);
  }

  /**
   * A matcher for {@code guide}, with the tuned defaults: the built-in guide's model comes with the
   * application; any other content is trained here, from its examples, keywords and text.
   */
  public static IntentMatcher build(Guide guide) {
    return build(guide, Tuning.DEFAULT);
  }

  static IntentMatcher build(Guide guide, Tuning tuning) {
    return build(guide, tuning, FollowUps.Settings.DEFAULT);
  }

  static IntentMatcher build(Guide guide, Tuning tuning, FollowUps.Settings followUps) {
    String fingerprint = ModelCache.fingerprint(guide, tuning);
    TrainedModel trained =
        ModelCache.lookup(fingerprint).orElseGet(() -> Training.train(guide, tuning, fingerprint));
    return new IntentMatcher(guide, tuning, trained, FollowUps.build(guide, trained, followUps));
  }

  /** A matcher trained now, whatever was shipped (for measuring training itself). */
  static IntentMatcher train(Guide guide, Tuning tuning) {
    TrainedModel trained = Training.train(guide, tuning, ModelCache.fingerprint(guide, tuning));
    return new IntentMatcher(
        guide, tuning, trained, FollowUps.train(guide, trained, FollowUps.Settings.DEFAULT));
  }

  /** Confidence below which a question is answered {@code none}. */
  public double threshold() {
    return tuning.threshold();
  }

  /**
   * Matches one message; never throws, whatever the text. A message that asks several things ("need
   * both? also the RDS line", "60-sec version + which regions?") is matched part by part: the first
   * part the script covers is the answer, the other covered parts come with it ({@link
   * MatchResult#alsoAsked}), and the parts it does not cover are named ({@link
   * MatchResult#notCovered}). A question about one fact gets the line that answers it.
   */
  public MatchResult match(String question) {
    String text = question == null ? "" : question;
    Map<String, List<Analyzer.Token>> analyzed = new HashMap<>();
    MatchResult alone = matchAlone(text, analyzed);
    return numbered(text, alone, false, analyzed);
  }

  /**
   * {@code alone} as the section {@code text} names by the script's numbering, when it names one
   * ("whats in section 9"; in a conversation also a number alone, "3?"): the guide's order is the
   * script's, and a number names one section whatever the words around it.
   */
  private MatchResult numbered(
      String text,
      MatchResult alone,
      boolean inConversation,
      Map<String, List<Analyzer.Token>> analyzed) {
    String id = numbers.named(text, inConversation).orElse(null);
    if (id == null || !alone.alsoAsked().isEmpty() || !alone.notCovered().isEmpty()) {
      return alone;
    }
    MatchResult result = new MatchResult(text, id, 1.0, List.of(), List.of());
    return withKeyLine(result, analyzed.computeIfAbsent(text, k -> reader.read(k, true)));
  }

  /**
   * @param analyzed texts already analyzed in this call, by text: each is analyzed once however
   *     many times it and its parts are weighed
   */
  private MatchResult matchAlone(String text, Map<String, List<Analyzer.Token>> analyzed) {
    Function<String, List<Analyzer.Token>> tokens =
        t -> analyzed.computeIfAbsent(t, k -> reader.read(k, true));
    MatchResult whole = single(text, tokens.apply(text));
    List<String> split = QuestionParts.split(text);
    List<String> parts = split.size() < 2 ? split : standalone(split, tokens);
    if (parts.size() < 2) {
      return withKeyLine(whole, tokens.apply(text));
    }
    List<MatchResult> each = parts.stream().map(p -> single(p, tokens.apply(p))).toList();
    MatchResult combined = combined(text, each);
    if (combined == null) {
      return withKeyLine(whole, tokens.apply(text));
    }
    String asked = text;
    for (int i = 0; i < parts.size(); i++) {
      if (each.get(i).intent().equals(combined.intent())) {
        asked = parts.get(i);
        break;
      }
    }
    return withKeyLine(combined, tokens.apply(asked));
  }

  /**
   * Matches one message of a conversation, read with what was shown before it as evidence: a
   * follow-up ("shorter", "and sm?", "for an insurer?", "why though") gets what it asks for after
   * the last section shown, as the guide's relations say; a question of its own is matched as
   * itself, whatever came before; an out-of-scope follow-up stays out of scope. Never throws.
   *
   * @param context what the conversation showed so far, the most recent first; empty for a message
   *     with no conversation before it (then this is {@link #match(String)})
   */
  public MatchResult match(String question, List<Shown> context) {
    String text = question == null ? "" : question;
    Map<String, List<Analyzer.Token>> analyzed = new HashMap<>();
    MatchResult alone = matchAlone(text, analyzed);
    Shown shown = context.isEmpty() ? null : context.get(0);
    MatchResult byNumber = numbered(text, alone, shown != null, analyzed);
    if (byNumber != alone) {
      return byNumber;
    }
    Section last = shown == null ? null : sections.get(shown.section());
    if (last == null || !alone.alsoAsked().isEmpty() || !alone.notCovered().isEmpty()) {
      return alone;
    }
    List<Analyzer.Token> tokens = analyzed.computeIfAbsent(text, k -> reader.read(k, true));
    if (tokens.isEmpty()) {
      return alone;
    }
    List<String> lines = last.lines();
    String focus =
        shown.keyLine() >= 0 && shown.keyLine() < lines.size() ? lines.get(shown.keyLine()) : null;
    double[] own = probabilities(tokens);
    // Words with no subject ("more", "and the other one?") say it is a follow-up, not which.
    boolean subject = tokens.stream().anyMatch(t -> !t.neutral());
    FollowUps.Reading reading = followUps.read(text, last.id(), own);
    double[] p = followUps.inContext(reading, own, subject ? own : null, last, focus, classes);
    stayOnTheSideShown(last, tokens, p);
    heldByTheSectionShown(last, tokens, p);
    labelShown(last, tokens, p);
    aboutTheAnswerShown(last, tokens, p);
    MatchResult result = withKeyLine(verdict(text, tokens, p), tokens);
    return asksItShorter(result, last, reading) ? result.asBrief() : result;
  }

  /**
   * Whether {@code result}, read after {@code last}, asks for {@code last} shorter: it stays on the
   * section shown, that section has a short form and relates to itself the kind of follow-up the
   * model reads the message as, before any other and before a question of its own: {@code shorter}
   * ("shorter", "tl;dr", "too long"; not "say that again" or "when should i use sagemaker" asked
   * again) or {@code one-line} ("in one line?" after the opening, whose one line is its own).
   */
  private boolean asksItShorter(MatchResult result, Section last, FollowUps.Reading reading) {
    return result.intent().equals(last.id())
        && !last.brief().isEmpty()
        && (asksForItself(SHORTER, last, reading) || asksForItself(ONE_LINE, last, reading));
  }

  /** Whether {@code last} relates {@code kind} to itself and the message reads as that kind. */
  private boolean asksForItself(String kind, Section last, FollowUps.Reading reading) {
    return last.related(kind).contains(last.id()) && followUps.readAs(kind, reading);
  }

  /**
   * A message that names neither service and whose every subject word a line of the section shown
   * and a line of its other side both hold ("key message?", "and the models it has?" after
   * when-bedrock: each side has such a line) gives the model no word to choose a side by: it stays
   * on the side shown, where the model's own reading would pick one nearly at random.
   */
  private void stayOnTheSideShown(Section last, List<Analyzer.Token> tokens, double[] p) {
    int top = likeliest(p);
    int shown = classes.indexOf(last.id());
    if (top == shown || top >= help) {
      return;
    }
    String other = classes.get(top);
    boolean otherSide =
        last.relations().stream()
            .anyMatch(r -> r.kind().equals("other-side") && r.sections().contains(other));
    if (otherSide && lines.bothHold(last.id(), other, tokens)) {
      trade(p, top, shown);
    }
  }

  /**
   * A message that names no service and holds every word of a label of the section shown (a
   * sub-heading, or a line ending in a colon: "Key message:") asks for that part of it ("key
   * message in one line" after when-bedrock, where "in one line" alone would ask for the
   * definitions): the section shown trades probabilities with the likeliest class.
   */
  private void labelShown(Section last, List<Analyzer.Token> tokens, double[] p) {
    int shown = classes.indexOf(last.id());
    if (shown >= 0 && lines.labelNamed(last.id(), tokens)) {
      tradeWithTheLikeliest(p, shown);
    }
  }

  /**
   * A message that asks only about the answer shown as something to say ("which sentence do i
   * stress most", "now break it into bullet points for my notes", "tone?", "how long does it take
   * to say"; {@link LinePicker#aboutDelivering}), or only how it lands with an audience or an
   * industry ("which of those would a CFO care about", "does that cover a bank"; {@link
   * LinePicker#aboutAnAudience}), asks about the section shown, whatever another section's or
   * none's reading of its words: the section shown takes none's share, and the likeliest other
   * section's when that one is likelier than it.
   */
  private void aboutTheAnswerShown(Section last, List<Analyzer.Token> tokens, double[] p) {
    int shown = classes.indexOf(last.id());
    if (shown < 0
        || !(lines.aboutDelivering(tokens)
            || lines.aboutAnAudience(tokens)
            || lines.aboutTheFormShown(tokens)
            || followUps.onlyPointedAt(last, tokens))) {
      return;
    }
    int top = -1;
    for (int k = 0; k < p.length; k++) {
      if (k != shown && k != none && (top < 0 || p[k] > p[top])) {
        top = k;
      }
    }
    if (top >= 0 && p[top] > p[shown]) {
      p[shown] += p[top];
      p[top] = 0;
    }
    p[shown] += p[none];
    p[none] = 0;
  }

  /** {@code c} and the likeliest class trade probabilities. */
  private static void tradeWithTheLikeliest(double[] p, int c) {
    trade(p, likeliest(p), c);
  }

  /** The likeliest class (the first, when several are equally likely). */
  static int likeliest(double[] p) {
    int top = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[top]) {
        top = k;
      }
    }
    return top;
  }

  /** Classes {@code a} and {@code b} trade probabilities. */
  private static void trade(double[] p, int a, int b) {
    double t = p[a];
    p[a] = p[b];
    p[b] = t;
  }

  /** Whether no class is likelier than none: the message reads as out of scope. */
  private boolean readAsNone(double[] p) {
    for (double q : p) {
      if (q > p[none]) {
        return false;
      }
    }
    return true;
  }

  /** The likeliest of the sections {@code ids} (the first, when equally likely), or -1. */
  private int likeliestOf(Iterable<String> ids, double[] p) {
    int held = -1;
    for (String id : ids) {
      int c = classes.indexOf(id);
      if (held < 0 || p[c] > p[held]) {
        held = c;
      }
    }
    return held;
  }

  /**
   * A message read as out of scope that names no service but points back at the one shown ("it",
   * "there": "how does it handle governance", "is rag in there" after when-bedrock), whose every
   * subject word one line of the section shown holds, asks what that line says: the section shown
   * and none trade probabilities. The service shown stands for the one a question alone would name
   * (as in {@link #heldByALine}).
   */
  private void heldByTheSectionShown(Section last, List<Analyzer.Token> tokens, double[] p) {
    int shown = classes.indexOf(last.id());
    if (shown >= 0 && readAsNone(p) && lines.heldBy(last.id(), tokens)) {
      trade(p, none, shown);
    }
  }

  /**
   * Parts that ask something on their own: two subject words, or one in a question ("which
   * regions?") or one that alone points at a section ("opener + 1-liners"). Anything less ("just
   * confirm", "titan" in "titan + llama + claude") belongs to the part before it (or after it, when
   * first).
   */
  private List<String> standalone(
      List<String> parts, Function<String, List<Analyzer.Token>> tokens) {
    List<String> out = new ArrayList<>();
    String pending = null;
    for (String part : parts) {
      String joined = pending == null ? part : pending + " " + part;
      if (asksOnItsOwn(part, tokens.apply(part))) {
        out.add(joined);
        pending = null;
      } else if (pending == null && !out.isEmpty()) {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + part);
      } else {
        pending = joined;
      }
    }
    if (pending != null) {
      if (out.isEmpty()) {
        out.add(pending);
      } else {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + pending);
      }
    }
    return out;
  }

  private boolean asksOnItsOwn(String part, List<Analyzer.Token> tokens) {
    long subject =
        tokens.stream().filter(t -> !t.neutral() && !QUESTION_WORDS.contains(t.surface())).count();
    if (subject != 1) {
      return subject > 1;
    }
    if (part.strip().endsWith("?")
        || (!tokens.isEmpty() && QUESTION_WORDS.contains(tokens.get(0).surface()))) {
      return true;
    }
    MatchResult alone = single(part, tokens);
    return !alone.intent().equals(Guide.NONE)
        && !alone.intent().equals(Guide.HELP)
        && alone.score() >= SURE_OF_ONE_WORD;
  }

  /**
   * The answer to a message in several parts: the first part the script covers, the other covered
   * parts with it, and the parts it does not cover named; null when the message is better answered
   * as a whole: its parts all ask about one section, or the script covers none of them.
   */
  private MatchResult combined(String text, List<MatchResult> parts) {
    List<MatchResult> covered = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    for (MatchResult r : parts) {
      if (r.score() < tuning.partScore() || r.intent().equals(Guide.HELP)) {
        continue;
      }
      if (r.intent().equals(Guide.NONE)) {
        uncovered.add(r.question().strip());
      } else if (covered.stream().noneMatch(c -> c.intent().equals(r.intent()))) {
        covered.add(r);
      }
    }
    if (covered.isEmpty() || (uncovered.isEmpty() && covered.size() < 2)) {
      return null;
    }
    MatchResult first = covered.get(0);
    List<String> also = covered.stream().skip(1).map(MatchResult::intent).toList();
    List<MatchResult.Candidate> alternatives =
        first.alternatives().stream().filter(c -> !also.contains(c.intent())).toList();
    return new MatchResult(
        text, first.intent(), first.score(), alternatives, List.of(), also, uncovered, -1);
  }

  private MatchResult withKeyLine(MatchResult m, List<Analyzer.Token> asked) {
    if (classes.indexOf(m.intent()) >= help || !m.alsoAsked().isEmpty()) {
      return m;
    }
    int line = lines.pick(m.intent(), asked);
    if (line < 0) {
      return m;
    }
    return new MatchResult(
        m.question(),
        m.intent(),
        m.score(),
        m.alternatives(),
        m.didYouMean(),
        m.alsoAsked(),
        m.notCovered(),
        line);
  }

  /** Matches {@code text}, read as {@code tokens}, as one question. */
  private MatchResult single(String text, List<Analyzer.Token> tokens) {
    if (tokens.isEmpty()) {
      return new MatchResult(text, Guide.HELP, 1.0, List.of(), List.of()); // nothing, or only emoji
    }
    return verdict(text, tokens, probabilities(tokens));
  }

  /** The model's probability of each class (sections in guide order, help, none). */
  double[] probabilities(List<Analyzer.Token> tokens) {
    int[] features = reader.featureIndices(tokens, featureIndex);
    double unknown = QuestionReader.unknownMass(tokens, featureIndex);
    double[] p = model.probabilities(features, unknown);
    heldByALine(tokens, p);
    heldOnOneSide(tokens, p);
    return p;
  }

  /**
   * A question that offers both services as a choice ("which is better for a customer support
   * chatbot, bedrock or sagemaker"), whose other subject words lines of one side hold and no line
   * of the other side does, asks for that side: the section holding it (the likeliest, when several
   * do) trades probabilities with the model's likeliest class. The model reads "which is better,
   * bedrock or sagemaker" as the stage table (they do not compete) whatever it is better for.
   */
  private void heldOnOneSide(List<Analyzer.Token> tokens, double[] p) {
    int held = likeliestOf(lines.oneSide(tokens), p);
    if (held >= 0) {
      tradeWithTheLikeliest(p, held);
    }
  }

  /**
   * A question the model reads as out of scope, whose every subject word one line of the script
   * holds on the side of the service it names ("is llama on bedrock?", "what models does bedrock
   * offer?"), asks what that line lists: the section holding it (the likeliest, when several do)
   * and none trade probabilities. The model alone learns such names ("Claude", "Llama", "RAG")
   * mostly from out-of-scope questions about them (regions, prices, context windows).
   */
  private void heldByALine(List<Analyzer.Token> tokens, double[] p) {
    if (!readAsNone(p)) {
      return;
    }
    int held = likeliestOf(lines.holding(tokens), p);
    if (held >= 0) {
      trade(p, held, none);
    }
  }

  /** The answer to {@code text} (read as {@code tokens}, not empty) by class probabilities. */
  MatchResult verdict(String text, List<Analyzer.Token> tokens, double[] p) {
    boolean smallTalk = true;
    for (Analyzer.Token t : tokens) {
      smallTalk &= t.neutral();
    }
    int[] order = byProbability(p);
    int best = order[0] == none ? order[1] : order[0];
    boolean isNone = order[0] == none || p[best] < tuning.threshold();

    List<MatchResult.Candidate> alternatives = new ArrayList<>();
    List<String> didYouMean = new ArrayList<>();
    for (int c : order) {
      if (c == none || (c == best && !isNone) || alternatives.size() == MAX_ALTERNATIVES) {
        continue;
      }
      alternatives.add(new MatchResult.Candidate(classes.get(c), round(p[c])));
      // For none, the closest topics are offered however weak; for a section, only a close
      // runner-up.
      boolean close = isNone || p[c] >= tuning.didYouMeanRatio() * p[best];
      if (c != help && close && didYouMean.size() < 2) {
        didYouMean.add(classes.get(c));
      }
    }
    if (isNone && smallTalk) {
      // Greetings and filler without a subject are not "out of scope": show the menu.
      List<MatchResult.Candidate> others =
          alternatives.stream().filter(a -> !a.intent().equals(Guide.HELP)).toList();
      return new MatchResult(text, Guide.HELP, round(p[help]), others, List.of());
    }
    if (isNone) {
      // The score is none's own probability, so that it and the alternatives' add up to at most
      // 1; a question is also answered none when no section reaches the threshold.
      return new MatchResult(text, Guide.NONE, round(p[none]), alternatives, didYouMean);
    }
    return new MatchResult(text, classes.get(best), round(p[best]), alternatives, didYouMean);
  }

  /**
   * The classes, likeliest first, equally likely ones in class order: what a stable sort of the
   * class numbers by {@code -p[c]} ({@link Double#compare}) gives, without boxing them.
   */
  private static int[] byProbability(double[] p) {
    int[] order = new int[p.length];
    for (int c = 0; c < order.length; c++) {
      int at = c;
      while (at > 0 && Double.compare(-p[order[at - 1]], -p[c]) > 0) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = c;
    }
    return order;
  }

  /** For diagnostics: the analyzed tokens, marking neutral ones and words unknown to the model. */
  String explainTokens(String question) {
    StringBuilder sb = new StringBuilder();
    for (Analyzer.Token t : reader.read(question, true)) {
      sb.append(t.surface());
      if (t.neutral()) {
        sb.append("(n)");
      } else if (featureIndex.indexOf(t.stem()) < 0) {
        sb.append("(?)");
      }
      sb.append(' ');
    }
    return sb.toString().strip();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
