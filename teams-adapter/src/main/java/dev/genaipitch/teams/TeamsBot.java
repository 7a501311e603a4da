package dev.genaipitch.teams;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.SeenOnce;
import dev.genaipitch.core.practice.Rehearsal;
import io.micrometer.core.instrument.Counter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one authenticated activity into what the bot does: which question to ask the core, and
 * which card to send back. Decides nothing about the answer itself.
 */
final class TeamsBot {

  static final String PLATFORM = "teams";

  private static final Logger LOG = LoggerFactory.getLogger(TeamsBot.class);
  private static final String FEEDBACK_THANKS = "Thanks for the feedback.";

  private final PitchBot bot;
  private final Replies replies;
  private final Counter replyFailures;
  private final MessagingExtension search;
  private final SeenOnce welcomed;
  private final TeamsPractice practice;

  /** What the endpoint answers the Bot Framework: a status and, for an invoke, a JSON body. */
  record Result(int status, String json) {
    static final Result DONE = new Result(200, null);
  }

  /**
   * @param replies how replies reach the connector: {@link WaitingLimit} around {@link
   *     ConnectorReplies} in service
   * @param replyFailures counts replies not sent (after the connector failed, or never tried)
   * @param welcomed the record of conversations already welcomed
   * @param rehearsal practice rounds, or null when this server has none
   */
  TeamsBot(
      PitchBot bot,
      Replies replies,
      Counter replyFailures,
      SeenOnce welcomed,
      Rehearsal rehearsal) {
    this.bot = bot;
    this.replies = replies;
    this.replyFailures = replyFailures;
    this.search = new MessagingExtension(bot);
    this.practice = new TeamsPractice(rehearsal);
    this.welcomed = welcomed;
  }

  Result handle(IncomingActivity activity) {
    if (activity.isType(IncomingActivity.MESSAGE)) {
      onMessage(activity);
    } else if (activity.isType(IncomingActivity.CONVERSATION_UPDATE)) {
      onConversationUpdate(activity);
    } else if (activity.isType(IncomingActivity.INVOKE)) {
      return onInvoke(activity);
    }
    // Typing, reactions, installation updates and anything newer: acknowledged, nothing to say.
    return Result.DONE;
  }

  private void onMessage(IncomingActivity activity) {
    Optional<CardAction> click = CardAction.from(activity.value());
    if (click.isPresent()) {
      onClick(activity, click.get());
      return;
    }
    // In a channel or group chat the bot speaks only when spoken to.
    if (activity.conversation().shared() && !Mentions.mentionsBot(activity)) {
      return;
    }
    String question = Mentions.question(activity);
    Optional<OutgoingMessage> practised = practice.message(activity, question);
    if (practised.isPresent()) {
      send(practised.get());
      return;
    }
    Answer answer =
        question.isEmpty() ? bot.menu() : bot.ask(question, PLATFORM, conversation(activity));
    send(OutgoingMessage.card(activity, AnswerCards.card(answer)));
  }

  private void onClick(IncomingActivity activity, CardAction click) {
    if (click instanceof CardAction.Open open) {
      send(
          OutgoingMessage.card(
              activity, AnswerCards.card(bot.open(open.intent(), conversation(activity)))));
    } else if (click instanceof CardAction.Feedback feedback) {
      bot.feedback(PLATFORM, feedback.intent(), feedback.helpful());
      send(OutgoingMessage.text(activity, FEEDBACK_THANKS));
    } else if (click instanceof CardAction.Practice choice) {
      send(practice.click(activity, choice));
    }
  }

  /**
   * The key of the conversation a message belongs to: a 1:1 chat, a group chat, or a reply chain in
   * a channel (the Bot Framework gives each its own conversation id), within its tenant.
   */
  static String conversation(IncomingActivity activity) {
    IncomingActivity.Conversation c = activity.conversation();
    return PLATFORM + ":" + (c.tenantId() == null ? "" : c.tenantId()) + ":" + c.id();
  }

  /**
   * Introduces the bot once, when it is the one added (to a team, a group chat or a 1:1 chat): an
   * addition told again (a retried delivery, to this replica or another) is not welcomed twice.
   */
  private void onConversationUpdate(IncomingActivity activity) {
    if (activity.membersAdded().contains(activity.recipient().id())
        && welcomed.firstTime("teams-welcome:" + activity.conversation().id())) {
      send(OutgoingMessage.card(activity, AnswerCards.card(bot.menu())).intoConversation());
    }
  }

  private Result onInvoke(IncomingActivity activity) {
    if (activity.name().equals(MessagingExtension.QUERY)) {
      return new Result(200, Json.write(search.query(activity.value())));
    }
    return Result.DONE;
  }

  private void send(OutgoingMessage message) {
    try {
      replies.send(message);
    } catch (Replies.DeliveryException e) {
      replyFailures.increment();
      LOG.warn(
          "Teams reply to conversation {} {}: {}",
          LogText.of(message.conversation().id()),
          e.attempted() ? "failed" : "not sent",
          e.getMessage());
    }
  }
}
