package dev.genaipitch.core;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.match.IntentMatcher;
import dev.genaipitch.core.match.MatchResult;
import dev.genaipitch.core.match.Shown;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bot, independent of any chat platform: a question in, an {@link Answer} out. Slack, Teams,
 * the terminal and the playground all call this and only render what it returns.
 *
 * <p>A message of a conversation is read in the context of what the conversation showed before
 * ({@link #ask(String, String, String)}): each adapter passes only its conversation's key, and the
 * bot remembers, in its {@link ConversationStore}, which sections it showed there.
 *
 * <p>Thread-safe. {@link #replaceGuide} swaps content atomically: a question is always answered
 * from one whole guide, old or new.
 */
public final class PitchBot {

  /**
   * Runners-up below this share of the matcher's confidence are noise in a list of search results.
   */
  static final double SEARCH_MIN_SCORE = 0.05;

  /**
   * The kind of follow-up whose section is the 60-second summary (or the spoken form) of the one
   * shown: a brief answer offers it.
   */
  private static final String EXECUTIVE = "executive";

  private record Loaded(Guide guide, IntentMatcher matcher) {}

  private final AtomicReference<Loaded> loaded;
  private final BotListener listener;
  private final ConversationStore conversations;

  private PitchBot(Loaded content, BotListener listener, ConversationStore conversations) {
    this.loaded = new AtomicReference<>(content);
    this.listener = Objects.requireNonNull(listener, "listener");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
  }

  /** A bot answering from {@code guide}, remembering conversations in this process. */
  public static PitchBot create(Guide guide) {
    return create(guide, BotListener.NONE);
  }

  /**
   * A bot answering from {@code guide} and telling {@code listener} what it answered, remembering
   * conversations in this process ({@link ConversationStore#inMemory} with its defaults).
   */
  public static PitchBot create(Guide guide, BotListener listener) {
    return create(
        guide,
        listener,
        ConversationStore.inMemory(
            ConversationStore.MAX_CONVERSATIONS, ConversationStore.IDLE, Clock.systemUTC()));
  }

  /** A bot answering from {@code guide}, remembering conversations in {@code conversations}. */
  public static PitchBot create(
      Guide guide, BotListener listener, ConversationStore conversations) {
    return create(prepare(guide), listener, conversations);
  }

  /**
   * A guide with its matcher built, for a bot made later: {@code serve} prepares it on a thread of
   * its own while its main thread sets up logging and metrics.
   */
  public static final class Prepared {
    private final Loaded content;

    private Prepared(Loaded content) {
      this.content = content;
    }

    public Guide guide() {
      return content.guide();
    }
  }

  /** Builds {@code guide}'s matcher (the most of what making a bot costs). */
  public static Prepared prepare(Guide guide) {
    return new Prepared(new Loaded(guide, IntentMatcher.build(guide)));
  }

  /** A bot answering from a prepared guide, remembering conversations in {@code conversations}. */
  public static PitchBot create(
      Prepared prepared, BotListener listener, ConversationStore conversations) {
    return new PitchBot(prepared.content, listener, conversations);
  }

  /** Serves {@code guide} from now on (the matcher is rebuilt before the swap). */
  public void replaceGuide(Guide guide) {
    loaded.set(new Loaded(guide, IntentMatcher.build(guide)));
  }

  public Guide guide() {
    return loaded.get().guide();
  }

  /** Every section as the menu shows it. */
  public List<Topic> topics() {
    return loaded.get().guide().topics();
  }

  /** The matcher for the current guide. */
  public IntentMatcher matcher() {
    return loaded.get().matcher();
  }

  /** Matches only, without building an answer: for {@code match} and evaluation. */
  public MatchResult match(String question) {
    return loaded.get().matcher().match(question);
  }

  /**
   * Matches one message of a conversation, read after what the conversation showed ({@code
   * context}, the most recent first), without building an answer or remembering anything: for
   * {@code match --conversation} and evaluation.
   */
  public MatchResult match(String question, List<Shown> context) {
    return loaded.get().matcher().match(question, context);
  }

  /**
   * Answers a question typed on {@code platform}, on its own (a slash command, a one-off). Never
   * throws, whatever the text.
   */
  public Answer ask(String question, String platform) {
    return ask(question, platform, null);
  }

  /**
   * Answers a message of a conversation typed on {@code platform}: read in the context of what this
   * conversation showed before (a follow-up such as "and sm?" gets what it asks for after the last
   * answer; a question of its own is answered as itself), and remembered as the context of the next
   * one. Never throws, whatever the text.
   *
   * @param conversation the conversation's key, stable for as long as it lasts (a Slack thread, a
   *     Teams chat, a playground session); null to answer the message on its own
   */
  public Answer ask(String question, String platform, String conversation) {
    long start = System.nanoTime();
    Loaded current = loaded.get();
    String text = question == null ? "" : question;
    MatchResult match = current.matcher().match(text, recent(conversation));
    Answer answer =
        answerFor(
            current.guide(),
            match.intent(),
            match.score(),
            match.didYouMean(),
            match.alsoAsked(),
            match.notCovered(),
            match.keyLine(),
            match.brief(),
            text);
    remember(conversation, match.intent(), match.keyLine());
    notify(platform, text, answer, start);
    return answer;
  }

  /**
   * Opens an answer as a button click does: a section id, {@code help} or {@code none}, or the
   * {@link Answer#ref} of an answer shown before (its sections and key line). An id the guide no
   * longer has (content changed since the button was drawn) opens the menu; other sections and a
   * key line the guide no longer has are left out.
   */
  public Answer open(String ref) {
    return open(ref, null);
  }

  /**
   * Opens an answer as {@link #open(String)} does, in a conversation: what it shows becomes the
   * context of the conversation's next message (a button clicked in a thread, a numbered choice in
   * the terminal).
   *
   * @param conversation the conversation's key, or null
   */
  public Answer open(String ref, String conversation) {
    Loaded current = loaded.get();
    Ref parsed = Ref.parse(ref == null ? Guide.HELP : ref);
    String id = parsed.intent();
    if (!id.equals(Guide.NONE) && current.guide().section(id).isEmpty()) {
      id = Guide.HELP;
    }
    Answer answer =
        answerFor(
            current.guide(),
            id,
            1.0,
            List.of(),
            parsed.alsoAsked(),
            List.of(),
            parsed.keyLine(),
            parsed.brief(),
            "");
    remember(conversation, answer.intent(), answer.keyLine().isEmpty() ? -1 : parsed.keyLine());
    return answer;
  }

  /** The topic menu. */
  public Answer menu() {
    return open(Guide.HELP);
  }

  /**
   * Sections for a search box (the Teams messaging extension), best first: the section the query
   * matches, then its did-you-mean suggestions (unless the query is outside the script, where the
   * closest topics can be far off), then the runners-up the matcher gives at least {@value
   * #SEARCH_MIN_SCORE} of its confidence. A blank query, or one asking for the menu, lists every
   * topic. Only matches: a half-typed query is not an asked question, so the listener hears
   * nothing.
   */
  public List<Topic> search(String query) {
    Loaded current = loaded.get();
    List<Topic> all = current.guide().topics();
    if (query == null || query.isBlank()) {
      return all;
    }
    MatchResult match = current.matcher().match(query);
    if (match.intent().equals(Guide.HELP)) {
      return all;
    }
    Set<String> ids = new LinkedHashSet<>();
    ids.add(match.intent());
    if (!match.intent().equals(Guide.NONE)) {
      ids.addAll(match.didYouMean());
    }
    for (MatchResult.Candidate candidate : match.alternatives()) {
      if (candidate.score() >= SEARCH_MIN_SCORE) {
        ids.add(candidate.intent());
      }
    }
    return topics(current.guide(), List.copyOf(ids));
  }

  /**
   * Records whether an answer helped (the "Helpful? 👍 👎" buttons). A click names its answer by
   * what the platform carried back, so an intent the guide does not have (a crafted click, or a
   * button drawn before the content changed) is refused: it never reaches the listener, and so
   * never mints a metric label or a report key.
   *
   * @param intent the answer's intent, or its {@link Answer#ref} (counted under its intent)
   * @return whether the feedback was recorded
   */
  public boolean feedback(String platform, String intent, boolean helpful) {
    String id = Ref.parse(intent == null ? "" : intent).intent();
    if (!known(loaded.get().guide(), id)) {
      return false;
    }
    try {
      listener.feedback(platform, id, helpful);
    } catch (RuntimeException e) {
      // listeners never break the click that reported feedback
    }
    return true;
  }

  private static boolean known(Guide guide, String id) {
    return id.equals(Guide.HELP) || id.equals(Guide.NONE) || guide.section(id).isPresent();
  }

  /** What {@code conversation} showed, the most recent first; empty when it is not remembered. */
  private List<Shown> recent(String conversation) {
    if (conversation == null) {
      return List.of();
    }
    try {
      return conversations.recent(conversation);
    } catch (RuntimeException e) {
      // A store out of reach costs the message its context, never its answer.
      return List.of();
    }
  }

  /**
   * Remembers that {@code conversation} showed a section (the menu and "not in the script" are not
   * answers a follow-up builds on).
   */
  private void remember(String conversation, String intent, int keyLine) {
    if (conversation == null || intent.equals(Guide.HELP) || intent.equals(Guide.NONE)) {
      return;
    }
    try {
      conversations.shown(conversation, new Shown(intent, keyLine));
    } catch (RuntimeException e) {
      // As above: the answer was built; only the next message's context is lost.
    }
  }

  private void notify(String platform, String text, Answer answer, long start) {
    try {
      listener.answered(new BotListener.Asked(platform, text, answer, System.nanoTime() - start));
    } catch (RuntimeException e) {
      // A broken listener must never cost a user their answer.
    }
  }

  /**
   * An answer's {@link Answer#ref}: {@code intent[+also-asked...][#key line]}, or {@code
   * intent!brief} for a section's short form.
   */
  private record Ref(String intent, List<String> alsoAsked, int keyLine, boolean brief) {

    static final String BRIEF = "!brief";

    static Ref parse(String ref) {
      if (ref.endsWith(BRIEF)) {
        return new Ref(ref.substring(0, ref.length() - BRIEF.length()), List.of(), -1, true);
      }
      String rest = ref;
      int keyLine = -1;
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        try {
          keyLine = Integer.parseInt(rest.substring(hash + 1));
        } catch (NumberFormatException e) {
          keyLine = -1;
        }
        rest = rest.substring(0, hash);
      }
      String[] ids = rest.split("\\+", -1);
      return new Ref(ids[0], List.of(ids).subList(1, ids.length), keyLine, false);
    }

    static String of(String intent, List<String> alsoAsked, int keyLine) {
      StringBuilder sb = new StringBuilder(intent);
      alsoAsked.forEach(id -> sb.append('+').append(id));
      if (keyLine >= 0) {
        sb.append('#').append(keyLine);
      }
      return sb.toString();
    }
  }

  private static Answer answerFor(
      Guide guide,
      String intent,
      double score,
      List<String> related,
      List<String> alsoAsked,
      List<String> notCovered,
      int keyLine,
      boolean brief,
      String question) {
    if (intent.equals(Guide.HELP)) {
      return entry(Answer.Kind.HELP, guide.help(), List.of(), guide.topics(), score, question);
    }
    if (intent.equals(Guide.NONE)) {
      return entry(
          Answer.Kind.NONE, guide.none(), topics(guide, related), List.of(), score, question);
    }
    Optional<Section> found = guide.section(intent);
    if (found.isEmpty()) {
      return entry(Answer.Kind.HELP, guide.help(), List.of(), guide.topics(), score, question);
    }
    Section section = found.get();
    if (brief && !section.brief().isEmpty()) {
      return brief(guide, section, score, related, question);
    }
    List<String> asked = new ArrayList<>();
    for (String id : alsoAsked) {
      if (!id.equals(intent) && !asked.contains(id) && guide.section(id).isPresent()) {
        asked.add(id);
      }
    }
    List<Part> parts = new ArrayList<>();
    for (String id : section.companions()) {
      if (!asked.contains(id)) {
        guide.section(id).ifPresent(c -> parts.add(companion(c)));
      }
    }
    for (String id : asked) {
      Section s = guide.section(id).orElseThrow();
      parts.add(new Part(Part.Role.ALSO_ASKED, s.id(), s.title(), s.heading(), s.blocks()));
    }
    List<String> lines = section.lines();
    int line = keyLine >= 0 && keyLine < lines.size() ? keyLine : -1;
    List<Topic> followUps = new ArrayList<>();
    for (String id : section.followUps()) {
      if (!asked.contains(id)) {
        guide.section(id).map(Section::topic).ifPresent(followUps::add);
      }
    }
    List<Topic> alternatives = new ArrayList<>();
    for (Topic t : topics(guide, related)) {
      if (!asked.contains(t.id())) {
        alternatives.add(t);
      }
    }
    return new Answer(
        Answer.Kind.SECTION,
        section.id(),
        section.title(),
        section.heading(),
        section.blocks(),
        line >= 0 ? lines.get(line) : "",
        parts,
        notCovered,
        followUps,
        alternatives,
        List.of(),
        score,
        question,
        Ref.of(section.id(), asked, line));
  }

  /**
   * A section's short form alone, as "shorter" right after it asks: the whole section one click
   * away, and the 60-second summary (the section its {@code executive} follow-ups ask for). No
   * companions: they are the whole answer's.
   */
  private static Answer brief(
      Guide guide, Section section, double score, List<String> related, String question) {
    List<Topic> next = new ArrayList<>();
    next.add(section.topic());
    for (String id : section.related(EXECUTIVE)) {
      if (!id.equals(section.id())) {
        guide.section(id).map(Section::topic).ifPresent(next::add);
        break;
      }
    }
    List<Topic> alternatives = new ArrayList<>();
    for (Topic t : topics(guide, related)) {
      if (next.stream().noneMatch(n -> n.id().equals(t.id()))) {
        alternatives.add(t);
      }
    }
    return new Answer(
        Answer.Kind.SECTION,
        section.id(),
        section.title(),
        section.heading(),
        section.brief(),
        "",
        List.of(),
        List.of(),
        next,
        alternatives,
        List.of(),
        score,
        question,
        section.id() + Ref.BRIEF,
        true);
  }

  /** A companion's lines to say out loud, under its own heading (all its text if it has none). */
  private static Part companion(Section s) {
    List<Block> quotes = s.blocks().stream().filter(b -> b instanceof Block.Quote).toList();
    return new Part(
        Part.Role.COMPANION,
        s.id(),
        s.title(),
        s.heading(),
        quotes.isEmpty() ? s.blocks() : quotes);
  }

  private static List<Topic> topics(Guide guide, List<String> ids) {
    List<Topic> out = new ArrayList<>();
    for (String id : ids) {
      guide.section(id).map(Section::topic).ifPresent(out::add);
    }
    return out;
  }

  private static Answer entry(
      Answer.Kind kind,
      Section entry,
      List<Topic> alternatives,
      List<Topic> menu,
      double score,
      String question) {
    return new Answer(
        kind,
        entry.id(),
        entry.title(),
        entry.heading(),
        entry.blocks(),
        List.of(),
        alternatives,
        menu,
        score,
        question);
  }
}
