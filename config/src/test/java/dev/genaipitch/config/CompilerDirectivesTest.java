package dev.genaipitch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiler directives the launcher gives {@code serve} on Java 25: a JVM refuses to start on a
 * file it cannot parse, so a broken edit would stop the bot, not just its tuning.
 */
final class CompilerDirectivesTest {

  private static final Path ROOT = Path.of("..");
  private static final Path DIRECTIVES = ROOT.resolve("app/jvm/compiler-directives.json");

  @Test
  void launcher_passesTheDirectivesFileThatIsInTheRepository() throws IOException {
    String launcher = Files.readString(ROOT.resolve("genai-pitch"), StandardCharsets.UTF_8);

    assertThat(launcher)
        .contains("directives=\"$here/app/jvm/compiler-directives.json\"")
        .contains("-XX:CompilerDirectivesFile=$directives");
    assertThat(DIRECTIVES).isRegularFile();
  }

  @Test
  void directives_areReadByTheJvm_andAnnouncedOnStdoutNotAmongTheLogLines() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:CompilerDirectivesFile=" + DIRECTIVES.toAbsolutePath(),
                    "-version"))
            .start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();

    assertThat(exit).as(stderr).isZero();
    assertThat(stdout).isEqualTo("1 compiler directives added" + System.lineSeparator());
    assertThat(stderr).as("where the bot's log lines go").doesNotContain("directives");
  }
}
