package dev.genaipitch.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Records what one logger (and the loggers below it) logs while open; tests can wait for a line.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Recorder appender = new Recorder();

  private LogCapture(String name) {
    logger = (Logger) LoggerFactory.getLogger(name);
    appender.start();
    logger.addAppender(appender);
  }

  /** Everything the application logs. */
  public static LogCapture root() {
    return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  public static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.events);
    }
  }

  /**
   * Each event as one line: level, logger, formatted message, key-value pairs and any throwable.
   */
  public List<String> lines() {
    return events().stream().map(LogCapture::line).toList();
  }

  /** Each event as its level and formatted message, e.g. {@code WARN Reply not sent: ...}. */
  public List<String> messages() {
    return events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /**
   * All of it as one text, an event a line (its level, message and any throwable's message), for
   * "never contains" checks.
   */
  public String all() {
    return events().stream()
        .map(
            e ->
                e.getLevel()
                    + " "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : " " + e.getThrowableProxy().getMessage())
                    + "\n")
        .collect(Collectors.joining());
  }

  /** Waits until a line matching {@code wanted} is logged, and returns it. */
  public String awaitLine(Predicate<String> wanted, Duration within) {
    return awaitLines(wanted, 1, within).get(0);
  }

  /** Waits until {@code count} lines matching {@code wanted} are logged, and returns them. */
  public List<String> awaitLines(Predicate<String> wanted, int count, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (appender) {
      while (true) {
        List<String> found = new ArrayList<>();
        for (ILoggingEvent event : appender.events) {
          String line = line(event);
          if (wanted.test(line)) {
            found.add(line);
          }
        }
        if (found.size() >= count) {
          return found;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "not "
                  + count
                  + " such lines logged within "
                  + within.toMillis()
                  + " ms; logged:\n  "
                  + appender.events.stream()
                      .map(LogCapture::line)
                      .collect(Collectors.joining("\n  ")));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(appender, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  public void clear() {
    synchronized (appender) {
      appender.events.clear();
    }
  }

  /** An event's key-value pairs, as strings. */
  public static Map<String, String> pairs(ILoggingEvent event) {
    List<KeyValuePair> kvps =
        event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
    return kvps.stream()
        .collect(
            Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value), (a, b) -> a + "," + b));
  }

  private static String line(ILoggingEvent event) {
    StringBuilder out =
        new StringBuilder(
            event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
    pairs(event).forEach((k, v) -> out.append(' ').append(k).append("=\"").append(v).append('"'));
    if (event.getThrowableProxy() != null) {
      out.append(' ')
          .append(event.getThrowableProxy().getClassName())
          .append(": ")
          .append(event.getThrowableProxy().getMessage());
    }
    return out.toString();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }

  /**
   * Appending holds this appender's lock (AppenderBase); readers and waiters take the same lock.
   */
  private static final class Recorder extends AppenderBase<ILoggingEvent> {
    private final List<ILoggingEvent> events = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
      notifyAll();
    }
  }
}
