package dev.genaipitch.teams;

/**
 * Decides whether a request really comes from the Bot Framework. The one real implementation uses
 * the Bot Framework SDK's token validation.
 */
interface Authenticator {

  /** Accepts every request: the Bot Framework Emulator's mode, when no app id is configured. */
  Authenticator NONE = (authorization, activity) -> {};

  /**
   * @param authorization the request's {@code Authorization} header, or null
   * @throws Unauthorized when the request must be refused with 401
   */
  void authenticate(String authorization, IncomingActivity activity) throws Unauthorized;

  /** A refused request; the reason is for logs and never contains the token. */
  final class Unauthorized extends Exception {
    private static final long serialVersionUID = 1L;

    Unauthorized(String reason) {
      super(reason, null, false, false);
    }
  }
}
