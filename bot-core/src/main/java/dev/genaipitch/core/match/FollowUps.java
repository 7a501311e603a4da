package dev.genaipitch.core.match;

import dev.genaipitch.core.content.FollowUpExample;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.RelationKind;
import dev.genaipitch.core.content.Section;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a message of a conversation in the context of the answer before it. A softmax regression
 * tells a follow-up ("shorter", "and sm?", "for an insurer?", "why though") from a question of its
 * own, and which kind of follow-up it is: its classes are the kinds of {@code relations/} and one
 * more, a question of its own, learned from the content alone (each kind's phrasings against every
 * example question of the guide, in scope or not). What a kind asks for after a section is the
 * section's relations, content too. Built once per guide (the built-in guide's at build time, like
 * the matcher's model); thread-safe and immutable.
 */
final class FollowUps {

  /** Where the built-in guide's follow-up model lives on the class path. */
  static final String RESOURCE = "/matching/built-in-follow-ups.bin";

  private static final int MAGIC = 0x47504631; // "GPF1"

  /** Bump when training changes in a way the fingerprint's inputs do not show. */
  private static final int FORMAT = 6;

  /** The feature that says which section was shown before the message: this, then its id. */
  private static final String SHOWN = "@shown=";

  private static final long SEED = 20261205L;

  /** Each further member of the averaged models starts from the seed before it plus this. */
  private static final long MEMBER_SEED_STEP = 7919L;

  /**
   * Settings, chosen on the development conversations (docs/matching.md).
   *
   * @param phrasingWeight training weight of a phrasing, relative to an example question
   * @param epochs passes over the training samples
   * @param rate AdaGrad learning rate
   * @param floor added to each share when the message's words and the side shown choose among
   *     several related sections, so that neither alone can rule one out
   * @param decay each related section after the first is this much less likely before the words are
   *     weighed: the order written decides when they say nothing
   * @param again how likely a question of its own asks for the section just shown, relative to any
   *     other section: a message whose own reading is the answer it follows mostly asks about a
   *     part of it ("the 'go deep' part, what does that cover?")
   * @param partCoverage the share of a declared part's weighed words a message must hold to name it
   * @param conversationWeight training weight of a message of a labelled conversation, relative to
   *     an example question (2 since round 15, chosen by cross-validation over writers)
   * @param evidence probability mass added, spread evenly, to what the message's words give the
   *     sections a kind relates before their shares are taken: words that point elsewhere ("without
   *     sounding salesy", "for a 5 person startup") then leave the choice to the side shown and the
   *     order written, instead of picking whichever related section they happen to touch most
   * @param againDoubt how much the kinds of follow-up together must hold before the {@code again}
   *     share goes to them: a complete question asked right after its own answer ("do we need
   *     both?" after need-both) gives every kind ~0, and shares of ~0 are noise, not evidence; nor
   *     is a few percent ("when should I use sagemaker" asked again: 0.3 since round 19, was 0.003,
   *     which gave kinds holding 5% together 94% of the share)
   * @param outOfScope how sure the message's own reading must be that the script does not cover it
   *     before that holds back the kinds of follow-up that lead into the script: from there to
   *     certainty, their share goes back to the message's own reading in proportion (0.9 since
   *     round 22, was 0.7 from round 7, chosen before the model learned from thousands of writers'
   *     conversations, out-of-scope follow-ups included; with them, 0.7 held back follow-ups whose
   *     words the script never uses, "shorter, for slack" after need-both; by cross-validation over
   *     writers +1 or +2 of 3,000 on every seed, 0.9 to 0.99 alike, hijacked unchanged)
   * @param members how many models are trained on the same samples, each from its own seed (the
   *     order it sees them in), and averaged: one model's reading of a message nobody tuned on
   *     depends on that order by a few conversations in a hundred; their average less so
   * @param readShownUpTo a message with at most this many subject words is read with the section
   *     shown before it: one feature for the section, and one for the section with each of the
   *     message's subject stems (round 23). They are learned from the labelled conversations'
   *     messages that are read so (each after the section its conversation showed before it), and
   *     only they learn from them: the rest of the model is round 22's, weight for weight. What the
   *     same short words ask depends on what they follow ("the last line", "then the second one",
   *     "and explain it"); a message with more subject words of its own is mostly a question of its
   *     own and is read as if nothing came before. Negative: never.
   * @param readShownBelow the section shown is read only when the matcher's reading of the message
   *     alone gives no class this much, and learned only from such messages: a short question the
   *     matcher is sure of alone ("what is rag actually", out of scope; "does fine-tuning fall
   *     under that", out of scope alone and when-sagemaker after it) is read as if nothing came
   *     before, exactly as round 22 read it
   */
  record Settings(
      double phrasingWeight,
      int epochs,
      double rate,
      double floor,
      double decay,
      double again,
      double partCoverage,
      double conversationWeight,
      double evidence,
      double againDoubt,
      double outOfScope,
      int members,
      int readShownUpTo,
      double readShownBelow) {

    static final Settings DEFAULT =
        new Settings(3.0, 10, 0.3, 0.05, 0.85, 0.3, 0.35, 2.0, 0.1, 0.3, 0.9, 3, 3, 0.4);
  }

