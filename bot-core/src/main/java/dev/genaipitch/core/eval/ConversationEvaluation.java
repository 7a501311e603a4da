package dev.genaipitch.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.core.match.IntentMatcher;
import dev.genaipitch.core.match.MatchResult;
import dev.genaipitch.core.match.Shown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a matcher on labelled conversations: is the last message of each answered right when read
 * after the bot's own answers to the messages before it, and does the context ever hijack a
 * complete question. Reads conversation JSON Lines files: {@code {"turns": [{"q", "expect"}, ...],
 * "kind"}}.
 */
public final class ConversationEvaluation {

  private static final String HELP = "help";
  private static final String NONE = "none";

  private ConversationEvaluation() {}

  public static ConversationReport run(
      IntentMatcher matcher, List<LabeledConversation> conversations) {
    Map<String, int[]> figures = new TreeMap<>(); // conversations, right, alone, labelled
    int hijacked = 0;
    List<ConversationReport.Read> read = new ArrayList<>();
    for (LabeledConversation c : conversations) {
      List<Shown> context = new ArrayList<>();
      List<Shown> labelled = new ArrayList<>();
      List<String> answered = new ArrayList<>();
      List<Double> scores = new ArrayList<>();
      MatchResult last = null;
      MatchResult lastLabelled = null;
      for (LabeledConversation.Turn turn : c.turns()) {
        last = matcher.match(turn.question(), List.copyOf(context));
        lastLabelled = matcher.match(turn.question(), List.copyOf(labelled));
        answered.add(last.intent());
        scores.add(last.score());
        remember(context, last.intent(), last.keyLine());
        String right = turn.expected().contains(last.intent()) ? last.intent() : null;
        remember(
            labelled,
            right != null ? right : turn.expected().get(0),
            right != null ? last.keyLine() : -1);
      }
      String alone = matcher.match(c.last().question()).intent();
      int[] f = figures.computeIfAbsent(c.kind(), k -> new int[4]);
      List<String> expected = c.last().expected();
      f[0]++;
      f[1] += expected.contains(last.intent()) ? 1 : 0;
      f[2] += expected.contains(alone) ? 1 : 0;
      f[3] += expected.contains(lastLabelled.intent()) ? 1 : 0;
      if (c.kind().equals(LabeledConversation.COMPLETE)
          && !expected.contains(last.intent())
          && !last.intent().equals(alone)) {
        hijacked++;
      }
      read.add(new ConversationReport.Read(c, answered, scores, alone));
    }
    List<ConversationReport.KindFigures> kinds = new ArrayList<>();
    figures.forEach(
        (kind, f) -> kinds.add(new ConversationReport.KindFigures(kind, f[0], f[1], f[2], f[3])));
    return new ConversationReport(kinds, hijacked, read);
  }

  private static void remember(List<Shown> context, String intent, int keyLine) {
    if (!intent.equals(HELP) && !intent.equals(NONE)) {
      context.add(0, new Shown(intent, keyLine));
    }
  }

  /** Whether {@code file}'s first non-blank line is a conversation ({@code "turns"}). */
  public static boolean holdsConversations(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        try {
          return json.readTree(line).has("turns");
        } catch (JsonProcessingException e) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Reads labelled conversations, one JSON object per line; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line of the first one that does not parse
   */
  public static List<LabeledConversation> read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<LabeledConversation> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      JsonNode node;
      try {
        node = json.readTree(line);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage(), e);
      }
      JsonNode turns = node.get("turns");
      if (turns == null || !turns.isArray() || turns.isEmpty()) {
        throw new IllegalArgumentException(where + ": expected \"turns\": [{\"q\", \"expect\"}]");
      }
      List<LabeledConversation.Turn> parsed = new ArrayList<>();
      for (JsonNode turn : turns) {
        JsonNode q = turn.get("q");
        JsonNode expect = turn.get("expect");
        if (q == null
            || !q.isTextual()
            || expect == null
            || !expect.isArray()
            || expect.isEmpty()) {
          throw new IllegalArgumentException(
              where + ": each turn needs \"q\" (text) and \"expect\" (a list of intents)");
        }
        List<String> expected = new ArrayList<>();
        expect.forEach(e -> expected.add(e.asText()));
        parsed.add(new LabeledConversation.Turn(q.asText(), expected));
      }
      JsonNode kind = node.get("kind");
      out.add(new LabeledConversation(parsed, kind == null ? "" : kind.asText(), i + 1));
    }
    return out;
  }
}
