package dev.genaipitch.teams;

/**
 * The Bot Connector, as far as this bot uses it: post a message into the conversation an activity
 * came from. The one implementation uses the Bot Framework SDK; a direct REST client could replace
 * it.
 */
interface Replies {

  /**
   * Posts {@code message}; returns once the connector accepted it.
   *
   * @throws DeliveryException when the connector refused it, could not be reached or took too long
   */
  void send(OutgoingMessage message) throws DeliveryException;

  /**
   * A reply the connector did not take; the message is safe to log (no tokens, no message text).
   */
  final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    DeliveryException(String message) {
      super(message, null, false, false);
    }
  }
}
