package dev.genaipitch.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.match.MatchResult;
import dev.genaipitch.core.match.Shown;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The contract for evaluating the matcher from outside: one question per input line, one JSON
 * object per output line, in order, for every line whatever it holds. With {@code --conversation},
 * one conversation per input line (a JSON array of its messages, oldest first), each message read
 * in the context of the answers to the messages before it in that line.
 */
@Command(
    name = "match",
    description =
        "Reads questions from standard input, one per line; writes one JSON object per line: "
            + "{\"question\", \"intent\", \"score\", \"alternatives\": [{\"intent\", \"score\"}],"
            + " \"alsoAsked\": [intent], \"notCovered\": [text]}.")
final class MatchCommand implements Callable<Integer> {

  @Option(
      names = "--conversation",
      description =
          "Each input line is a conversation: a JSON array of its messages, oldest first. Writes"
              + " {\"turns\": [...]} per line, one entry per message as match writes it, each read"
              + " in the context of the messages before it in that line.")
  boolean conversation;

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

  /** One output line of {@code --conversation}: each message's line, in order. */
  record Turns(List<Line> turns) {}

  /** The output line for an input line that is not a conversation: nothing matched, and why. */
  record NotAConversation(List<Line> turns, String error) {}

  private static BigDecimal decimal(double score) {
    return BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP);
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, Main.ExitException {
    PitchBot bot = Main.bot(spec);
    ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    BufferedReader in = Main.lines(spec);
    Writer out = spec.commandLine().getOut();
    int number = 0;
    int bad = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      number++;
      if (!conversation) {
        out.write(json.writeValueAsString(line(line, bot.match(line))));
      } else {
        List<String> messages = messages(json, line);
        if (messages == null) {
          bad++;
          String error =
              "line " + number + " is not a conversation: give a JSON array of its messages";
          spec.commandLine().getErr().println("genai-pitch match: " + error);
          spec.commandLine().getErr().flush();
          out.write(json.writeValueAsString(new NotAConversation(List.of(), error)));
        } else {
          out.write(json.writeValueAsString(new Turns(turns(bot, messages))));
        }
      }
      out.write('\n');
      if (!in.ready()) {
        out.flush(); // answer interactive callers line by line; batch input flushes in bulk
      }
    }
    out.flush();
    return bad == 0 ? 0 : 1;
  }

  private static Line line(String question, MatchResult m) {
    List<Alternative> alternatives =
        m.alternatives().stream()
            .map(a -> new Alternative(a.intent(), decimal(a.score())))
            .toList();
    return new Line(
        question, m.intent(), decimal(m.score()), alternatives, m.alsoAsked(), m.notCovered());
  }

  /**
   * Each message matched after the ones before it, as a conversation with the bot goes: what each
   * answer showed is the context of the next message.
   */
  private static List<Line> turns(PitchBot bot, List<String> messages) {
    List<Shown> context = new ArrayList<>();
    List<Line> turns = new ArrayList<>(messages.size());
    for (String message : messages) {
      MatchResult m = bot.match(message, List.copyOf(context));
      turns.add(line(message, m));
      if (!m.intent().equals(Guide.HELP) && !m.intent().equals(Guide.NONE)) {
        context.add(0, new Shown(m.intent(), m.keyLine()));
      }
    }
    return turns;
  }

  /** The messages of a conversation line (blank: none), or null when it is not one. */
  private static List<String> messages(ObjectMapper json, String line) {
    if (line.isBlank()) {
      return List.of();
    }
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> messages = new ArrayList<>(node.size());
    for (JsonNode message : node) {
      if (!message.isTextual()) {
        return null;
      }
      messages.add(message.asText());
    }
    return messages;
  }
}