  /** Nothing is a follow-up: a guide without kinds of follow-up. */
  static final FollowUps NONE =
      new FollowUps(List.of(), null, Map.of(), List.of(), Settings.DEFAULT, Map.of(), null);

  private static final int MAX_FOCUS_LINES = 4096;

  private final List<String> kinds; // then "a question of its own"
  private final QuestionReader reader;
  private final FeatureIndex featureIndex;
  private final List<Softmax> models; // averaged; empty when nothing is a follow-up
  private final Settings settings;
  private final Map<String, Map<String, Double>> titles; // section -> its title's stems, weighed
  private final PartPicker parts; // null when nothing is a follow-up

  /**
   * The subject stems of the lines of the guide's sections shown as the focus of a follow-up, by
   * line, read once per line for this guide: a follow-up's side of the answer shown re-read the
   * same line every time. Bounded by the guide's lines (and {@link #MAX_FOCUS_LINES} whatever
   * else), dropped with this model when the guide is reloaded.
   */
  private final Map<String, Set<String>> focusStems = new ConcurrentHashMap<>();

  private FollowUps(
      List<String> kinds,
      QuestionReader reader,
      Map<String, Integer> featureIndex,
      List<Softmax> models,
      Settings settings,
      Map<String, Map<String, Double>> titles,
      PartPicker parts) {
    this.kinds = List.copyOf(kinds);
    this.reader = reader;
    this.featureIndex = FeatureIndex.of(featureIndex);
    this.models = List.copyOf(models);
    this.settings = settings;
    this.titles = Map.copyOf(titles);
    this.parts = parts;
  }

  /**
   * The follow-up model for {@code guide}: the shipped one when it was trained from exactly this
   * content and these settings, else trained here.
   *
   * @param matcher the matcher's model for the same guide (its vocabulary reads messages here too)
   */
  static FollowUps build(Guide guide, TrainedModel matcher, Settings settings) {
    if (guide.relationKinds().isEmpty()) {
      return NONE;
    }
    String fingerprint = fingerprint(guide, matcher, settings);
    QuestionReader reader = reader(guide, matcher);
    Optional<FollowUps> shipped = lookup(fingerprint, guide, reader, settings);
    return shipped.orElseGet(() -> train(guide, matcher, reader, settings));
  }

  /** Trained now, whatever was shipped (for the build step and for measuring training). */
  static FollowUps train(Guide guide, TrainedModel matcher, Settings settings) {
    return guide.relationKinds().isEmpty()
        ? NONE
        : train(guide, matcher, reader(guide, matcher), settings);
  }

  /**
   * A reader that knows the phrasings' own words ("tho", "shorter", "liner"), so that they are read
   * as written rather than corrected toward the script's words.
   */
  private static QuestionReader reader(Guide guide, TrainedModel matcher) {
    Map<String, Integer> frequency = new HashMap<>(matcher.frequency());
    for (RelationKind kind : guide.relationKinds()) {
      for (String phrasing : kind.phrasings()) {
        for (String token : Tokenizer.tokens(phrasing)) {
          frequency.merge(token, 1, Integer::sum);
        }
      }
    }
    return new QuestionReader(
        guide, frequency, matcher.respellings(), SpellingCorrector.towardVocabulary(frequency));
  }

