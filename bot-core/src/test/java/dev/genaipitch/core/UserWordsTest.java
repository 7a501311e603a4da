package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class UserWordsTest {

  @Test
  void shown_keepsWordsMarkupAndUnicodeAsTyped() {
    String typed = "*bold* _it_ ~s~ `code` > <!channel> [x](http://e) café ☕ مرحبا שלום 👍🏽";

    assertThat(UserWords.shown(typed)).isEqualTo(typed);
  }

  @Test
  void shown_controlCharacters_becomeVisibleSymbols() {
    assertThat(UserWords.shown("a\u0000b\u0007c\u001b[2Jd\u007fe\u0085f\u009bg"))
        .isEqualTo("a␀b␇c␛[2Jd␡e f�g");
  }

  @Test
  void shown_lineBreaksAndTabs_becomeSpaces() {
    assertThat(UserWords.shown("one\ntwo\r\nthree\tfour\u2028five"))
        .isEqualTo("one two  three four five");
  }

  @Test
  void shown_bidiOverridesAndIsolates_areDropped_soTheyCannotReorderWhatFollows() {
    assertThat(UserWords.shown("\u202eevil\u202c \u2066x\u2069 \u202a\u202b\u202d"))
        .isEqualTo("evil x ");
    assertThat(UserWords.shown("\u200fmark\u200e")).isEqualTo("\u200fmark\u200e");
  }
}
