package dev.genaipitch.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application in a child JVM on the test class path, with only the environment a test gives it.
 * Its standard output and error are read, line by line, as they come.
 */
final class ChildServer implements AutoCloseable {

  /** The start-up line, in text or JSON (where slashes may be escaped). */
  private static final Pattern LISTENING =
      Pattern.compile("listening on http:\\\\?/\\\\?/localhost:(\\d+)");

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String EOF = "\u0000eof";

  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ChildServer(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child is gone; EOF below says so
              }
              lines.add(EOF);
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} with {@code env} as its whole environment. */
  static ChildServer start(Class<?> mainClass, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of(), mainClass, env, args);
  }

  /** As {@link #start(Class, Map, String...)}, with more JVM flags after the usual ones. */
  static ChildServer start(
      List<String> jvmFlags, Class<?> mainClass, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    return new ChildServer(builder.start());
  }

  Process process() {
    return process;
  }

  /** Writes a line to the child's standard input. */
  void tell(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /**
   * Sends SIGTERM, as an orchestrator does. Through the process handle: {@code Process.destroy()}
   * sends the same signal but also closes this side's pipes, losing what the child logs while it
   * stops.
   */
  void sigterm() {
    process.toHandle().destroy();
  }

  /** Waits for the start-up line and returns the public port from it. */
  int port() throws InterruptedException {
    String line = awaitLine(l -> LISTENING.matcher(l).find());
    Matcher m = LISTENING.matcher(line);
    m.find();
    return Integer.parseInt(m.group(1));
  }

  /** The next line (after those already read) that matches, waiting up to a minute. */
  String awaitLine(Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        throw new AssertionError(
            (line == null ? "timed out" : "the child exited")
                + " waiting for a line; output so far:\n"
                + String.join("\n", seen));
      }
      seen.add(line);
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  /** Waits for the child to exit, then returns every line it wrote. */
  List<String> awaitExit() throws InterruptedException {
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(
          "the child did not exit; output so far:\n" + String.join("\n", seen));
    }
    for (String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        line != null && !line.equals(EOF);
        line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      seen.add(line);
    }
    return List.copyOf(seen);
  }

  Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