  /**
   * Trains on the kinds' phrasings against every example question of the guide; then, when the
   * guide has labelled conversations, again with their messages too, each labelled with what
   * answers it right: a question of its own when the matcher reads it right alone (and, unless its
   * writer marked it complete, no kind does), else the kind of follow-up whose relation from the
   * section shown before it resolves to its answer (among several, the one the phrasings make
   * likeliest). A message both read right alone and by a kind, or by neither, and a complete one
   * the matcher misreads alone, teach nothing: the first kind would teach a complete question to
   * follow whatever came before, the others nothing true. An out-of-scope follow-up read right
   * alone and by a kind that leads out of the script ("which llama versions exactly" after
   * when-bedrock: the kind of "what does that cost", which every section relates to none) teaches
   * that kind: it cannot lead a question into the script, and without it the writers' out-of-scope
   * follow-ups taught nothing while their follow-ups about the answer shown ("what triggers it
   * exactly") taught kinds that lead into it, so a question about a word of the answer that the
   * script never explains ("what's titan exactly") came to read as one of those (round 18).
   */
  private static FollowUps train(
      Guide guide, TrainedModel matcher, QuestionReader reader, Settings settings) {
    FollowUps first = train(guide, reader, settings, List.of());
    if (guide.followUpExamples().isEmpty()) {
      return first;
    }
    List<String> classes = QuestionReader.entries(guide).stream().map(Section::id).toList();
    QuestionReader matcherReader =
        new QuestionReader(
            guide,
            matcher.frequency(),
            matcher.respellings(),
            SpellingCorrector.towardVocabulary(matcher.frequency()));
    Map<String, Section> sections = guide.byId();
    List<Labelled> labelled = new ArrayList<>();
    for (FollowUpExample example : guide.followUpExamples()) {
      Section last = sections.get(example.after());
      if (last == null) {
        continue;
      }
      double[] alone = alone(example.message(), matcherReader, matcher);
      int label = first.label(example, last, alone, matcherReader, classes);
      if (label >= 0) {
        // Learned as it will be read: after the section shown only when the matcher is unsure of
        // it alone (readShownBelow); a message it is sure of is read as if nothing came before.
        String after = max(alone) < settings.readShownBelow() ? last.id() : null;
        labelled.add(new Labelled(example.message(), label, after));
      }
    }
    return train(guide, reader, settings, labelled);
  }

  /** A message of a labelled conversation, the class it teaches, and the section it followed. */
  private record Labelled(String message, int label, String after) {}

  /**
   * The class {@code example} teaches this model, or -1 when nothing answers it right; {@code
   * alone} is the matcher's reading of it alone.
   */
  private int label(
      FollowUpExample example,
      Section last,
      double[] alone,
      QuestionReader matcherReader,
      List<String> classes) {
    int ownQuestion = kinds.size();
    List<Analyzer.Token> tokens = matcherReader.read(example.message(), true);
    int best = 0;
    for (int c = 1; c < alone.length; c++) {
      if (alone[c] > alone[best]) {
        best = c;
      }
    }
    boolean rightAlone = example.answers().contains(classes.get(best));
    if (example.complete()) {
      // A complete question teaches "a question of its own" only when that reading answers it
      // right: one the matcher misreads alone ("ok thanks, that's all i needed": none alone, the
      // menu by its writer) would teach the model to leave it to that wrong reading.
      return rightAlone ? ownQuestion : -1;
    }
    double[] r = probabilities(example.message());
    boolean subject = tokens.stream().anyMatch(t -> !t.neutral());
    int label = -1;
    for (int k = 0; k < kinds.size(); k++) {
      List<String> related = last.related(kinds.get(k));
      // A kind teaches this message only if it would resolve to its answer as matching does.
      boolean answers =
          !related.isEmpty()
              && example
                  .answers()
                  .contains(choose(related, subject ? alone : null, last, null, classes));
      if (answers && (label < 0 || r[k] > r[label])) {
        label = k;
      }
    }
    if (rightAlone
        && label >= 0
        && example.answers().equals(List.of(Guide.NONE))
        && last.related(kinds.get(label)).contains(Guide.NONE)) {
      // Out of scope alone and by a kind that leads out of the script: nothing to hijack.
      return label;
    }
    if (rightAlone) {
      // Read right alone and as a follow-up too: it teaches neither.
      return label < 0 ? ownQuestion : -1;
    }
    return label;
  }

