package dev.genaipitch.teams;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.Guide;
import java.util.Optional;
import java.util.concurrent.Semaphore;
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
  private final MessagingExtension search;
  private final int maxWaiting;
  private final Semaphore waiting;

  /** What the endpoint answers the Bot Framework: a status and, for an invoke, a JSON body. */
  record Result(int status, String json) {
    static final Result DONE = new Result(200, null);
  }

  /**
   * @param maxWaiting how many requests may wait on the connector at once. A request thread waits
   *     while its reply is sent; when the connector is slow or hangs, replies beyond this are not
   *     sent (logged, reported as a delivery failure) rather than take every thread the server has.
   */
  TeamsBot(PitchBot bot, Replies replies, int maxWaiting) {
    if (maxWaiting < 1) {
      throw new IllegalArgumentException("maxWaiting must be at least 1");
    }
    this.bot = bot;
    this.replies = replies;
    this.search = new MessagingExtension(bot);
    this.maxWaiting = maxWaiting;
    this.waiting = new Semaphore(maxWaiting);
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
    Answer answer = question.isEmpty() ? bot.menu() : bot.ask(question, PLATFORM);
    send(OutgoingMessage.card(activity, AnswerCards.card(answer)));
  }

  private void onClick(IncomingActivity activity, CardAction click) {
    if (click instanceof CardAction.Open open) {
      send(OutgoingMessage.card(activity, AnswerCards.card(bot.open(open.intent()))));
    } else if (click instanceof CardAction.Feedback feedback) {
      // Only ids the guide knows reach the listener: a crafted click cannot invent metric labels.
      if (knownIntent(feedback.intent())) {
        bot.feedback(PLATFORM, feedback.intent(), feedback.helpful());
      }
      send(OutgoingMessage.text(activity, FEEDBACK_THANKS));
    }
  }

  private boolean knownIntent(String intent) {
    return intent.equals(Guide.HELP)
        || intent.equals(Guide.NONE)
        || bot.topics().stream().anyMatch(t -> t.id().equals(intent));
  }

  /** Introduces the bot once, when it is the one added (to a team, a group chat or a 1:1 chat). */
  private void onConversationUpdate(IncomingActivity activity) {
    if (activity.membersAdded().contains(activity.recipient().id())) {
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
    if (!waiting.tryAcquire()) {
      LOG.warn("Teams reply to conversation {} not sent: {} replies are already waiting on the connector",
          LogText.of(message.conversation().id()), maxWaiting);
      bot.deliveryFailed(PLATFORM, "reply");
      return;
    }
    try {
      replies.send(message);
    } catch (Replies.DeliveryException e) {
      LOG.warn("Teams reply to conversation {} failed: {}", LogText.of(message.conversation().id()), e.getMessage());
      bot.deliveryFailed(PLATFORM, "reply");
    } finally {
      waiting.release();
    }
  }
}
