package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher's compiler directives (app/jvm/compiler-directives.json) name this module's methods
 * by their JVM names: HotSpot matches nothing, silently, once a class or method is renamed, and C2
 * would go back to compiling it. So every name of ours in the file must still be a method here.
 */
final class CompilerDirectivesTargetsTest {

  private static final Path DIRECTIVES = Path.of("..", "app", "jvm", "compiler-directives.json");
  private static final Pattern OURS = Pattern.compile("\"(dev/genaipitch/core/[^\"]+)\"");

  @Test
  void theSpellingIndexBuild_isLeftToC1_byTheNameItHasHere() throws Exception {
    List<String> patterns = oursIn(DIRECTIVES);

    assertThat(patterns).contains("dev/genaipitch/core/match/SpellingCorrector$DeleteIndex.of");
    for (String pattern : patterns) {
      int dot = pattern.lastIndexOf('.');
      Class<?> type = Class.forName(pattern.substring(0, dot).replace('/', '.'));
      String method = pattern.substring(dot + 1);
      assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
          .as("%s names a method of %s", pattern, type.getName())
          .contains(method);
    }
  }

  private static List<String> oursIn(Path file) throws IOException {
    Matcher m = OURS.matcher(Files.readString(file, StandardCharsets.UTF_8));
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
