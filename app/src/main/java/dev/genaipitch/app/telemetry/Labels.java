package dev.genaipitch.app.telemetry;

import java.util.regex.Pattern;

/**
 * Keeps the platform label to a bounded set of values, whatever a caller passed. (Section labels
 * need no such guard: the core answers only with sections the guide has, and refuses feedback on
 * any other.)
 */
public final class Labels {

  private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9_-]{0,19}");

  private Labels() {}

  /**
   * A platform name as adapters write it ({@code slack}, {@code teams}, {@code cli}), else {@code
   * other}.
   */
  public static String platform(String platform) {
    return platform != null && PLATFORM.matcher(platform).matches() ? platform : "other";
  }
}
