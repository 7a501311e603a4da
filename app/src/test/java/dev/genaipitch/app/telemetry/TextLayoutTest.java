package dev.genaipitch.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The answer's log line written directly is, character for character, what the pattern wrote. */
final class TextLayoutTest {

  @Test
  void doLayout_anyEvent_sameAsThePattern() {
    LoggerContext context = new LoggerContext();
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern(LogConfigurator.PATTERN);
    pattern.start();
    TextLayout layout = new TextLayout();
    layout.setContext(context);
    layout.start();

    List<String> loggers =
        List.of(AnswerLog.LOGGER, "dev.genaipitch.slack.SlackEndpoint", "root", "a.b.", "x$Inner");
    List<String> messages =
        List.of("answered", "", "Rejected a Slack request from {}: {}", "line\nbreak “é” 🚀 {}");
    List<List<KeyValuePair>> pairs =
        List.of(
            List.of(),
            List.of(new KeyValuePair("platform", "slack")),
            List.of(
                new KeyValuePair("platform", "slack"),
                new KeyValuePair("outcome", "answered"),
                new KeyValuePair("section", "need-both"),
                new KeyValuePair("score", "0.998"),
                new KeyValuePair("latency_ms", "0.42"),
                new KeyValuePair("question", "quote \" and ${x} “curly” 🚀")),
            Arrays.asList(new KeyValuePair(null, null), new KeyValuePair("helpful", true)));
    long[] times = {
      0L, 1_765_000_000_123L, 1_765_000_000_999L, 1_765_000_001_000L, 4_102_444_800_001L
    };
    List<LoggingEvent> events = new ArrayList<>();
    for (String name : loggers) {
      for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
        for (String message : messages) {
          for (List<KeyValuePair> kv : pairs) {
            for (long time : times) {
              LoggingEvent e =
                  new LoggingEvent(
                      null, context.getLogger(name), level, message, null, new Object[] {"a", 1});
              e.setTimeStamp(time);
              e.setKeyValuePairs(kv.isEmpty() && time == 0L ? null : kv);
              events.add(e);
            }
          }
        }
      }
    }
    LoggingEvent failure =
        new LoggingEvent(
            null,
            context.getLogger("x.Y"),
            Level.WARN,
            "failed",
            new IllegalStateException("boom", new RuntimeException("cause")),
            null);
    events.add(failure);
    LoggingEvent noMessage =
        new LoggingEvent(null, context.getLogger("x.Y"), Level.INFO, null, null, null);
    events.add(noMessage);

    assertThat(events).hasSizeGreaterThan(1_000);
    for (LoggingEvent e : events) {
      assertThat(layout.doLayout(e)).isEqualTo(pattern.doLayout(e));
    }
    assertThat(layout.doLayout(failure)).contains("IllegalStateException: boom", "cause");
  }
}
