package dev.genaipitch.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Records what one logger logs while open. */
final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String name) {
    logger = (Logger) LoggerFactory.getLogger(name);
    appender.start();
    logger.addAppender(appender);
  }

  static LogCapture of(String name) {
    return new LogCapture(name);
  }

  static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  List<ILoggingEvent> events() {
    // Appending holds the appender's lock; copying under it is safe while other threads log.
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Each event as one line: level, formatted message, key-value pairs and any throwable. */
  List<String> lines() {
    return events().stream().map(LogCapture::line).toList();
  }

  void clear() {
    synchronized (appender) {
      appender.list.clear();
    }
  }

  private static String line(ILoggingEvent event) {
    StringBuilder out = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
    pairs(event).forEach((k, v) -> out.append(' ').append(k).append("=\"").append(v).append('"'));
    if (event.getThrowableProxy() != null) {
      out.append(" ").append(event.getThrowableProxy().getClassName()).append(": ").append(event.getThrowableProxy().getMessage());
    }
    return out.toString();
  }

  /** An event's key-value pairs, as strings. */
  static Map<String, String> pairs(ILoggingEvent event) {
    List<KeyValuePair> kvps = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
    return kvps.stream().collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
