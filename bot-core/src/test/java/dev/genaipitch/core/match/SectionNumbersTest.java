package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shortcut for messages without a digit must read every message as the patterns do. */
final class SectionNumbersTest {

  private final SectionNumbers numbers;

  SectionNumbersTest() throws ContentException {
    numbers = SectionNumbers.of(GuideLoader.builtIn());
  }

  @Test
  void named_everyEvaluationMessage_sameAsThePatterns() throws IOException {
    List<String> messages = EvaluationMessages.all();
    long named = messages.stream().filter(m -> numbers.byPatterns(m, true).isPresent()).count();

    assertThat(messages).hasSizeGreaterThan(1_000);
    // Messages that name a section by its number are among them, alone and in a conversation.
    assertThat(named).isGreaterThanOrEqualTo(5L);
    for (String m : messages) {
      assertThat(numbers.named(m, false)).as(m).isEqualTo(numbers.byPatterns(m, false));
      assertThat(numbers.named(m, true)).as(m).isEqualTo(numbers.byPatterns(m, true));
    }
  }

  @Test
  void named_edgesOfTheShortcut_sameAsThePatterns() {
    List<String> texts =
        List.of(
            "",
            "   ",
            "section",
            "section nine",
            "whats in section 9",
            "SECTION 7?",
            "step 1 of the script",
            "before section 1",
            "after section 3",
            "section #4",
            "section no. 5",
            "section number 6",
            "section ٣",
            "section ３",
            "section ⁴",
            "section Ⅳ",
            "3?",
            "and 8",
            "ok 4 then",
            "٨",
            "no. 2 please",
            "x".repeat(199) + "5",
            "section 5 " + "x".repeat(200));
    assertThat(numbers.byPatterns("whats in section 9", false)).isPresent();
    assertThat(numbers.byPatterns("3?", true)).isPresent();
    for (String t : texts) {
      assertThat(numbers.named(t, false)).as(t).isEqualTo(numbers.byPatterns(t, false));
      assertThat(numbers.named(t, true)).as(t).isEqualTo(numbers.byPatterns(t, true));
    }
  }
}
