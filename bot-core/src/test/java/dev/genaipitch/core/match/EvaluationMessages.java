package dev.genaipitch.core.match;

import dev.genaipitch.core.eval.ConversationEvaluation;
import dev.genaipitch.core.eval.Evaluation;
import dev.genaipitch.core.eval.LabeledConversation;
import dev.genaipitch.core.eval.LabeledQuestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every message of the evaluation files, for tests that check a faster form of matching's work
 * reads each of them exactly as the form it replaced: the single questions ({@code eval/*.jsonl}),
 * then every turn of the conversations ({@code eval/conversations/*.jsonl}), each file in name
 * order.
 */
final class EvaluationMessages {

  private static final Path EVAL = Path.of("..", "eval");

  private EvaluationMessages() {}

  static List<String> all() throws IOException {
    List<String> messages = new ArrayList<>();
    for (Path f : jsonl(EVAL)) {
      Evaluation.read(f).stream().map(LabeledQuestion::question).forEach(messages::add);
    }
    for (Path f : jsonl(EVAL.resolve("conversations"))) {
      for (LabeledConversation c : ConversationEvaluation.read(f)) {
        c.turns().stream().map(LabeledConversation.Turn::question).forEach(messages::add);
      }
    }
    return messages;
  }

  private static List<Path> jsonl(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }
}
