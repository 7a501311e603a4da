package dev.genaipitch.app.report;

import dev.genaipitch.app.redis.SharedRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import redis.clients.jedis.resps.Tuple;

/**
 * The report's counts for the whole fleet, in Redis: every replica adds its unanswered questions
 * and Helpful? clicks, and any replica (or {@code genai-pitch report} with REDIS_URL) reads them
 * all. Bounded like the in-process report: at most {@code capacity} distinct questions (the least
 * asked go), one counter pair per section; every key expires {@link #KEPT_FOR} after the last
 * write.
 *
 * <p>Keys: {@code genai-pitch:report:questions} (sorted set: question to count), {@code
 * genai-pitch:report:details} (hash: question to first and last seen, last answer and score),
 * {@code genai-pitch:report:stats} (hash: questions, dropped, since), {@code
 * genai-pitch:report:feedback} (hash: {@code <section>:yes|no} to clicks). A question is added by
 * one script, so replicas adding at once cannot lose each other's counts.
 */
public final class RedisReport {

  /** How long the report is kept after its last change. */
  public static final Duration KEPT_FOR = Duration.ofDays(30);

  private static final String QUESTIONS = SharedRedis.PREFIX + "report:questions";
  private static final String DETAILS = SharedRedis.PREFIX + "report:details";
  private static final String STATS = SharedRedis.PREFIX + "report:stats";
  private static final String FEEDBACK = SharedRedis.PREFIX + "report:feedback";

  /**
   * KEYS: questions, details, stats. ARGV: question, count, first and last seen (epoch ms), answer,
   * score, capacity, time to live (ms). The details keep the earliest first seen, and the answer of
   * the latest sighting.
   */
  private static final String ADD_QUESTION =
      """
      local q, n = ARGV[1], tonumber(ARGV[2])
      local first, last = tonumber(ARGV[3]), tonumber(ARGV[4])
      local answer, score = ARGV[5], ARGV[6]
      redis.call('ZINCRBY', KEYS[1], n, q)
      local old = redis.call('HGET', KEYS[2], q)
      if old then
        local of, ol, oa, os = string.match(old, '^(%d+) (%d+) (%S+) (%S+)$')
        if of then
          if tonumber(of) < first then first = tonumber(of) end
          if tonumber(ol) > last then last = tonumber(ol); answer = oa; score = os end
        end
      end
      redis.call('HSET', KEYS[2], q, first .. ' ' .. last .. ' ' .. answer .. ' ' .. score)
      redis.call('HINCRBY', KEYS[3], 'questions', n)
      local since = redis.call('HGET', KEYS[3], 'since')
      if not since or tonumber(since) > first then redis.call('HSET', KEYS[3], 'since', first) end
      local dropped = 0
      while redis.call('ZCARD', KEYS[1]) > tonumber(ARGV[7]) do
        local gone = redis.call('ZPOPMIN', KEYS[1])
        redis.call('HDEL', KEYS[2], gone[1])
        dropped = dropped + 1
      end
      if dropped > 0 then redis.call('HINCRBY', KEYS[3], 'dropped', dropped) end
      for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[8]) end
      return 1
      """;

  /** KEYS: feedback. ARGV: section, helpful clicks, not helpful clicks, time to live (ms). */
  private static final String ADD_FEEDBACK =
      """
      redis.call('HINCRBY', KEYS[1], ARGV[1] .. ':yes', tonumber(ARGV[2]))
      redis.call('HINCRBY', KEYS[1], ARGV[1] .. ':no', tonumber(ARGV[3]))
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return 1
      """;

  private final SharedRedis redis;
  private final int capacity;
  private final double lowScore;

  public RedisReport(SharedRedis redis, int capacity, double lowScore) {
    this.redis = redis;
    this.capacity = capacity;
    this.lowScore = lowScore;
  }

  /** Where the report is, for people: {@code Redis at host:port/db}. */
  String where() {
    return "Redis at " + redis.where();
  }

  /**
   * Adds {@code count} sightings of an unanswered question (normalized, not empty).
   *
   * @return false when Redis did not take it (the caller keeps it)
   */
  public boolean unanswered(
      String question, long count, Instant first, Instant last, String answer, double score) {
    List<String> args =
        List.of(
            question,
            Long.toString(count),
            Long.toString(first.toEpochMilli()),
            Long.toString(last.toEpochMilli()),
            answer,
            Double.toString(Math.round(score * 1000) / 1000.0),
            Integer.toString(capacity),
            Long.toString(KEPT_FOR.toMillis()));
    return redis
        .call(r -> r.eval(ADD_QUESTION, List.of(QUESTIONS, DETAILS, STATS), args))
        .isPresent();
  }

  /**
   * Adds clicks on a section's Helpful? buttons ({@code section} is a safe label).
   *
   * @return false when Redis did not take them (the caller keeps them)
   */
  public boolean feedback(String section, long helpful, long notHelpful) {
    List<String> args =
        List.of(
            section,
            Long.toString(helpful),
            Long.toString(notHelpful),
            Long.toString(KEPT_FOR.toMillis()));
    return redis.call(r -> r.eval(ADD_FEEDBACK, List.of(FEEDBACK), args)).isPresent();
  }

  /** The fleet's report with its {@code top} most asked questions; empty when Redis fails. */
  public Optional<UnansweredReport.Snapshot> snapshot(int top, Instant now) {
    return redis.call(
        r -> {
          List<Tuple> most = top < 1 ? List.of() : r.zrevrangeWithScores(QUESTIONS, 0, top - 1);
          List<String> details =
              most.isEmpty()
                  ? List.of()
                  : r.hmget(DETAILS, most.stream().map(Tuple::getElement).toArray(String[]::new));
          List<UnansweredReport.Row> rows = new ArrayList<>();
          for (int i = 0; i < most.size(); i++) {
            rows.add(row(most.get(i), details.get(i), now));
          }
          Map<String, String> stats = r.hgetAll(STATS);
          long distinct = r.zcard(QUESTIONS);
          Map<String, long[]> clicks = new TreeMap<>();
          r.hgetAll(FEEDBACK)
              .forEach(
                  (field, value) -> {
                    int colon = field.lastIndexOf(':');
                    if (colon > 0) {
                      clicks
                              .computeIfAbsent(field.substring(0, colon), s -> new long[2])[
                              field.endsWith(":yes") ? 0 : 1] +=
                          parse(value);
                    }
                  });
          List<UnansweredReport.Feedback> feedback = new ArrayList<>();
          clicks.forEach(
              (section, c) -> feedback.add(new UnansweredReport.Feedback(section, c[0], c[1])));
          String since = stats.get("since");
          return new UnansweredReport.Snapshot(
              where(),
              since == null ? now : Instant.ofEpochMilli(parse(since)),
              lowScore,
              capacity,
              parse(stats.get("questions")),
              (int) distinct,
              parse(stats.get("dropped")),
              rows,
              feedback);
        });
  }

  private static UnansweredReport.Row row(Tuple counted, String details, Instant now) {
    String[] d = details == null ? new String[0] : details.split(" ");
    boolean whole = d.length == 4;
    return new UnansweredReport.Row(
        counted.getElement(),
        (long) counted.getScore(),
        whole ? Instant.ofEpochMilli(parse(d[0])) : now,
        whole ? Instant.ofEpochMilli(parse(d[1])) : now,
        whole ? d[2] : "none",
        whole ? decimal(d[3]) : 0);
  }

  private static double decimal(String n) {
    try {
      return Double.parseDouble(n);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long parse(String n) {
    if (n == null) {
      return 0;
    }
    try {
      return Long.parseLong(n);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