  /** The matcher's model's class probabilities for {@code message} read alone. */
  private static double[] alone(
      String message, QuestionReader matcherReader, TrainedModel matcher) {
    List<Analyzer.Token> tokens = matcherReader.read(message, true);
    return matcher
        .softmax()
        .probabilities(
            Softmax.indices(matcherReader.features(tokens), matcher.featureIndex()),
            QuestionReader.unknownMass(tokens, matcher.featureIndex()));
  }

  private static double max(double[] p) {
    double m = 0;
    for (double v : p) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static FollowUps train(
      Guide guide, QuestionReader reader, Settings settings, List<Labelled> conversations) {
    List<RelationKind> relationKinds = guide.relationKinds();
    List<String> kinds = relationKinds.stream().map(RelationKind::id).toList();
    int ownQuestion = kinds.size();
    List<String> texts = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Set<String> phrased = new HashSet<>();
    for (int k = 0; k < relationKinds.size(); k++) {
      for (String phrasing : relationKinds.get(k).phrasings()) {
        texts.add(phrasing);
        labels.add(k);
        phrased.add(phrasing.strip().toLowerCase(Locale.ROOT));
      }
    }
    for (Section entry : QuestionReader.entries(guide)) {
      for (String example : entry.examples()) {
        // A message both phrasings and examples hold ("tl;dr") is learned as the phrasing: after
        // an answer it is a follow-up; alone, the matcher reads it as the example still.
        if (!phrased.contains(example.strip().toLowerCase(Locale.ROOT))) {
          texts.add(example);
          labels.add(ownQuestion);
        }
      }
    }
    List<Double> weights = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      weights.add(labels.get(i) == ownQuestion ? 1.0 : settings.phrasingWeight());
    }
    for (Labelled l : conversations) {
      texts.add(l.message());
      labels.add(l.label());
      weights.add(settings.conversationWeight());
    }
    // Every text read as if nothing came before: the model a message is read by when the section
    // shown is not read (round 22's, weight for weight).
    List<Set<String>> featureSets = new ArrayList<>(texts.size());
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (String text : texts) {
      Set<String> fs = features(reader, reader.read(text, false), null, settings);
      featureSets.add(fs);
      fs.forEach(f -> documentFrequency.merge(f, 1, Integer::sum));
    }
    Map<String, Integer> featureIndex = new LinkedHashMap<>();
    for (Set<String> fs : featureSets) {
      for (String f : fs) {
        if (documentFrequency.get(f) >= 2) {
          featureIndex.putIfAbsent(f, featureIndex.size());
        }
      }
    }
    List<Softmax.Sample> samples = samples(featureSets, featureIndex, labels, weights);
    int alone = featureIndex.size();
    List<Softmax.Sample> shownSamples = List.of();
    if (settings.readShownUpTo() >= 0) {
      // Then the labelled conversations' messages that are read with the section shown (few
      // subject words, the matcher unsure of them alone: Labelled.after), read after it; only the
      // section's features learn from them. The rest of the model stays the one above, weight for
      // weight, so a message read as if nothing came before reads exactly as round 22 read it:
      // trained together, the section's features took over part of what the others had learned,
      // and "does fine-tuning fall under that" after when-sagemaker, which the matcher is sure of
      // alone (out of scope), went out of scope with them.
      List<Set<String>> shownSets = new ArrayList<>();
      List<Integer> shownLabels = new ArrayList<>();
      List<Double> shownWeights = new ArrayList<>();
      Map<String, Integer> shownFrequency = new HashMap<>();
      for (Labelled l : conversations) {
        List<Analyzer.Token> tokens = reader.read(l.message(), false);
        if (l.after() != null && subjectWords(tokens) <= settings.readShownUpTo()) {
          Set<String> fs = features(reader, tokens, l.after(), settings);
          shownSets.add(fs);
          shownLabels.add(l.label());
          shownWeights.add(settings.conversationWeight());
          fs.forEach(f -> shownFrequency.merge(f, 1, Integer::sum));
        }
      }
      for (Set<String> fs : shownSets) {
        for (String f : fs) {
          if (f.startsWith(SHOWN) && shownFrequency.get(f) >= 2) {
            featureIndex.putIfAbsent(f, featureIndex.size());
          }
        }
      }
      shownSamples = samples(shownSets, featureIndex, shownLabels, shownWeights);
    }
    // No weight decay: with thousands of example questions against a few hundred phrasings, decay
    // pulls every phrasing's words back toward "a question of its own" and no follow-up is learned.
    List<Softmax> models = new ArrayList<>();
    for (int m = 0; m < Math.max(1, settings.members()); m++) {
      long seed = SEED + MEMBER_SEED_STEP * m;
      Softmax model =
          Softmax.train(
              samples, kinds.size() + 1, alone, settings.epochs(), settings.rate(), 0, seed);
      if (featureIndex.size() > alone) {
        model =
            model.extended(
                shownSamples, featureIndex.size(), settings.epochs(), settings.rate(), seed);
      }
      models.add(model);
    }
    return new FollowUps(
        kinds,
        reader,
        featureIndex,
        models,
        settings,
        titles(guide, reader),
        new PartPicker(guide, reader, settings.partCoverage()));
  }

