package dev.genaipitch.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.match.MatchResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The contract for evaluating the matcher from outside: one question per input line, one JSON
 * object per output line, in order, for every line whatever it holds.
 */
@Command(
    name = "match",
    description =
        "Reads questions from standard input, one per line; writes one JSON object per line: "
            + "{\"question\", \"intent\", \"score\", \"alternatives\": [{\"intent\", \"score\"}],"
            + " \"alsoAsked\": [intent], \"notCovered\": [text]}.")
final class MatchCommand implements Callable<Integer> {

  /**
   * One output line; field order is the contract. Scores are one probability distribution: the
   * intent's and the alternatives' add up to at most 1, written with four decimals. For a message
   * in several parts, {@code alsoAsked} holds the other sections its parts ask about, in order, and
   * {@code notCovered} the words of each part the script does not cover; both are empty otherwise
   * (added after the first four fields, which keep their meaning, so older readers are unaffected).
   */
  record Line(
      String question,
      String intent,
      BigDecimal score,
      List<Alternative> alternatives,
      List<String> alsoAsked,
      List<String> notCovered) {}

  /** A runner-up intent. */
  record Alternative(String intent, BigDecimal score) {}

  private static BigDecimal decimal(double score) {
    return BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP);
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, Main.ExitException {
    PitchBot bot = Main.bot(spec);
    ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Main.in(spec),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            1 << 16);
    Writer out = spec.commandLine().getOut();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      MatchResult m = bot.match(line);
      List<Alternative> alternatives =
          m.alternatives().stream()
              .map(a -> new Alternative(a.intent(), decimal(a.score())))
              .toList();
      out.write(
          json.writeValueAsString(
              new Line(
                  line,
                  m.intent(),
                  decimal(m.score()),
                  alternatives,
                  m.alsoAsked(),
                  m.notCovered())));
      out.write('\n');
      if (!in.ready()) {
        out.flush(); // answer interactive callers line by line; batch input flushes in bulk
      }
    }
    out.flush();
    return 0;
  }
}
