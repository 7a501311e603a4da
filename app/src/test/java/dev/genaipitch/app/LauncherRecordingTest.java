package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first {@code serve} after a build, which records the JVM's AOT cache (Java 25) or
 * class-data archive (Java 17 to 24) when it stops. The real launcher script runs against a
 * stand-in JDK that writes its "cache" on exit, as the JVM does, whatever the exit: a start that
 * failed must not leave a thin cache behind for every later start to map. Also the flags that
 * differ between {@code serve} and the other commands' memory: the young generation, the cap on a
 * compilation's arena, and a heap that shrinks after one collection before listening.
 */
final class LauncherRecordingTest {

  private static final Path LAUNCHER = Path.of("..", "genai-pitch");

  /** A stand-in {@code java}: notes its arguments, then fails at once or serves until SIGTERM. */
  private static final String FAKE_JAVA =
      """
      #!/usr/bin/env bash
      out=""
      for a in "$@"; do
        case "$a" in
          -XX:AOTCacheOutput=* | -XX:ArchiveClassesAtExit=*) out="${a#*=}" ;;
        esac
      done
      printf '%s\\n' "$@" > "$FAKE_DIR/args"
      record() { if [ -n "$out" ]; then echo recorded > "$out"; fi; }
      case "$FAKE_SERVE" in
        fail)
          echo "genai-pitch: invalid configuration (1 problem)" >&2
          record
          exit 2 ;;
        serve)
          trap 'record; exit 0' TERM
          touch "$FAKE_DIR/ready"
          while :; do sleep 0.05; done ;;
      esac
      """;

  @TempDir Path root;
  private Path target;
  private Path fake;

  @BeforeEach
  void aBuiltCheckout() throws IOException {
    Files.copy(LAUNCHER, root.resolve("genai-pitch"));
    target = Files.createDirectories(root.resolve("app/target"));
    Files.writeString(target.resolve("genai-pitch.jar"), "");
    fake = Files.createDirectories(root.resolve("fake"));
  }

  @Test
  void onJava25_aFirstServeThatFails_leavesNoCache_andTheNextServeRecordsAgain() throws Exception {
    Path jdk = jdk("25.0.3");

    Process first = launch(jdk, "fail");
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(first.exitValue()).as("the server's own exit code").isEqualTo(2);
    assertThat(stderr()).contains("invalid configuration");
    assertThat(args()).anyMatch(a -> a.startsWith("-XX:AOTCacheOutput=" + target));
    assertThat(recorded()).as("what the failed start recorded is gone").isEmpty();

    Process second = launch(jdk, "fail");
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(args()).as("records again").anyMatch(a -> a.startsWith("-XX:AOTCacheOutput="));
  }

