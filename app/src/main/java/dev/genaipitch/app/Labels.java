package dev.genaipitch.app;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Keeps metric labels and report keys to a bounded set of values, whatever a request carried:
 * adapters pass platform names and section ids that may come from button payloads.
 */
final class Labels {

  private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9_-]{0,19}");
  private static final Pattern OPERATION = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,39}");

  private Labels() {}

  /**
   * A platform name as adapters write it ({@code slack}, {@code teams}, {@code cli}), else {@code
   * other}.
   */
  static String platform(String platform) {
    return platform != null && PLATFORM.matcher(platform).matches() ? platform : "other";
  }

  /** An API operation name ({@code chat.postMessage}), else {@code other}. */
  static String operation(String operation) {
    return operation != null && OPERATION.matcher(operation).matches() ? operation : "other";
  }

  /** An intent the current guide knows, else {@code other}. */
  static String section(String intent, Predicate<String> known) {
    return intent != null && known.test(intent) ? intent : "other";
  }
}
