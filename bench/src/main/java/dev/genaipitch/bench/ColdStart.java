package dev.genaipitch.bench;

import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.match.IntentMatcher;

/**
 * Times, with plain timers, the first content load and matcher training in a fresh JVM: what {@code
 * serve} pays before it listens. Prints one line; bench/run calls it with the launcher's JVM flags
 * and with others, to compare them.
 */
public final class ColdStart {

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Guide guide = GuideLoader.builtIn();
    long t1 = System.nanoTime();
    IntentMatcher matcher = IntentMatcher.build(guide);
    long t2 = System.nanoTime();
    matcher.match("do we need both?");
    long t3 = System.nanoTime();
    System.out.printf(
        "load %.1f ms, build %.1f ms, first match %.2f ms, total %.1f ms%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6);
  }
}