  @Test
  void onJava25_aFirstServeStoppedBySigterm_keepsItsCache_whichLaterStartsMap() throws Exception {
    Path jdk = jdk("25.0.3");

    Process server = launch(jdk, "serve");
    awaitFile(fake.resolve("ready"));
    server.destroy(); // SIGTERM to the launcher, as an orchestrator sends it
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the stop reached the JVM").isTrue();

    assertThat(server.exitValue()).isZero();
    List<Path> cache = recorded();
    assertThat(cache).hasSize(1);
    assertThat(cache.get(0).getFileName().toString()).endsWith("-jdk25.0.3.aot");

    Process later = launch(jdk, "fail");
    assertThat(later.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(args()).contains("-XX:AOTCache=" + cache.get(0));
    assertThat(recorded())
        .as("a later start that fails leaves the cache it did not record alone")
        .containsExactlyElementsOf(cache);
  }

  @Test
  void onJava17_aFirstServeThatFails_leavesNoArchive() throws Exception {
    Path jdk = jdk("17.0.15");

    Process first = launch(jdk, "fail");
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(first.exitValue()).isEqualTo(2);
    assertThat(args()).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=" + target));
    assertThat(recorded()).isEmpty();
  }

  @Test
  void otherCommands_neverRecord() throws Exception {
    Path jdk = jdk("25.0.3");

    Process ask = launch(jdk, "fail", "ask", "do we need both?");
    assertThat(ask.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(ask.exitValue()).isEqualTo(2);
    assertThat(args()).noneMatch(a -> a.startsWith("-XX:AOTCache"));
  }

  @Test
  void onJava25_serveGetsAnEightMiBYoungGenerationAndCappedCompilations_otherCommandsDoNot()
      throws Exception {
    Path jdk = jdk("25.0.3");

    List<String> serve = argsOfAFailedStart(jdk);
    assertThat(serve.stream().filter(a -> a.startsWith("-Xmn"))).containsExactly("-Xmn8m");
    assertThat(serve).contains("-XX:CompileCommand=MemLimit,*.*,6M");

    List<String> ask = argsOfAFailedStart(jdk, "ask", "do we need both?");
    assertThat(ask.stream().filter(a -> a.startsWith("-Xmn"))).containsExactly("-Xmn16m");
    assertThat(ask).noneMatch(a -> a.startsWith("-XX:CompileCommand"));
  }

  @Test
  void onJava25_serveCollectsBeforeListeningWithAHeapThatShrinks_otherCommandsDoNot()
      throws Exception {
    Path jdk = jdk("25.0.3");
    List<String> shrinking =
        List.of(
            "-Xms16m",
            "-XX:MinHeapFreeRatio=0",
            "-XX:MaxHeapFreeRatio=1",
            "-XX:-ShrinkHeapInSteps",
            "-Dgenai.pitch.collectBeforeListening=true");

    assertThat(argsOfAFailedStart(jdk)).containsAll(shrinking);
    assertThat(argsOfAFailedStart(jdk, "ask", "do we need both?"))
        .doesNotContainAnyElementsOf(shrinking);
  }

  @Test
  void onJava17_everyCommandKeepsSixteenMiBUncappedCompilationsAndNoCollectionBeforeListening()
      throws Exception {
    Path jdk = jdk("17.0.15");

    List<String> serve = argsOfAFailedStart(jdk);
    assertThat(serve.stream().filter(a -> a.startsWith("-Xmn"))).containsExactly("-Xmn16m");
    assertThat(serve).noneMatch(a -> a.startsWith("-XX:CompileCommand"));
    assertThat(serve)
        .noneMatch(a -> a.startsWith("-Xms") || a.contains("HeapFreeRatio") || a.startsWith("-D"));
  }

  private Path jdk(String version) throws IOException {
    Path home = Files.createDirectories(root.resolve("jdk-" + version));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, FAKE_JAVA, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private Process launch(Path jdk, String behaviour, String... command) throws IOException {
    Files.deleteIfExists(fake.resolve("args"));
    Files.deleteIfExists(fake.resolve("ready"));
    List<String> line =
        Stream.concat(
                Stream.of("bash", root.resolve("genai-pitch").toString()),
                Stream.of(command.length == 0 ? new String[] {"serve"} : command))
            .toList();
    ProcessBuilder pb = new ProcessBuilder(line).redirectOutput(fake.resolve("stdout").toFile());
    pb.redirectError(fake.resolve("stderr").toFile());
    Map<String, String> env = pb.environment();
    env.remove("JAVA_OPTS");
    env.put("GENAI_PITCH_JAVA_HOME", jdk.toString());
    env.put("FAKE_DIR", fake.toString());
    env.put("FAKE_SERVE", behaviour);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private String stderr() throws IOException {
    return Files.readString(fake.resolve("stderr"));
  }

  /**
   * The JVM flags the launcher passed for {@code command} (serve when empty), with a JVM that
   * fails.
   */
  private List<String> argsOfAFailedStart(Path jdk, String... command) throws Exception {
    Process p = launch(jdk, "fail", command);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return args();
  }

  private List<String> args() throws IOException {
    return Files.readAllLines(fake.resolve("args"));
  }

  private List<Path> recorded() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("genai-pitch-.*\\.(aot|jsa)"))
          .sorted()
          .toList();
    }
  }

  private static void awaitFile(Path file) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!Files.exists(file)) {
      assertThat(Instant.now()).as("waiting for " + file).isBefore(deadline);
      Thread.sleep(20);
    }
  }
}