  private static List<Softmax.Sample> samples(
      List<Set<String>> featureSets,
      Map<String, Integer> featureIndex,
      List<Integer> labels,
      List<Double> weights) {
    List<Softmax.Sample> samples = new ArrayList<>(featureSets.size());
    for (int i = 0; i < featureSets.size(); i++) {
      samples.add(
          new Softmax.Sample(
              Softmax.indices(featureSets.get(i), featureIndex), 0, labels.get(i), weights.get(i)));
    }
    return samples;
  }

  /**
   * Each section's title as subject stems, each weighing how few titles share it: what tells which
   * side of a section a line is on ("Think of Bedrock like Amazon RDS for AI models" names "When to
   * use Bedrock", not "When to use SageMaker").
   */
  private static Map<String, Map<String, Double>> titles(Guide guide, QuestionReader reader) {
    Map<String, Set<String>> stems = new LinkedHashMap<>();
    Map<String, Integer> df = new HashMap<>();
    for (Section s : guide.sections()) {
      Set<String> own = subjectStems(reader, s.title());
      stems.put(s.id(), own);
      own.forEach(st -> df.merge(st, 1, Integer::sum));
    }
    Map<String, Map<String, Double>> out = new HashMap<>();
    int n = guide.sections().size();
    stems.forEach(
        (id, own) -> {
          Map<String, Double> weighed = new HashMap<>();
          own.forEach(st -> weighed.put(st, Math.log((n + 1.0) / df.get(st))));
          out.put(id, weighed);
        });
    return out;
  }

  private static Set<String> subjectStems(QuestionReader reader, String text) {
    Set<String> stems = new HashSet<>();
    for (Analyzer.Token t : reader.read(text, false)) {
      if (!t.neutral()) {
        stems.add(t.stem());
      }
    }
    return stems;
  }

  /**
   * A text's features: the matcher's (first word, stems, pairs, the guide's phrases), the last
   * word, and how many words and subject words it has, since a follow-up is mostly short and leans
   * on the answer before it for its subject; and, for a message with few subject words read right
   * after a section ({@code shown}; a phrasing or an example question follows none), that section
   * alone and with each of its subject stems ({@link Settings#readShownUpTo}).
   */
  private static Set<String> features(
      QuestionReader reader, List<Analyzer.Token> tokens, String shown, Settings settings) {
    Set<String> fs = new LinkedHashSet<>(reader.features(tokens));
    long subject = subjectWords(tokens);
    if (shown != null && subject <= settings.readShownUpTo()) {
      fs.add(SHOWN + shown);
      for (Analyzer.Token t : tokens) {
        if (!t.neutral()) {
          fs.add(SHOWN + shown + " " + t.stem());
        }
      }
    }
    fs.add("#subject=" + Math.min(subject, 3));
    fs.add("#words=" + Math.min(tokens.size(), 6));
    if (!tokens.isEmpty()) {
      fs.add("$" + tokens.get(tokens.size() - 1).stem());
    }
    return fs;
  }

  private static long subjectWords(List<Analyzer.Token> tokens) {
    return tokens.stream().filter(t -> !t.neutral()).count();
  }

  /** The kinds of follow-up, in the order of {@link #probabilities}. */
  List<String> kinds() {
    return kinds;
  }

  /**
   * For a message read alone: the probability of each kind of follow-up (in the order of {@link
   * #kinds}), then the probability that it asks something of its own.
   */
  double[] probabilities(String message) {
    return probabilities(message, null);
  }

