package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.event.MessageEvent;
import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.Rehearsal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Practice rounds in Slack, translated to and from {@link Rehearsal}: {@code /genai-pitch practice}
 * posts the customer's question in the channel (in a direct message when the bot is not in the
 * channel, or when the command was typed in a direct message), the rep's reply in its thread (or
 * their next direct message) is graded, and the grade's buttons ask again, move on or show the
 * script's answer in the same place. Rounds are keyed by the Slack user id; where a round is
 * ({@link Place}) is what tells an answer from any other message.
 */
final class SlackPractice {

  private static final Pattern COMMAND =
      Pattern.compile("^practi[cs]e(?:\\s+(\\S.*))?$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Slack's answers to chat.postMessage that mean "the bot cannot post in that channel". */
  private static final Set<String> CANNOT_POST_THERE =
      Set.of(
          "not_in_channel",
          "channel_not_found",
          "is_archived",
          "restricted_action",
          "cannot_reply_to_message");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Where a rep answers a round: a thread under the question in a channel, or the direct messages
   * with the bot. Written into the round (as {@link #key}) and into the grade's buttons.
   */
  record Place(String channel, String threadTs) {

    static final String DM = "slack:dm";
    private static final Pattern THREAD =
        Pattern.compile("^slack:thread:([A-Z0-9]{2,40}):([0-9]{1,12}\\.[0-9]{1,9})$");

    static Place dm() {
      return new Place(null, null);
    }

    boolean isDm() {
      return channel == null;
    }

    String key() {
      return isDm() ? DM : "slack:thread:" + channel + ":" + threadTs;
    }

    /** The place a button's value names; empty when the value is not a place. */
    static Optional<Place> parse(String key) {
      if (DM.equals(key)) {
        return Optional.of(dm());
      }
      Matcher m = key == null ? null : THREAD.matcher(key);
      return m != null && m.matches()
          ? Optional.of(new Place(m.group(1), m.group(2)))
          : Optional.empty();
    }
  }

  private final Rehearsal rehearsal;
  private final SlackWebApi api;
  private final Delivery delivery;

  /**
   * @param rehearsal the rounds; null when this server has no practice (the command says so)
   */
  SlackPractice(Rehearsal rehearsal, SlackWebApi api, Delivery delivery) {
    this.rehearsal = rehearsal;
    this.api = api;
    this.delivery = delivery;
  }

  /** Whether a slash command's text (unescaped) asks for a practice round. */
  static boolean isCommand(String text) {
    return COMMAND.matcher(text).matches();
  }

  /**
   * Starts a round for {@code /genai-pitch practice [section]} and returns the command's
   * (ephemeral) answer; the question is posted afterwards.
   */
  ObjectNode command(String user, String channel, String text, String interaction) {
    Matcher m = COMMAND.matcher(text);
    String section = m.matches() && m.group(1) != null ? m.group(1).strip() : null;
    if (rehearsal == null) {
      return ephemeral("Practice rounds are not available on this server.");
    }
    boolean inDm = channel.startsWith("D");
    Optional<PracticeQuestion> question = rehearsal.start(user, section, inDm ? Place.DM : null);
    if (question.isEmpty()) {
      if (section == null) {
        return ephemeral("There is nothing to practise in this guide yet.");
      }
      return verbatim(
          "I can't practise “"
              + Mrkdwn.escape(Mrkdwn.truncate(section, BlockKit.MAX_ECHO))
              + "”. Try `/genai-pitch practice` for your weakest section, or one of: "
              + String.join(", ", rehearsal.grader().sections()));
    }
    PracticeQuestion q = question.get();
    if (inDm) {
      post(user, null, PracticeBlocks.question(q, user, false), interaction, null);
      return ephemeral("Practice round: the customer's question is below.");
    }
    BlockKit.Message inThread = PracticeBlocks.question(q, user, true);
    delivery.submit(
        new Delivery.Job(
            "chat.postMessage",
            channel,
            interaction,
            () -> {
              SlackWebApi.Outcome posted = api.postMessage(channel, null, inThread);
              if (posted instanceof SlackWebApi.Delivered d && d.ts() != null) {
                rehearsal.askedAt(user, new Place(channel, d.ts()).key());
                return posted;
              }
              if (posted instanceof SlackWebApi.Failed f
                  && CANNOT_POST_THERE.contains(f.reason())) {
                // Not a member there (or it is read-only): the round moves to the rep's DM.
                SlackWebApi.Outcome direct =
                    api.postMessage(user, null, PracticeBlocks.question(q, user, false));
                if (direct instanceof SlackWebApi.Delivered) {
                  rehearsal.askedAt(user, Place.DM);
                }
                return direct;
              }
              return posted;
            },
            null));
    return ephemeral(
        "Practice round: the customer's question is posted in this channel; reply in its thread."
            + " (If I'm not in this channel, it comes to our direct messages.)");
  }

  /**
   * Grades a message when it answers the sender's open round where it was written; false when it is
   * not an answer (the caller then treats it as any other message).
   *
   * @param text the message as typed (unescaped, without mentions)
   */
  boolean message(MessageEvent e, String text, String eventId) {
    if (rehearsal == null) {
      return false;
    }
    boolean dm = "im".equals(e.getChannelType());
    boolean threadReply = e.getThreadTs() != null && !e.getThreadTs().equals(e.getTs()) && !dm;
    if (!dm && !threadReply) {
      return false;
    }
    Place place = dm ? Place.dm() : new Place(e.getChannel(), e.getThreadTs());
    Optional<Coaching> coaching = rehearsal.answerAt(e.getUser(), place.key(), text);
    if (coaching.isEmpty()) {
      return false;
    }
    Coaching c = coaching.get();
    String nextTitle =
        rehearsal.progress(e.getUser()).sections().stream()
            .filter(s -> s.section().equals(c.nextSection()))
            .map(s -> s.title())
            .findFirst()
            .orElse(null);
    post(
        e.getChannel(),
        e.getThreadTs(),
        PracticeBlocks.coaching(c, place.key(), nextTitle),
        eventId,
        null);
    return true;
  }

  /**
   * A click on a grade's button: ask again, ask the next question, or show the script's answer, in
   * the place the button names. Returns a note for the clicker (sent to the response_url), or null
   * when the answer was posted.
   */
  ObjectNode action(String actionId, String user, String value, String interaction) {
    Place place = Place.parse(value).orElseThrow(() -> new BadSlackRequest("not a practice place"));
    if (rehearsal == null) {
      return ephemeral("Practice rounds are not available on this server.");
    }
    String channel = place.isDm() ? user : place.channel();
    switch (actionId) {
      case PracticeBlocks.TRY_AGAIN, PracticeBlocks.NEXT -> {
        Optional<PracticeQuestion> q =
            actionId.equals(PracticeBlocks.TRY_AGAIN)
                ? rehearsal.tryAgain(user)
                : rehearsal.next(user);
        if (q.isEmpty()) {
          return ephemeral(
              "You have no practice round open: start one with `/genai-pitch practice`.");
        }
        rehearsal.askedAt(user, place.key());
        post(
            channel,
            place.threadTs(),
            PracticeBlocks.question(q.get(), user, !place.isDm()),
            interaction,
            null);
        return null;
      }
      case PracticeBlocks.SHOW_ANSWER -> {
        var answer = rehearsal.showAnswer(user);
        if (answer.isEmpty()) {
          return ephemeral(
              "You have no practice round open: start one with `/genai-pitch practice`.");
        }
        post(
            channel,
            place.threadTs(),
            PracticeBlocks.scriptAnswer(answer.get()),
            interaction,
            null);
        return null;
      }
      default -> throw new BadSlackRequest("not a practice action");
    }
  }

  private void post(
      String channel, String threadTs, BlockKit.Message message, String event, Runnable then) {
    delivery.submit(
        new Delivery.Job(
            "chat.postMessage",
            channel,
            event,
            () -> api.postMessage(channel, threadTs, message),
            then));
  }

  private static ObjectNode ephemeral(String mrkdwn) {
    ObjectNode body = JSON.objectNode();
    body.put("response_type", "ephemeral");
    body.setAll(PracticeBlocks.note(mrkdwn).body());
    return body;
  }

  /** An ephemeral note quoting the user's words: Slack must not parse mentions or links in them. */
  private static ObjectNode verbatim(String mrkdwn) {
    ObjectNode body = ephemeral(mrkdwn);
    ((ObjectNode) body.get("blocks").get(0).get("text")).put("verbatim", true);
    return body;
  }
}
