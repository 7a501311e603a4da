package dev.genaipitch.app.report;

import dev.genaipitch.app.telemetry.Labels;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.BotListener;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What people asked that the script did not answer: questions answered {@code none}, or with a
 * section scoring below LOW_SCORE, counted by their normalized text; and the "Helpful? 👍 👎"
 * clicks per section. For content owners, through {@code ./genai-pitch report}.
 *
 * <p>Bounded: at most {@code capacity} distinct questions are kept; when a new one arrives at
 * capacity, the least asked (and of those, the longest unseen) goes. With a {@link ReportFile},
 * every unanswered question and click is also appended to it.
 *
 * <p>With a {@link RedisReport} (REDIS_URL), the counts go to Redis for the whole fleet, and the
 * snapshot is the fleet's; what Redis does not take (an outage) is counted here, shown while Redis
 * is away, and handed to Redis when it is back. Thread-safe.
 */
public final class UnansweredReport implements BotListener {

  /** One distinct unanswered question. */
  public record Row(
      String question,
      long count,
      Instant firstSeen,
      Instant lastSeen,
      String lastAnswer,
      double lastScore) {}

  /** Clicks on one section's "Helpful?" buttons. */
  public record Feedback(String section, long helpful, long notHelpful) {}

  /**
   * The report at one moment.
   *
   * @param source where the data came from: {@code server} or a file name
   * @param since when counting started (server start, or the file's first record)
   * @param questions how many unanswered questions were recorded in all (not distinct)
   * @param distinct how many distinct questions are held now
   * @param dropped distinct questions dropped to stay within capacity
   * @param unanswered the most frequent, most asked first
   */
  public record Snapshot(
      String source,
      Instant since,
      double lowScore,
      int capacity,
      long questions,
      int distinct,
      long dropped,
      List<Row> unanswered,
      List<Feedback> feedback) {}

  /** The source of a snapshot made in process because Redis did not answer. */
  public static final String REPLICA_ALONE = "replica";

  private static final int MAX_NORMALIZED = 200;
  private static final Comparator<Row> RAREST_FIRST =
      Comparator.comparingLong(Row::count)
          .thenComparing(Row::lastSeen)
          .thenComparing(Row::question);

  private final int capacity;
  private final double lowScore;
  private final Clock clock;
  private final Optional<ReportFile> file;
  private final Optional<RedisReport> shared;
  private final Map<String, Row> byQuestion = new HashMap<>();
  private final NavigableSet<Row> rarestFirst = new TreeSet<>(RAREST_FIRST);
  private final Map<String, long[]> feedback = new TreeMap<>();
  private Instant since;
  private long questions;
  private long dropped;

  /**
   * @param file where to append records too, if anywhere
   */
  public UnansweredReport(int capacity, double lowScore, Clock clock, Optional<ReportFile> file) {
    this(capacity, lowScore, clock, file, Optional.empty());
  }

