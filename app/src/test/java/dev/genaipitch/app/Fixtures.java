package dev.genaipitch.app;

import dev.genaipitch.core.Answer;
import dev.genaipitch.core.BotListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Shared test data: the guide as files, and questions with known answers. */
public final class Fixtures {

  /** Answered {@code none} by the built-in guide. */
  static final String OFF_SCRIPT = "how much does lambda cost";

  /** Answered {@code none} too. */
  static final String WEATHER = "what is the weather in paris";

  /** Answered {@code need-both} with a high score. */
  static final String NEED_BOTH = "do we need both?";

  /** Answered {@code when-bedrock} with a score below the default LOW_SCORE. */
  static final String VAGUE = "bedrock";

  private static final Path BUILT_IN =
      Path.of("..", "bot-core", "src", "main", "resources", "guide");

  private Fixtures() {}

  /** Copies the built-in guide's files into {@code dir}. */
  public static Path guideIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(BUILT_IN)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = dir.resolve(BUILT_IN.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    return dir;
  }

  /** Rewrites one line of a guide file. */
  public static void replaceLine(Path file, String line, String with) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!text.contains(line)) {
      throw new IllegalArgumentException(file + " has no line " + line);
    }
    Files.writeString(file, text.replace(line, with), StandardCharsets.UTF_8);
  }

  /**
   * Waits, up to 30 s, until {@code scrape} has a line starting with each of {@code prefixes}.
   * Jetty records a request's {@code http_server_requests} timer when the exchange completes, which
   * can be just after the client has read the response, and the timer is registered (its line
   * shows, counting 0) a moment before the request is recorded into it: a prefix that is to see a
   * count includes the value.
   */
  static void awaitMetrics(Supplier<String> scrape, String... prefixes)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<String> lines = lines(scrape.get());
      if (Arrays.stream(prefixes).allMatch(p -> lines.stream().anyMatch(l -> l.startsWith(p)))) {
        return;
      }
      Thread.sleep(10);
    }
  }

  /** Lines of text, for readable assertions. */
  public static List<String> lines(String text) {
    return text.lines().toList();
  }

  /** An answered question as the bot reports it. */
  public static BotListener.Asked asked(String platform, String question, Answer answer) {
    return new BotListener.Asked(platform, question, answer, 1_500_000);
  }

  /** An answer of the given kind, intent and score. */
  public static Answer answer(Answer.Kind kind, String intent, double score) {
    return new Answer(
        kind, intent, intent, intent, List.of(), List.of(), List.of(), List.of(), score, "");
  }
}
