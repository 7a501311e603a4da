package dev.genaipitch.slack;

import dev.genaipitch.config.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a {@code response_url} may point, so that a signed request cannot make the bot post
 * anywhere else: Slack's own {@code https://hooks.slack.com}, and the origin of SLACK_API_URL when
 * it is overridden (a proxy, or the tests' loopback fake).
 */
final class ResponseUrls {

  static final String SLACK_HOOKS = "hooks.slack.com";

  private final URI apiOrigin;

  ResponseUrls(URI apiUrl) {
    boolean overridden = !apiUrl.toString().equals(Setting.SLACK_API_URL.defaultValue());
    this.apiOrigin = overridden ? apiUrl : null;
  }

  boolean allowed(String responseUrl) {
    URI url;
    try {
      url = new URI(responseUrl);
    } catch (URISyntaxException | NullPointerException e) {
      return false;
    }
    if (url.getScheme() == null || url.getHost() == null || url.getRawUserInfo() != null) {
      return false;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") && host.equals(SLACK_HOOKS) && (port(url) == 443)) {
      return true;
    }
    return apiOrigin != null
        && scheme.equals(apiOrigin.getScheme().toLowerCase(Locale.ROOT))
        && host.equals(apiOrigin.getHost().toLowerCase(Locale.ROOT))
        && port(url) == port(apiOrigin);
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
