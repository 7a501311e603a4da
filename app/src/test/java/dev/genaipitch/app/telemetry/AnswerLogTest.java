package dev.genaipitch.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.app.Fixtures;
import dev.genaipitch.core.Answer;
import dev.genaipitch.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

final class AnswerLogTest {

  private static final Answer NEED_BOTH = Fixtures.answer(Answer.Kind.SECTION, "need-both", 0.9982);
  private static final String QUESTION = "do we need \"both\"?\nINFO forged line";

  @Test
  void answered_logsOneStructuredLineWithoutTheQuestion() {
    try (LogCapture log = LogCapture.of(AnswerLog.LOGGER)) {
      new AnswerLog(false, 0.5).answered(Fixtures.asked("slack", QUESTION, NEED_BOTH));

      ILoggingEvent event = log.events().get(0);
      assertThat(event.getLevel()).isEqualTo(Level.INFO);
      assertThat(event.getFormattedMessage()).isEqualTo("answered");
      assertThat(LogCapture.pairs(event))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "platform", "slack",
                  "outcome", "answered",
                  "section", "need-both",
                  "score", "0.998",
                  "latency_ms", "1.50"));
    }
  }

  @Test
  void answered_withLogQuestions_addsTheQuestionOnOneLine() {
    try (LogCapture log = LogCapture.of(AnswerLog.LOGGER)) {
      new AnswerLog(true, 0.5).answered(Fixtures.asked("teams", QUESTION, NEED_BOTH));

      assertThat(LogCapture.pairs(log.events().get(0)))
          .containsEntry("question", "do we need \"both\"? INFO forged line");
    }
  }

  @Test
  void answered_belowLowScore_isLoggedAsLowScore() {
    try (LogCapture log = LogCapture.of(AnswerLog.LOGGER)) {
      new AnswerLog(false, 0.5)
          .answered(
              Fixtures.asked(
                  "cli", "bedrock", Fixtures.answer(Answer.Kind.SECTION, "when-bedrock", 0.32)));

      assertThat(LogCapture.pairs(log.events().get(0))).containsEntry("outcome", "low_score");
    }
  }

  @Test
  void jsonFormat_writesOneJsonObjectPerLineWithTheFieldsAsKeys() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(LogSetup.jsonEncoder(context));
    appender.setOutputStream(bytes);
    appender.start();
    Logger logger = context.getLogger(AnswerLog.LOGGER);
    logger.addAppender(appender);
    try {
      AnswerLog log = new AnswerLog(true, 0.5);
      log.answered(Fixtures.asked("slack", QUESTION, NEED_BOTH));
      log.feedback("teams", "need-both", false);
    } finally {
      logger.detachAppender(appender);
      appender.stop();
    }

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode answered = new ObjectMapper().readTree(lines.get(0));
    assertThat(answered.get("level").asText()).isEqualTo("INFO");
    assertThat(answered.get("loggerName").asText()).isEqualTo(AnswerLog.LOGGER);
    assertThat(answered.get("formattedMessage").asText()).isEqualTo("answered");
    assertThat(answered.has("timestamp")).isTrue();
    assertThat(answered.has("context")).isFalse();
    assertThat(fields(answered))
        .containsEntry("platform", "slack")
        .containsEntry("section", "need-both")
        .containsEntry("score", "0.998")
        .containsEntry("question", "do we need \"both\"? INFO forged line");
    assertThat(fields(new ObjectMapper().readTree(lines.get(1)))).containsEntry("helpful", "false");
  }

  @Test
  void decimal_writesWhatTheFormatterWrites_forScoresAndLatencies() {
    java.util.Random random = new java.util.Random(13);
    for (int i = 0; i < 20_000; i++) {
      double score = random.nextDouble();
      double latency = random.nextDouble() * (i % 2 == 0 ? 5 : 5_000);
      assertThat(AnswerLog.decimal(score, 3))
          .as("score %s", score)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", score));
      assertThat(AnswerLog.decimal(latency, 2))
          .as("latency %s", latency)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", latency));
    }
    assertThat(AnswerLog.decimal(0, 3)).isEqualTo("0.000");
    assertThat(AnswerLog.decimal(1, 3)).isEqualTo("1.000");
    assertThat(AnswerLog.decimal(0.0995, 2)).isEqualTo("0.10");
    assertThat(AnswerLog.decimal(-0.25, 2)).isEqualTo("-0.25");
    assertThat(AnswerLog.decimal(Double.NaN, 3)).isEqualTo("NaN");
  }

  @Test
  void decimal_writesWhatBigDecimalWrites_atTheEdges() {
    java.util.Random random = new java.util.Random(29);
    List<Double> values =
        new java.util.ArrayList<>(
            List.of(
                0.0,
                -0.0,
                0.0005,
                0.0004999,
                0.00049,
                0.001,
                0.0015,
                0.9995,
                0.99949,
                9.995,
                99.995,
                999.9996,
                -0.0004,
                -0.0005,
                -0.9995,
                -1.5,
                1e-9,
                1234567.891,
                9999999.9999,
                1e7,
                1.2345e7,
                1e15,
                123456789012.345,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                0.125,
                0.1251,
                2.675,
                1.005));
    for (int i = 0; i < 20_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(16) - 6);
      values.add((random.nextBoolean() ? -1 : 1) * random.nextDouble() * magnitude);
    }
    for (double value : values) {
      for (int places = 0; places <= 4; places++) {
        assertThat(AnswerLog.decimal(value, places))
            .as("%s to %d places", value, places)
            .isEqualTo(
                new java.math.BigDecimal(Double.toString(value))
                    .setScale(places, java.math.RoundingMode.HALF_UP)
                    .toPlainString());
      }
    }
  }

  /** The encoder writes key-value pairs as a list of one-entry objects. */
  private static Map<String, String> fields(JsonNode line) {
    Map<String, String> fields = new HashMap<>();
    for (JsonNode pair : line.get("kvpList")) {
      pair.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
    }
    return fields;
  }
}
