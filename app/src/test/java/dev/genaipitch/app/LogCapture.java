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
    return List.copyOf(appender.list);
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
