package dev.genaipitch.app;

import dev.genaipitch.app.redis.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What REDIS_URL adds to a request: two services as {@code serve} assembles them, one keeping state
 * in process and one in a real redis-server on loopback (REDIS_TIMEOUT at its default), each
 * answering signed slash commands from one client, one at a time: answered ones (a signature
 * checked once: one SET NX) and unanswered ones (the same, plus the report's script). Rounds
 * alternate the order; prints each round's p50 and p99 round trip and the machine's load. Not a
 * test (run by hand, see docs/performance.md).
 *
 * <p>Usage: {@code RedisLatencyBench ROUNDS REQUESTS}
 */
final class RedisLatencyBench {

  private RedisLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int requests = Integer.parseInt(args[1]);
    System.out.println("load at start: " + load());
    try (RedisServer redis = RedisServer.start();
        RunningService local = RunningService.builder().start();
        RunningService shared = RunningService.builder().env("REDIS_URL", redis.url()).start()) {
      Map<String, RunningService> services = new LinkedHashMap<>();
      services.put("in-process", local);
      services.put("redis", shared);
      int[] n = {0};
      for (RunningService s : services.values()) {
        run(s, "do we need both?", requests, n);
        run(s, "how much does lambda cost", requests, n);
      }
      for (int round = 1; round <= rounds; round++) {
        List<String> order = new ArrayList<>(services.keySet());
        if (round % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (String mode : order) {
          for (String question : List.of("do we need both?", "how much does lambda cost")) {
            long[] nanos = run(services.get(mode), question, requests, n);
            Arrays.sort(nanos);
            System.out.printf(
                Locale.ROOT,
                "round=%d mode=%s kind=%s p50_us=%.0f p99_us=%.0f%n",
                round,
                mode,
                question.startsWith("do") ? "answered" : "unanswered",
                nanos[nanos.length / 2] / 1e3,
                nanos[(int) (nanos.length * 0.99)] / 1e3);
          }
        }
      }
      System.out.println(
          "redis fallbacks: "
              + shared
                  .service
                  .scrape()
                  .lines()
                  .filter(l -> l.startsWith("genai_pitch_redis_fallbacks_total"))
                  .findFirst()
                  .orElse("?"));
    }
    System.out.println("load at end: " + load());
  }

  private static long[] run(RunningService service, String question, int requests, int[] n) {
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      // A field of its own per request: every signature differs, so none is taken for a replay.
      String body = service.slack.commandBody("/genai-pitch", question) + "&bench=" + n[0]++;
      long t0 = System.nanoTime();
      Wire.Reply reply = service.slack.post(body, SlackSide.FORM);
      nanos[i] = System.nanoTime() - t0;
      if (reply.status() != 200 || reply.body().isEmpty()) {
        throw new IllegalStateException("no answer: " + reply.status());
      }
    }
    return nanos;
  }

  private static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
  }
}
