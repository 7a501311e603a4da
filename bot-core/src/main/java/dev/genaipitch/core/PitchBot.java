package dev.genaipitch.core;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.match.IntentMatcher;
import dev.genaipitch.core.match.MatchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bot, independent of any chat platform: a question in, an {@link Answer} out. Slack, Teams,
 * the terminal and the playground all call this and only render what it returns.
 *
 * <p>Thread-safe. {@link #replaceGuide} swaps content atomically: a question is always answered
 * from one whole guide, old or new.
 */
public final class PitchBot {

  private record Loaded(Guide guide, IntentMatcher matcher) {}

  private final AtomicReference<Loaded> loaded;
  private final BotListener listener;

  private PitchBot(Guide guide, BotListener listener) {
    this.loaded = new AtomicReference<>(new Loaded(guide, IntentMatcher.build(guide)));
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** A bot answering from {@code guide}. */
  public static PitchBot create(Guide guide) {
    return new PitchBot(guide, BotListener.NONE);
  }

  /** A bot answering from {@code guide} and telling {@code listener} what it answered. */
  public static PitchBot create(Guide guide, BotListener listener) {
    return new PitchBot(guide, listener);
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

  /** Answers a question typed on {@code platform}. Never throws, whatever the text. */
  public Answer ask(String question, String platform) {
    long start = System.nanoTime();
    Loaded current = loaded.get();
    String text = question == null ? "" : question;
    MatchResult match = current.matcher().match(text);
    Answer answer =
        answerFor(current.guide(), match.intent(), match.score(), match.didYouMean(), text);
    notify(platform, text, answer, start);
    return answer;
  }

  /**
   * Opens an entry by id, as a button click does: a section id, {@code help} or {@code none}. An id
   * the guide no longer has (content changed since the button was drawn) opens the menu.
   */
  public Answer open(String intent) {
    Loaded current = loaded.get();
    String id = intent == null ? Guide.HELP : intent;
    if (!id.equals(Guide.NONE) && current.guide().section(id).isEmpty()) {
      id = Guide.HELP;
    }
    return answerFor(current.guide(), id, 1.0, List.of(), "");
  }

  /** The topic menu. */
  public Answer menu() {
    return open(Guide.HELP);
  }

  /** Records whether an answer helped (the "Helpful? 👍 👎" buttons). */
  public void feedback(String platform, String intent, boolean helpful) {
    try {
      listener.feedback(platform, intent, helpful);
    } catch (RuntimeException e) {
      // listeners never break the click that reported feedback
    }
  }

  /** Reports that an answer could not be delivered on {@code platform} (for metrics and logs). */
  public void deliveryFailed(String platform, String operation) {
    try {
      listener.deliveryFailed(platform, operation);
    } catch (RuntimeException e) {
      // listeners never break delivery handling
    }
  }

  private void notify(String platform, String text, Answer answer, long start) {
    try {
      listener.answered(new BotListener.Asked(platform, text, answer, System.nanoTime() - start));
    } catch (RuntimeException e) {
      // A broken listener must never cost a user their answer.
    }
  }

  private static Answer answerFor(
      Guide guide, String intent, double score, List<String> related, String question) {
    List<Topic> alternatives = new ArrayList<>();
    for (String id : related) {
      guide.section(id).map(Section::topic).ifPresent(alternatives::add);
    }
    if (intent.equals(Guide.HELP)) {
      return answer(
          Answer.Kind.HELP, guide.help(), List.of(), List.of(), guide.topics(), score, question);
    }
    if (intent.equals(Guide.NONE)) {
      return answer(
          Answer.Kind.NONE, guide.none(), List.of(), alternatives, guide.topics(), score, question);
    }
    Optional<Section> section = guide.section(intent);
    if (section.isEmpty()) {
      return answer(
          Answer.Kind.HELP, guide.help(), List.of(), List.of(), guide.topics(), score, question);
    }
    List<Topic> followUps = new ArrayList<>();
    for (String id : section.get().followUps()) {
      guide.section(id).map(Section::topic).ifPresent(followUps::add);
    }
    return answer(
        Answer.Kind.SECTION, section.get(), followUps, alternatives, List.of(), score, question);
  }

  private static Answer answer(
      Answer.Kind kind,
      Section entry,
      List<Topic> followUps,
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
        followUps,
        alternatives,
        menu,
        score,
        question);
  }
}
