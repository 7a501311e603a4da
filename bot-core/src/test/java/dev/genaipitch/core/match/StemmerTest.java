package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class StemmerTest {

  /**
   * Every word of Snowball's English test vocabulary and of this project's guide and evaluation
   * sets (lower-case a-z, four letters or more: 42,430 words), each with the stem Lucene 9.12.3's
   * Snowball EnglishStemmer gave it, the stemmer the matcher was built with. A line is {@code word
   * stem}, or {@code word} alone where the stem is the word.
   */
  private static final String REFERENCE = "/stemmer/lucene-9.12.3-english.txt.gz";

  @Test
  void everyWordOfTheReference_stemsAsTheLibraryDid() throws IOException {
    List<String> differences = new ArrayList<>();
    int words = 0;
    try (InputStream raw = StemmerTest.class.getResourceAsStream(REFERENCE);
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String expected = space < 0 ? line : line.substring(space + 1);
        words++;
        String stem = Stemmer.stem(word);
        if (!stem.equals(expected)) {
          differences.add(word + ": " + stem + " instead of " + expected);
        }
      }
    }
    assertThat(words).isEqualTo(42_430);
    assertThat(differences).isEmpty();
  }

  @Test
  void wordFamilies_meetAtOneStem() {
    assertThat(List.of("customizing", "customize", "customization", "customized"))
        .extracting(Stemmer::stem)
        .containsOnly("custom");
    assertThat(List.of("generative", "generate", "generated", "generation"))
        .extracting(Stemmer::stem)
        .containsOnly("generat");
    assertThat(Stemmer.stem("models")).isEqualTo(Stemmer.stem("model"));
  }

  @Test
  void eachStep_asPorter2DefinesIt() {
    assertThat(Stemmer.stem("caresses")).isEqualTo("caress"); // 1a: sses
    assertThat(Stemmer.stem("cries")).isEqualTo("cri"); // 1a: ies after two letters or more
    assertThat(Stemmer.stem("ties")).isEqualTo("tie"); // ...after one letter
    assertThat(Stemmer.stem("gaps")).isEqualTo("gap"); // 1a: s with a vowel before
    assertThat(Stemmer.stem("kiwis")).isEqualTo("kiwi");
    assertThat(Stemmer.stem("agreed")).isEqualTo("agre"); // 1b: eed in R1
    assertThat(Stemmer.stem("hoping")).isEqualTo("hope"); // 1b: short word gets its e back
    assertThat(Stemmer.stem("hopping")).isEqualTo("hop"); // 1b: double consonant undone
    assertThat(Stemmer.stem("happy")).isEqualTo("happi"); // 1c
    assertThat(Stemmer.stem("conditional")).isEqualTo("condit"); // 2, then 4
    assertThat(Stemmer.stem("relational")).isEqualTo("relat"); // 2: ational
    assertThat(Stemmer.stem("effective")).isEqualTo("effect"); // 4: ive in R2
    assertThat(Stemmer.stem("adoption")).isEqualTo("adopt"); // 4: ion after t
    assertThat(Stemmer.stem("controlling")).isEqualTo("control"); // 5: ll
  }

  @Test
  void specialWords_andWordsItLeavesAlone() {
    assertThat(Stemmer.stem("skies")).isEqualTo("sky");
    assertThat(Stemmer.stem("dying")).isEqualTo("die");
    assertThat(Stemmer.stem("news")).isEqualTo("news");
    assertThat(Stemmer.stem("succeeding")).isEqualTo("succeed");
    assertThat(Stemmer.stem("yearly")).isEqualTo("year"); // a first y is a consonant, and stays y
    assertThat(Stemmer.stem("aws")).isEqualTo("aws"); // fewer than four letters
    assertThat(Stemmer.stem("ec2s")).isEqualTo("ec2s"); // not only letters
    assertThat(Stemmer.stem("Models")).isEqualTo("Models"); // not lower case
  }
}
