package dev.genaipitch.teams;

/**
 * Text from a request, made fit for a log line: short, and without line breaks or other control
 * characters, so that what a caller sends can neither forge log lines nor flood the log.
 */
final class LogText {

  private static final int MAX = 300;

  private LogText() {}

  /** At most {@value #MAX} characters of {@code text}, control characters shown as '?'. */
  static String of(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 1));
    for (int i = 0; i < text.length() && out.length() < MAX; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    return text.length() > MAX ? out + "…" : out.toString();
  }
}