  /**
   * @param shared the fleet's report in Redis, if any
   */
  public UnansweredReport(
      int capacity,
      double lowScore,
      Clock clock,
      Optional<ReportFile> file,
      Optional<RedisReport> shared) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.lowScore = lowScore;
    this.clock = clock;
    this.file = file;
    this.shared = shared;
    this.since = clock.instant();
  }

  /** Whether an answer counts as unanswered: {@code none}, or a section below LOW_SCORE. */
  public static boolean unanswered(Answer answer, double lowScore) {
    return answer.kind() == Answer.Kind.NONE
        || (answer.kind() == Answer.Kind.SECTION && answer.score() < lowScore);
  }

  @Override
  public void answered(Asked asked) {
    if (!unanswered(asked.answer(), lowScore)) {
      return;
    }
    Instant now = clock.instant();
    String intent = asked.answer().intent();
    double score = asked.answer().score();
    String key = normalize(asked.question());
    boolean counted =
        !key.isEmpty()
            && (shared.map(r -> r.unanswered(key, 1, now, now, intent, score)).orElse(false)
                || record(asked.question(), now, intent, score));
    if (counted) {
      file.ifPresent(
          f ->
              f.unanswered(
                  now,
                  Labels.platform(asked.platform()),
                  asked.question(),
                  asked.answer().intent(),
                  asked.answer().score()));
    }
  }

  @Override
  public void feedback(String platform, String intent, boolean helpful) {
    if (!shared.map(r -> r.feedback(intent, helpful ? 1 : 0, helpful ? 0 : 1)).orElse(false)) {
      count(intent, helpful);
    }
    file.ifPresent(f -> f.feedback(clock.instant(), Labels.platform(platform), intent, helpful));
  }

  /**
   * Counts one unanswered question asked at {@code at}.
   *
   * @return false when the question is empty once normalized (and so not counted)
   */
  synchronized boolean record(String question, Instant at, String answer, double score) {
    String key = normalize(question);
    if (key.isEmpty()) {
      return false;
    }
    questions++;
    Row old = byQuestion.get(key);
    Row row;
    if (old == null) {
      row = new Row(key, 1, at, at, answer, score);
    } else {
      rarestFirst.remove(old);
      Instant last = at.isAfter(old.lastSeen()) ? at : old.lastSeen();
      boolean newer = !at.isBefore(old.lastSeen());
      row =
          new Row(
              key,
              old.count() + 1,
              at.isBefore(old.firstSeen()) ? at : old.firstSeen(),
              last,
              newer ? answer : old.lastAnswer(),
              newer ? score : old.lastScore());
    }
    byQuestion.put(key, row);
    rarestFirst.add(row);
    if (at.isBefore(since)) {
      since = at;
    }
    while (byQuestion.size() > capacity) {
      Row evict = rarestFirst.pollFirst();
      byQuestion.remove(evict.question());
      dropped++;
    }
    return true;
  }

  /**
   * Counts one click on a section's "Helpful?" buttons; {@code section} is already a safe label.
   */
  synchronized void count(String section, boolean helpful) {
    feedback.computeIfAbsent(section, s -> new long[2])[helpful ? 0 : 1]++;
  }

  /**
   * The report now, with the {@code top} most asked questions: the fleet's from Redis when there is
   * one and it answers (with what this process kept during an outage handed over first), else this
   * process's, from {@code source}.
   */
  public Snapshot snapshot(String source, int top) {
    if (shared.isPresent()) {
      handOver();
      Optional<Snapshot> fleet = shared.get().snapshot(top, clock.instant());
      if (fleet.isPresent()) {
        return fleet.get();
      }
      return local(REPLICA_ALONE, top);
    }
    return local(source, top);
  }

  /**
   * Hands what this process counted while Redis was away over to Redis, as far as Redis takes it
   * (what it takes is no longer counted here). Runs when Redis comes back, and before a snapshot.
   */
  public synchronized void handOver() {
    RedisReport redis = shared.orElseThrow();
    for (Iterator<Row> it = rarestFirst.descendingIterator(); it.hasNext(); ) {
      Row row = it.next();
      if (!redis.unanswered(
          row.question(),
          row.count(),
          row.firstSeen(),
          row.lastSeen(),
          row.lastAnswer(),
          row.lastScore())) {
        return;
      }
      it.remove();
      byQuestion.remove(row.question());
      questions -= row.count();
    }
    for (Iterator<Map.Entry<String, long[]>> it = feedback.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, long[]> clicks = it.next();
      if (!redis.feedback(clicks.getKey(), clicks.getValue()[0], clicks.getValue()[1])) {
        return;
      }
      it.remove();
    }
  }

  private synchronized Snapshot local(String source, int top) {
    List<Row> rows = new ArrayList<>();
    Iterator<Row> mostFirst = rarestFirst.descendingIterator();
    while (mostFirst.hasNext() && rows.size() < top) {
      rows.add(mostFirst.next());
    }
    List<Feedback> clicks = new ArrayList<>();
    feedback.forEach((section, c) -> clicks.add(new Feedback(section, c[0], c[1])));
    return new Snapshot(
        source, since, lowScore, capacity, questions, byQuestion.size(), dropped, rows, clicks);
  }

  /**
   * A question's report key: Unicode-normalized, lower case, letters and digits only (apostrophes
   * dropped, other punctuation to spaces), single spaces, at most {@value #MAX_NORMALIZED}
   * characters. "What's Lambda?!" and "whats lambda" count as one.
   */
  static String normalize(String question) {
    if (question == null) {
      return "";
    }
    String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() < MAX_NORMALIZED; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.appendCodePoint(c);
      } else if (c != '\'' && c != '\u2019') {
        space = true;
      }
    }
    return out.toString();
  }
}