  /**
   * The same for a message read right after section {@code shown} (null: none), which the model
   * reads when the message has few subject words ({@link Settings#readShownUpTo}).
   */
  double[] probabilities(String message, String shown) {
    if (models.isEmpty()) {
      return new double[] {1.0};
    }
    return probabilities(reader.read(message, true), shown);
  }

  private double[] probabilities(List<Analyzer.Token> tokens, String shown) {
    int[] features = Softmax.indices(features(reader, tokens, shown, settings), featureIndex);
    double[] p = models.get(0).probabilities(features, 0);
    for (int m = 1; m < models.size(); m++) {
      double[] q = models.get(m).probabilities(features, 0);
      for (int c = 0; c < p.length; c++) {
        p[c] += q[c];
      }
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= models.size();
    }
    return p;
  }

  /**
   * A message as the follow-up model reads it: its words, and the probability of each kind of
   * follow-up (in the order of {@link #kinds}), then that it asks something of its own. Read once
   * per message, for {@link #inContext} and {@link #readAs} both.
   */
  record Reading(List<Analyzer.Token> tokens, double[] kinds) {}

  /**
   * {@code message} as this model reads it right after section {@code shown} (null: none), when the
   * matcher reads it alone as {@code alone}: with the section shown when the message has few
   * subject words ({@link Settings#readShownUpTo}) and the matcher is not sure of it alone ({@link
   * Settings#readShownBelow}), else as if nothing came before.
   */
  Reading read(String message, String shown, double[] alone) {
    if (models.isEmpty()) {
      return new Reading(List.of(), new double[] {1.0});
    }
    List<Analyzer.Token> tokens = reader.read(message, true);
    boolean readShown =
        shown != null
            && subjectWords(tokens) <= settings.readShownUpTo()
            && max(alone) < settings.readShownBelow();
    return new Reading(tokens, probabilities(tokens, readShown ? shown : null));
  }

  /**
   * Whether the message read reads as a follow-up of {@code kind} before any other kind and before
   * a question of its own.
   */
  boolean readAs(String kind, Reading reading) {
    int k = kinds.indexOf(kind);
    return !models.isEmpty() && k >= 0 && IntentMatcher.likeliest(reading.kinds()) == k;
  }

  /**
   * Whether {@code tokens} only point at a row of the table {@code last} shows ({@link
   * PartPicker#onlyPointedAt}).
   */
  boolean onlyPointedAt(Section last, List<Analyzer.Token> tokens) {
    return parts != null && parts.onlyPointedAt(last, tokens);
  }

