package dev.genaipitch.teams;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * TEAMS_EMULATOR: no token is checked, so nothing may reach the bot but the Bot Framework Emulator
 * on this machine. A request is answered only when its connection is from loopback, it carries no
 * proxy's forwarding header (a tunnel such as ngrok or cloudflared connects from loopback too, on
 * behalf of anyone), and its serviceUrl is on loopback, so that the bot never posts anywhere else.
 */
final class EmulatorAuthenticator implements Authenticator {

  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  @Override
  public void authenticate(Caller caller, IncomingActivity activity) throws Unauthorized {
    if (!caller.loopback()) {
      throw new Unauthorized("Emulator mode answers only clients on this machine");
    }
    if (caller.forwarded()) {
      throw new Unauthorized(
          "Emulator mode does not answer forwarded requests (a tunnel, a proxy)");
    }
    if (!isLoopback(activity.serviceUrl())) {
      throw new Unauthorized("Emulator mode replies only to a serviceUrl on this machine");
    }
  }

  /** Whether the URL names this machine literally; no name but {@code localhost} is resolved. */
  static boolean isLoopback(String url) {
    String host;
    try {
      host = new URI(url).getHost();
    } catch (URISyntaxException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("localhost")
        || host.equals("[::1]")
        || host.equals("::1")
        || IPV4_LOOPBACK.matcher(host).matches();
  }
}
