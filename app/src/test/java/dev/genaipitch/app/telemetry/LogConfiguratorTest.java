package dev.genaipitch.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.KeyValuePair;

class LogConfiguratorTest {

  @Test
  void configure_writesTextLinesToStandardError_andKeepsTheLibrariesToWarnings() {
    LoggerContext context = new LoggerContext();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);

    assertThat(configurator.configure(context))
        .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender(LogSetup.APPENDER))
        .isInstanceOfSatisfying(
            ch.qos.logback.core.ConsoleAppender.class,
            a -> assertThat(a.getTarget()).isEqualTo("System.err"));
    assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("com.microsoft.bot.connector").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("com.slack.api.bolt.util.SlackRequestParser").getEffectiveLevel())
        .isEqualTo(Level.ERROR);
    assertThat(context.getLogger("dev.genaipitch.app.PitchService").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void aLine_carriesTheKeyValuePairsAfterTheMessage_andNoTrailingSpaceWithoutThem() {
    LoggerContext context = new LoggerContext();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    configurator.configure(context);
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> appender =
        (OutputStreamAppender<ILoggingEvent>)
            context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.APPENDER);
    ch.qos.logback.classic.Logger logger =
        context.getLogger("dev.genaipitch.app.telemetry.AnswerLog");

    LoggingEvent withPairs = new LoggingEvent(null, logger, Level.INFO, "answered", null, null);
    withPairs.setKeyValuePairs(
        List.of(new KeyValuePair("platform", "slack"), new KeyValuePair("section", "need-both")));
    LoggingEvent plain = new LoggingEvent(null, logger, Level.WARN, "plain message", null, null);

    assertThat(text(appender, withPairs))
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  AnswerLog - answered"
                + " platform=\"slack\" section=\"need-both\"\\R");
    assertThat(text(appender, plain))
        .endsWith("WARN  AnswerLog - plain message" + System.lineSeparator());
  }

  @Test
  void aConfigurationFileGivenOnTheCommandLine_winsOverTheBuiltInSetUp() {
    LoggerContext context = new LoggerContext();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    System.setProperty("logback.configurationFile", "/etc/genai-pitch/logback.xml");
    try {
      assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    } finally {
      System.clearProperty("logback.configurationFile");
    }
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.APPENDER)).isNull();
  }

  private static String text(OutputStreamAppender<ILoggingEvent> appender, ILoggingEvent event) {
    return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
  }
}
