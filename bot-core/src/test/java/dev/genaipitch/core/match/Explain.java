package dev.genaipitch.core.match;

import dev.genaipitch.core.content.GuideLoader;

/** Development aid: shows how questions are analyzed and matched. */
public final class Explain {
  public static void main(String[] args) throws Exception {
    IntentMatcher m = IntentMatcher.build(GuideLoader.builtIn());
    for (String q : args) {
      System.out.println(q + "\n  tokens=" + m.explainTokens(q) + "\n  -> " + m.match(q));
    }
  }
}
