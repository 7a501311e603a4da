package dev.genaipitch.teams;

import dev.genaipitch.teams.IncomingActivity.Account;
import dev.genaipitch.teams.IncomingActivity.Conversation;

/**
 * A message from the bot into a conversation: a card with its plain-text summary, or short text.
 *
 * @param serviceUrl the Bot Connector that owns the conversation
 * @param replyToId the activity answered, or empty to post into the conversation
 * @param text text shown above any card; empty for answers, which are all card
 * @param summary what clients that cannot render the card show, and what notifications preview
 * @param card the card, or null
 */
record OutgoingMessage(
    String serviceUrl,
    String channelId,
    Conversation conversation,
    Account bot,
    Account user,
    String replyToId,
    String text,
    String summary,
    AdaptiveCard card) {

  /** A card answering {@code activity}. */
  static OutgoingMessage card(IncomingActivity activity, AdaptiveCard card) {
    return new OutgoingMessage(
        activity.serviceUrl(),
        activity.channelId(),
        activity.conversation(),
        activity.recipient(),
        activity.from(),
        activity.id(),
        "",
        card.fallbackText(),
        card);
  }

  /** Short text answering {@code activity}. */
  static OutgoingMessage text(IncomingActivity activity, String text) {
    return new OutgoingMessage(
        activity.serviceUrl(),
        activity.channelId(),
        activity.conversation(),
        activity.recipient(),
        activity.from(),
        activity.id(),
        text,
        "",
        null);
  }

  /** The same message posted into the conversation rather than as a reply. */
  OutgoingMessage intoConversation() {
    return new OutgoingMessage(
        serviceUrl, channelId, conversation, bot, user, "", text, summary, card);
  }
}