  /**
   * The class probabilities of a message read right after {@code last} was shown: its own reading
   * ({@code alone}) weighed by how likely it asks something of its own, plus each kind of
   * follow-up's likelihood given to the section {@code last} relates by that kind. Among several,
   * the message's own words choose, with the side of {@code last} shown ({@code focus}) and the
   * order written. A kind {@code last} relates to nothing leaves the message to its own reading. A
   * message that names a part of {@code last} held in full by another section (its {@code parts})
   * asks for that section: whatever the kinds of follow-up would give {@code last} goes there, and
   * so does a kind that relates it among others ("more on the 'use ai quickly' row"); its own
   * reading of {@code last} stays, a question of its own.
   *
   * @param message the message as {@link #read} reads it
   * @param alone the matcher's class probabilities for the message read alone
   * @param subject the same when the message has subject words, to choose among related sections by
   *     ("cfo" in "ok and for a cfo"); null when it has none ("more", "and the other one?")
   * @param focus the line of {@code last} shown first, or null
   * @param classes the matcher's classes, in the order of {@code alone}
   */
  double[] inContext(
      Reading message,
      double[] alone,
      double[] subject,
      Section last,
      String focus,
      List<String> classes) {
    if (models.isEmpty()) {
      return alone.clone();
    }
    List<Analyzer.Token> tokens = message.tokens();
    double[] r = message.kinds().clone();
    String part = parts.named(last, tokens);
    double own = r[r.length - 1];
    double kindsTogether = 1 - own;
    if (kindsTogether > 0) {
      // A follow-up reads as some kind of follow-up in particular ("shorter", "and for a bank?").
      // A message whose follow-up mass is spread thin over many kinds ("ok and the definitions",
      // "and that analogy thing?") is recognizably none of them: only its short, answer-leaning
      // shape says follow-up, while its words may name a section outright. The kinds keep their
      // shares' Euclidean norm of what they hold (all of it when one kind holds it all, 1/sqrt(n)
      // when n kinds share it evenly); the rest goes back to the message's own reading.
      double squares = 0;
      for (int k = 0; k < kinds.size(); k++) {
        squares += (r[k] / kindsTogether) * (r[k] / kindsTogether);
      }
      double keep = Math.sqrt(squares);
      for (int k = 0; k < kinds.size(); k++) {
        own += r[k] * (1 - keep);
        r[k] *= keep;
      }
    }
    double follow = 1 - own;
    int lastClass = classes.indexOf(last.id());
    if (follow > 0 && lastClass >= 0) {
      double again =
          own
              * alone[lastClass]
              * (1 - settings.again())
              * follow
              / (follow + settings.againDoubt());
      for (int k = 0; k < kinds.size(); k++) {
        r[k] += again * r[k] / follow;
      }
      own -= again;
    }
    double[] p = new double[alone.length];
    double followedToLast = 0; // what the kinds of follow-up give the section shown
    int noneClass = classes.indexOf(Guide.NONE);
    for (int k = 0; k < kinds.size(); k++) {
      List<String> related = last.related(kinds.get(k));
      if (related.isEmpty()) {
        own += r[k];
        continue;
      }
      double moved = r[k];
      if (subject != null && noneClass >= 0 && !related.contains(Guide.NONE)) {
        // Words the script does not cover ("what does that cost a month?", "in german") keep the
        // message's own reading out of scope: a kind that leads into the script takes only what
        // they leave it.
        double back = (subject[noneClass] - settings.outOfScope()) / (1 - settings.outOfScope());
        if (back > 0) {
          own += moved * Math.min(1, back);
          moved -= moved * Math.min(1, back);
        }
      }
      String chosen =
          part != null && related.contains(part)
              ? part
              : choose(related, subject, last, focus, classes);
      p[classes.indexOf(chosen)] += moved;
      if (chosen.equals(last.id())) {
        followedToLast += moved;
      }
    }
    for (int c = 0; c < p.length; c++) {
      p[c] += own * alone[c];
    }
    if (part != null && lastClass >= 0) {
      // Only what the kinds of follow-up give the section shown asks for the part named: the
      // message's own reading of that section is a question of its own, answered as itself ("is
      // bedrock like rds?" asked again after the analogy is the analogy, not when-bedrock).
      p[classes.indexOf(part)] += followedToLast;
      p[lastClass] -= followedToLast;
    }
    return p;
  }

  /**
   * The one of {@code related} a follow-up asks for: by its subject words, the side of the last
   * answer shown and the order written, each a likelihood.
   */
  private String choose(
      List<String> related, double[] subject, Section last, String focus, List<String> classes) {
    if (related.size() == 1) {
      return related.get(0);
    }
    int[] c = new int[related.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = classes.indexOf(related.get(i));
    }
    double[] words = subject == null ? null : shares(subject, c, settings.evidence());
    // The side shown tells "more" after the Bedrock definition from "more" after SageMaker's; it
    // says nothing when the section shown is itself one of the choices.
    double[] side = focus == null || related.contains(last.id()) ? null : side(focus, related);
    int best = 0;
    double bestWeight = -1;
    double prior = 1;
    for (int i = 0; i < c.length; i++) {
      double w = prior;
      if (words != null) {
        w *= words[i] + settings.floor();
      }
      if (side != null) {
        w *= side[i] + settings.floor();
      }
      if (w > bestWeight) {
        best = i;
        bestWeight = w;
      }
      prior *= settings.decay();
    }
    return related.get(best);
  }

