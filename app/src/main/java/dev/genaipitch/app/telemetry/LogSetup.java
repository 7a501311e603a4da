package dev.genaipitch.app.telemetry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * Switches the log format at start-up, once the configuration is known (LOG_FORMAT may come from
 * the configuration file, read after logging has started). {@link LogConfigurator} sets up text on
 * standard error; JSON replaces that appender's encoder with logback's own {@link JsonEncoder}: one
 * JSON object per line with timestamp, level, thread, logger, the formatted message, the key-value
 * pairs ({@code kvpList}) and any throwable.
 */
public final class LogSetup {

  /** The console appender's name ({@link LogConfigurator}). */
  static final String APPENDER = "STDERR";

  private LogSetup() {}

  /** Logs JSON lines from now on when {@code json}; otherwise leaves the text format. */
  public static void apply(boolean json) {
    if (!json || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> old = root.getAppender(APPENDER);
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setTarget("System.err");
    appender.setEncoder(jsonEncoder(context));
    appender.start();
    root.addAppender(appender);
    if (old != null) {
      root.detachAppender(old);
      old.stop();
    }
  }

  /** The JSON encoder, trimmed of fields log shippers do not use. */
  static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
