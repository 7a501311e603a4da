package dev.genaipitch.app.telemetry;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.util.CachingDateFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The text line of {@link LogConfigurator#PATTERN}, written directly for an event without a
 * throwable (every answer's line), character for character what the pattern's converters write:
 * they showed in a slash command's profile (a chain of converters, a regular expression over the
 * key-value pairs of every line). Anything else (a throwable, a null message) goes through the
 * pattern itself.
 */
final class TextLayout extends PatternLayout {

  /** The pattern's {@code %d}. */
  static final String DATE = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

  // The pattern's own formatter (the JVM's zone, as %d without one), caching the last instant.
  private CachingDateFormatter date;

  TextLayout() {
    setPattern(LogConfigurator.PATTERN);
  }

  @Override
  public void start() {
    date = new CachingDateFormatter(DATE, null);
    super.start();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (!isStarted()
        || event.getThrowableProxy() != null
        || message == null
        || event.getLoggerName() == null
        || event.getLevel() == null) {
      return super.doLayout(event);
    }
    StringBuilder line = new StringBuilder(128 + message.length());
    line.append(date.format(event.getTimeStamp())).append(' ');
    // %-5level
    String level = event.getLevel().toString();
    line.append(level);
    for (int i = level.length(); i < 5; i++) {
      line.append(' ');
    }
    // %logger{0}: the name after its last dot
    String logger = event.getLoggerName();
    line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length());
    line.append(" - ").append(message);
    // %replace( %kvp){'^ $', ''}: the pairs after a space, nothing without them
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        line.append(' ')
            .append(pair.key)
            .append("=\"")
            .append(String.valueOf(pair.value))
            .append('"');
      }
    }
    return line.append(CoreConstants.LINE_SEPARATOR).toString();
  }
}
