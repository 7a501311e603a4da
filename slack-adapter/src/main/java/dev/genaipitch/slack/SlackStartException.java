package dev.genaipitch.slack;

/**
 * Slack cannot be turned on: the token was rejected by {@code auth.test}, or the Slack Web API
 * could not be reached. The message says which, for the operator; it never contains a secret.
 */
public final class SlackStartException extends Exception {

  private static final long serialVersionUID = 1L;

  public SlackStartException(String message) {
    super(message);
  }
}
