package dev.genaipitch.slack;

/**
 * A signed request whose payload lacks what its kind must have. Thrown by the listeners and
 * answered 400 with the message by {@link SlackEndpoint}: Bolt would otherwise acknowledge an event
 * whatever its listener returned.
 */
final class BadSlackRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadSlackRequest(String reason) {
    super(reason, null, false, false);
  }
}
