package dev.genaipitch.teams;

/**
 * The Bot Connector, as far as this bot uses it: post a message into the conversation an activity
 * came from. {@link ConnectorReplies} calls its REST API; {@link WaitingLimit} bounds how many
 * replies wait on it.
 */
interface Replies extends AutoCloseable {

  /**
   * Posts {@code message}; returns once the connector accepted it.
   *
   * @throws DeliveryException when the connector refused it, could not be reached or took too long,
   *     or the reply was not sent at all
   */
  void send(OutgoingMessage message) throws DeliveryException;

  /** Releases what sending holds (connections); no reply is sent after it. */
  @Override
  void close();

  /**
   * A reply the connector did not take; the message is safe to log (no tokens, no message text).
   */
  final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean attempted;

    DeliveryException(String message) {
      this(message, true);
    }

    private DeliveryException(String message, boolean attempted) {
      super(message, null, false, false);
      this.attempted = attempted;
    }

    /** A reply not even offered to the connector. */
    static DeliveryException notSent(String why) {
      return new DeliveryException(why, false);
    }

    /** Whether the reply was offered to the connector (and failed there). */
    boolean attempted() {
      return attempted;
    }
  }
}
