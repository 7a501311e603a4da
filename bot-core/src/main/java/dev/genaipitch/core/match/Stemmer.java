package dev.genaipitch.core.match;

import org.tartarus.snowball.ext.EnglishStemmer;

/** English (Porter2) stems, so that "customizing", "customize" and "customization" meet. */
final class Stemmer {

  private static final ThreadLocal<EnglishStemmer> STEMMER =
      ThreadLocal.withInitial(EnglishStemmer::new);

  private Stemmer() {}

  static String stem(String word) {
    if (word.length() < 4 || !isAsciiLetters(word)) {
      return word;
    }
    EnglishStemmer stemmer = STEMMER.get();
    stemmer.setCurrent(word);
    stemmer.stem();
    return stemmer.getCurrent();
  }

  private static boolean isAsciiLetters(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }
}
