package dev.genaipitch.bench;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.eval.ConversationEvaluation;
import dev.genaipitch.core.eval.LabeledConversation;
import dev.genaipitch.core.match.IntentMatcher;
import dev.genaipitch.core.match.MatchResult;
import dev.genaipitch.core.match.Shown;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading a message in its conversation's context costs: the last messages of the 400
 * conversations of eval/conversations/ (dev and test), in a fixed shuffled order, matched alone and
 * matched after the answers to the messages before them; and {@code PitchBot.ask} without a
 * conversation and in one (the in-process store's look-up and update included). Run from the
 * repository root.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ConversationBenchmark {

  /** Directory holding the conversation sets. */
  @Param("eval/conversations")
  public String conversationDir;

  private IntentMatcher matcher;
  private PitchBot bot;
  private String[] last;
  private List<List<Shown>> contexts;
  private String[] keys;
  private int next;

  @Setup
  public void setUp() throws ContentException, IOException {
    Guide guide = GuideLoader.builtIn();
    matcher = IntentMatcher.build(guide);
    bot = PitchBot.create(guide);
    List<LabeledConversation> all = new ArrayList<>();
    for (String name : List.of("dev.jsonl", "test.jsonl")) {
      all.addAll(ConversationEvaluation.read(Path.of(conversationDir, name)));
    }
    Collections.shuffle(all, new Random(16));
    last = new String[all.size()];
    keys = new String[all.size()];
    contexts = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      LabeledConversation c = all.get(i);
      List<Shown> context = new ArrayList<>();
      for (LabeledConversation.Turn t : c.turns().subList(0, c.turns().size() - 1)) {
        MatchResult m = matcher.match(t.question(), List.copyOf(context));
        if (!m.intent().equals(Guide.HELP) && !m.intent().equals(Guide.NONE)) {
          context.add(0, new Shown(m.intent(), m.keyLine()));
        }
        bot.ask(t.question(), "bench", "c" + i);
      }
      last[i] = c.last().question();
      keys[i] = "c" + i;
      contexts.add(List.copyOf(context));
    }
  }

  private int advance() {
    int i = next;
    next = next + 1 == last.length ? 0 : next + 1;
    return i;
  }

  @Benchmark
  public MatchResult matchAlone() {
    return matcher.match(last[advance()]);
  }

  @Benchmark
  public MatchResult matchInContext() {
    int i = advance();
    return matcher.match(last[i], contexts.get(i));
  }

  @Benchmark
  public Answer askAlone() {
    return bot.ask(last[advance()], "bench");
  }

  /**
   * Each call is one more message in one of 400 live conversations (each answer becomes the next
   * message's context there, as in a long thread).
   */
  @Benchmark
  public Answer askInConversation() {
    int i = advance();
    return bot.ask(last[i], "bench", keys[i]);
  }
}
