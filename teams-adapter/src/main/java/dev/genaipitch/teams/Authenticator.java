package dev.genaipitch.teams;

/**
 * Decides whether a request may be answered: with an app id, only with a valid Bot Framework token
 * ({@link BotFrameworkAuthenticator}); in Emulator mode, only from this machine ({@link
 * EmulatorAuthenticator}).
 */
interface Authenticator {

  /**
   * Who sent a request, as far as the HTTP edge can tell.
   *
   * @param authorization the {@code Authorization} header, or null
   * @param loopback whether the connection comes from this machine
   * @param forwarded whether the request carries a proxy's forwarding header ({@code Forwarded},
   *     {@code X-Forwarded-For}, ...): it came through a tunnel or a proxy from elsewhere
   */
  record Caller(String authorization, boolean loopback, boolean forwarded) {}

  /**
   * @throws Unauthorized when the request must be refused with 401
   */
  void authenticate(Caller caller, IncomingActivity activity) throws Unauthorized;

  /** A refused request; the reason is for logs and never contains the token. */
  final class Unauthorized extends Exception {
    private static final long serialVersionUID = 1L;

    Unauthorized(String reason) {
      super(reason, null, false, false);
    }
  }
}