  /**
   * How much {@code line} names each of {@code sections} (the words of their titles that tell them
   * apart), as shares; null when it names none of them.
   */
  private double[] side(String line, List<String> sections) {
    Set<String> stems = new HashSet<>(focusStems(line));
    for (String id : sections) {
      Set<String> own = titles.getOrDefault(id, Map.of()).keySet();
      if (own.isEmpty()) {
        return null;
      }
    }
    Set<String> shared = new HashSet<>(titles.get(sections.get(0)).keySet());
    for (String id : sections) {
      shared.retainAll(titles.get(id).keySet());
    }
    stems.removeAll(shared);
    double[] out = new double[sections.size()];
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      for (Map.Entry<String, Double> e :
          titles.getOrDefault(sections.get(i), Map.of()).entrySet()) {
        if (stems.contains(e.getKey())) {
          out[i] += e.getValue();
        }
      }
      sum += out[i];
    }
    if (sum <= 0) {
      return null;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  private Set<String> focusStems(String line) {
    Set<String> stems = focusStems.get(line);
    if (stems == null) {
      stems = Set.copyOf(subjectStems(reader, line));
      if (focusStems.size() < MAX_FOCUS_LINES) {
        focusStems.put(line, stems);
      }
    }
    return stems;
  }

  /**
   * The probabilities of classes {@code c}, as shares of their sum with {@code evidence} added,
   * spread evenly: the less of the message's probability they hold together, the nearer to even.
   */
  private static double[] shares(double[] p, int[] c, double s) {
    double[] out = new double[c.length];
    double sum = 0;
    for (int i = 0; i < c.length; i++) {
      sum += p[c[i]];
    }
    for (int i = 0; i < c.length; i++) {
      out[i] = sum + s > 0 ? (p[c[i]] + s / c.length) / (sum + s) : 1.0 / c.length;
    }
    return out;
  }

  /** A digest of everything training reads: the matcher's model, the phrasings, the settings. */
  static String fingerprint(Guide guide, TrainedModel matcher, Settings settings) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    List<String> parts = new ArrayList<>();
    parts.add("format " + FORMAT);
    parts.add(matcher.fingerprint());
    parts.add(
        settings.phrasingWeight()
            + " "
            + settings.epochs()
            + " "
            + settings.rate()
            + " "
            + settings.conversationWeight()
            + " "
            + SEED
            + " "
            + settings.evidence()
            + " "
            + settings.members()
            + " "
            + settings.readShownUpTo()
            + " "
            + settings.readShownBelow());
    for (RelationKind kind : guide.relationKinds()) {
      parts.add("kind " + kind.id());
      parts.addAll(kind.phrasings());
    }
    for (FollowUpExample example : guide.followUpExamples()) {
      parts.add(
          "after "
              + example.after()
              + " "
              + example.answers()
              + " "
              + example.complete()
              + " "
              + example.message());
    }
    for (Section s : guide.sections()) {
      // Which kinds answer a conversation's message right depends on the relations.
      parts.add("relations " + s.id() + " " + s.relations());
    }
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) ':');
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  void write(String fingerprint, DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeUTF(fingerprint);
    out.writeInt(kinds.size());
    for (String kind : kinds) {
      out.writeUTF(kind);
    }
    out.writeInt(featureIndex.size());
    for (int i = 0; i < featureIndex.size(); i++) {
      out.writeUTF(featureIndex.name(i));
    }
    out.writeInt(models.size());
    for (Softmax model : models) {
      model.write(out);
    }
  }

  /** The shipped model, if it was trained from exactly what {@code fingerprint} describes. */
  private static Optional<FollowUps> lookup(
      String fingerprint, Guide guide, QuestionReader reader, Settings settings) {
    InputStream resource = FollowUps.class.getResourceAsStream(RESOURCE);
    if (resource == null) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(resource, 1 << 16))) {
      if (in.readInt() != MAGIC || !in.readUTF().equals(fingerprint)) {
        return Optional.empty();
      }
      int count = in.readInt();
      List<String> kinds = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        kinds.add(in.readUTF());
      }
      int features = in.readInt();
      Map<String, Integer> featureIndex = new HashMap<>(features * 2);
      for (int i = 0; i < features; i++) {
        featureIndex.put(in.readUTF(), i);
      }
      int members = in.readInt();
      List<Softmax> models = new ArrayList<>(members);
      for (int m = 0; m < members; m++) {
        models.add(Softmax.read(in));
      }
      return Optional.of(
          new FollowUps(
              kinds,
              reader,
              featureIndex,
              models,
              settings,
              titles(guide, reader),
              new PartPicker(guide, reader, settings.partCoverage())));
    } catch (IOException e) {
      return Optional.empty(); // an unreadable cache is only a slower start
    }
  }
}
