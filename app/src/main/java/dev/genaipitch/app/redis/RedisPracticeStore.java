package dev.genaipitch.app.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.core.practice.PracticeState;
import dev.genaipitch.core.practice.PracticeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Practice across replicas: each rep's state as JSON under {@code genai-pitch:practice:<rep>},
 * expiring after {@code keepFor} without practice, so that a round asked on one replica is graded
 * on another. {@link #update} reads, applies the change, and writes only if the value is still the
 * one it read (compare-and-set in a Lua script), retrying on a clash: atomic per rep across the
 * fleet. The rep's latest answers are written only with PRACTICE_KEEP_ANSWERS. This process's store
 * is written as well and answers whenever Redis does not.
 */
public final class RedisPracticeStore implements PracticeStore {

  static final String KEYS = SharedRedis.PREFIX + "practice:";

  /** A rep's state is forgotten after this long without practice. */
  public static final Duration KEEP_FOR = Duration.ofDays(30);

  private static final Logger LOG = LoggerFactory.getLogger(RedisPracticeStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_KEY = 200;
  private static final int ATTEMPTS = 200;

  /** KEYS[1] the rep; ARGV[1] the value read ("" for none), ARGV[2] the new value, ARGV[3] ms. */
  private static final String COMPARE_AND_SET =
      "local v = redis.call('GET', KEYS[1])\n"
          + "if (v == false and ARGV[1] == '') or v == ARGV[1] then\n"
          + "  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])\n"
          + "  return 1\n"
          + "end\n"
          + "return 0\n";

  private final SharedRedis redis;
  private final PracticeStore local;
  private final boolean keepAnswers;
  private final String keepForMillis;

  public RedisPracticeStore(
      SharedRedis redis, Duration keepFor, boolean keepAnswers, PracticeStore local) {
    this.redis = redis;
    this.local = local;
    this.keepAnswers = keepAnswers;
    this.keepForMillis = Long.toString(keepFor.toMillis());
  }

  @Override
  public PracticeState get(String rep) {
    String key = key(rep);
    return redis
        .call(r -> Optional.ofNullable(r.get(key)))
        .map(v -> v.map(RedisPracticeStore::read).orElse(PracticeState.EMPTY))
        .orElseGet(() -> local.get(rep));
  }

  @Override
  public PracticeState update(String rep, UnaryOperator<PracticeState> change) {
    String key = key(rep);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Optional<String>> read = redis.call(r -> Optional.ofNullable(r.get(key)));
      if (read.isEmpty()) {
        return local.update(rep, change);
      }
      String before = read.get().orElse("");
      PracticeState next =
          change.apply(read.get().map(RedisPracticeStore::read).orElse(PracticeState.EMPTY));
      String after = write(next);
      Optional<Object> set =
          redis.call(
              r -> r.eval(COMPARE_AND_SET, List.of(key), List.of(before, after, keepForMillis)));
      if (set.isEmpty()) {
        return local.update(rep, change);
      }
      if (Long.valueOf(1).equals(set.get())) {
        local.update(rep, s -> next);
        return next;
      }
      // Another replica changed the rep in between: after a few clashes, back off a random moment
      // so that writers racing in step do not keep clashing.
      if (attempt >= 2) {
        try {
          Thread.sleep(ThreadLocalRandom.current().nextInt(1, 1 + Math.min(attempt, 10)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    // Hundreds of clashes for one rep (or interrupted): not a person typing; keep it in process.
    LOG.warn("practice state for one rep kept changing under an update; kept in this process");
    return local.update(rep, change);
  }

  private String write(PracticeState state) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", 1);
    state
        .openRound()
        .ifPresent(
            r -> {
              ObjectNode round = root.putObject("round");
              round.put("section", r.section());
              round.put("prompt", r.prompt());
              round.put("attempts", r.attempts());
              if (r.place() != null) {
                round.put("place", r.place());
              }
              round.put("awaiting", r.awaiting());
            });
    var sections = root.putArray("sections");
    for (PracticeState.SectionRecord s : state.sections().values()) {
      ObjectNode n = sections.addObject();
      n.put("section", s.section());
      n.put("rounds", s.rounds());
      n.put("lastGrade", s.lastGrade());
      n.put("lastScore", s.lastScore());
      n.put("lastPractised", s.lastPractised().toEpochMilli());
      if (keepAnswers && s.lastAnswer() != null) {
        n.put("lastAnswer", s.lastAnswer());
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain values always write", e);
    }
  }

  private static PracticeState read(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      JsonNode r = root.path("round");
      PracticeState.OpenRound round =
          r.isObject()
              ? new PracticeState.OpenRound(
                  r.path("section").asText(),
                  r.path("prompt").asInt(),
                  r.path("attempts").asInt(),
                  r.hasNonNull("place") ? r.path("place").asText() : null,
                  r.path("awaiting").asBoolean())
              : null;
      Map<String, PracticeState.SectionRecord> sections = new LinkedHashMap<>();
      for (JsonNode s : root.path("sections")) {
        sections.put(
            s.path("section").asText(),
            new PracticeState.SectionRecord(
                s.path("section").asText(),
                s.path("rounds").asInt(),
                s.path("lastGrade").asText(),
                s.path("lastScore").asDouble(),
                Instant.ofEpochMilli(s.path("lastPractised").asLong()),
                s.hasNonNull("lastAnswer") ? s.path("lastAnswer").asText() : null));
      }
      return new PracticeState(round, sections);
    } catch (JsonProcessingException | RuntimeException e) {
      // Not ours, or damaged: the rep starts afresh rather than losing every reply to an error.
      LOG.warn("unreadable practice state in Redis, starting that rep afresh: {}", e.toString());
      return PracticeState.EMPTY;
    }
  }

  static String key(String rep) {
    return KEYS + (rep.length() > MAX_KEY ? RedisConversationStore.sha256(rep) : rep);
  }
}
