package dev.genaipitch.bench;

import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.match.IntentMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code serve} does before it listens: load the built-in guide from the jar, and set up the
 * matcher on it (loading the model the build trained for the built-in guide); and what a content
 * reload of an edited guide does: train the matcher. {@link Mode#SingleShotTime} with no warm-up
 * and one call per fork is the cold cost a fresh process pays (many forks give the distribution;
 * {@code buildMatcher} runs after the guide was loaded, so it is cold only in its own code); run
 * with warm-up iterations (bench/run does both) it is the cost once the JIT has compiled the code,
 * e.g. for a content reload in a long-running server.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(15)
public class StartupBenchmark {

  /**
   * A guide loaded before the measured call; only {@link #buildMatcher} uses it, so the others stay
   * cold.
   */
  @State(Scope.Benchmark)
  public static class LoadedGuide {
    Guide guide;
    Guide edited;

    @Setup
    public void load() throws ContentException {
      guide = GuideLoader.builtIn();
      // One example more than the built-in guide: its model is not the shipped one, so it trains.
      Section first = guide.sections().get(0);
      List<String> examples = new ArrayList<>(first.examples());
      examples.add("what is this guide about, in a few words");
      List<Section> sections = new ArrayList<>(guide.sections());
      sections.set(0, first.withExamples(examples));
      edited = new Guide(sections, guide.help(), guide.none(), guide.synonyms(), "edited");
    }
  }

  /** Reading and validating the built-in guide (Markdown parsing, front matter, checks). */
  @Benchmark
  public Guide loadGuide() throws ContentException {
    return GuideLoader.builtIn();
  }

  /**
   * Setting up the matcher for the built-in guide, already loaded (its model comes with the jar).
   */
  @Benchmark
  public IntentMatcher buildMatcher(LoadedGuide loaded) {
    return IntentMatcher.build(loaded.guide);
  }

  /** Training the matcher for an edited guide: what a content reload of GUIDE_DIR pays. */
  @Benchmark
  public IntentMatcher trainMatcherForEditedGuide(LoadedGuide loaded) {
    return IntentMatcher.build(loaded.edited);
  }

  /** Both, as serve does them: the budget's "content load + matcher set-up". */
  @Benchmark
  public PitchBot loadAndBuild() throws ContentException {
    return PitchBot.create(GuideLoader.builtIn());
  }
}
