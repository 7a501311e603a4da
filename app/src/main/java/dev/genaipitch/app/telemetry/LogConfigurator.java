package dev.genaipitch.app.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The logging set-up, in code: text lines on standard error, the libraries' chatter kept to
 * warnings. Logback finds it through {@code META-INF/services} before it would look for an XML
 * file, so a start does not load Joran and an XML parser to read a file that never changes. {@code
 * -Dlogback.configurationFile=...} still wins: then this steps aside and logback reads that file.
 * {@link LogSetup} switches the encoder to JSON once the configuration is known.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /**
   * Key-value pairs (platform, section, score...) follow the message; with none, no trailing space.
   */
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%replace( %kvp){'^ $', ''}%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    TextLayout layout = new TextLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(LogSetup.APPENDER);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();

    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    context.getLogger("com.slack.api").setLevel(Level.WARN);
    // logs the body of requests it does not recognise; the adapter answers those 400 itself
    context.getLogger("com.slack.api.bolt.util.SlackRequestParser").setLevel(Level.ERROR);
    context.getLogger("com.microsoft.bot").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
