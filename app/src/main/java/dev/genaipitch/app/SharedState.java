package dev.genaipitch.app;

import dev.genaipitch.app.redis.RedisConversationStore;
import dev.genaipitch.app.redis.RedisPracticeStore;
import dev.genaipitch.app.redis.RedisSeenOnce;
import dev.genaipitch.app.redis.SharedRedis;
import dev.genaipitch.app.report.RedisReport;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.ConversationStore;
import dev.genaipitch.core.SeenOnce;
import dev.genaipitch.core.practice.PracticeStore;
import dev.genaipitch.slack.SlackAdapter;
import dev.genaipitch.teams.TeamsAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The state replicas share, made in one place: with REDIS_URL, Slack's event ids and request
 * signatures, Teams' welcome-once, the report, conversations and practice rounds in Redis (each
 * with this process's record to fall back on); without it, nothing here, and everything stays in
 * process as by default.
 */
public final class SharedState implements AutoCloseable {

  /** A conversation the bot was added to is welcomed once within this time. */
  static final Duration WELCOME_FOR = TeamsAdapter.WELCOME_FOR;

  private final Optional<SharedRedis> redis;
  private final Clock clock;

  private SharedState(Optional<SharedRedis> redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** Everything in this process (no REDIS_URL). */
  static SharedState inProcess(Clock clock) {
    return new SharedState(Optional.empty(), clock);
  }

  /** Shared through REDIS_URL when it is set; otherwise {@link #inProcess}. */
  static SharedState of(BotConfig config, MeterRegistry registry, Clock clock) {
    return of(config, registry, clock, SharedRedis.PROBE_EVERY);
  }

  /** As {@link #of(BotConfig, MeterRegistry, Clock)}, checking a lost Redis every {@code probe}. */
  static SharedState of(BotConfig config, MeterRegistry registry, Clock clock, Duration probe) {
    return new SharedState(
        config
            .redisUrl()
            .map(url -> SharedRedis.connect(url, config.redisTimeout(), probe, registry)),
        clock);
  }

  /** The Redis in use, if any. */
  Optional<SharedRedis> redis() {
    return redis;
  }

  /** Gives the Slack adapter the shared records of events and signatures, when there are. */
  SlackAdapter.Builder slack(SlackAdapter.Builder builder) {
    return redis
        .map(
            r ->
                builder
                    .seenOnce(
                        new RedisSeenOnce(
                            r,
                            SlackAdapter.SEEN_FOR,
                            SeenOnce.inProcess(
                                SlackAdapter.SEEN_FOR, SlackAdapter.SEEN_MAX, clock)))
                    // The adapter's own record of signatures is asked first and is this
                    // process's fallback; a second copy here would only cost memory.
                    .sharedSignatures(
                        new RedisSeenOnce(r, SlackAdapter.SIGNATURES_FOR, key -> true)))
        .orElse(builder);
  }

  /** Gives the Teams adapter the shared welcome-once record, when there is one. */
  TeamsAdapter.Builder teams(TeamsAdapter.Builder builder) {
    return redis
        .map(
            r ->
                builder.welcomeOnce(
                    new RedisSeenOnce(
                        r,
                        WELCOME_FOR,
                        SeenOnce.inProcess(WELCOME_FOR, TeamsAdapter.WELCOME_MAX, clock))))
        .orElse(builder);
  }

  /**
   * The fleet's report in Redis, when there is one: at most {@code capacity} distinct questions.
   */
  Optional<RedisReport> report(int capacity, double lowScore) {
    return redis.map(r -> new RedisReport(r, capacity, lowScore));
  }

  /**
   * Where conversations are remembered: in Redis (with this process's store to fall back on) when
   * there is one, otherwise in this process.
   */
  ConversationStore conversations() {
    ConversationStore local =
        ConversationStore.inMemory(
            ConversationStore.MAX_CONVERSATIONS, ConversationStore.IDLE, clock);
    return redis
        .<ConversationStore>map(r -> new RedisConversationStore(r, ConversationStore.IDLE, local))
        .orElse(local);
  }

  /**
   * Where practice rounds are remembered: in Redis (with this process's store, of {@code reps}
   * reps, to fall back on) when there is one, otherwise in this process.
   */
  PracticeStore practice(int reps, boolean keepAnswers) {
    PracticeStore local = PracticeStore.inMemory(reps);
    return redis
        .<PracticeStore>map(
            r -> new RedisPracticeStore(r, RedisPracticeStore.KEEP_FOR, keepAnswers, local))
        .orElse(local);
  }

  /** {@link #slack(SlackAdapter.Builder)} then {@code more}. */
  public UnaryOperator<SlackAdapter.Builder> slackThen(UnaryOperator<SlackAdapter.Builder> more) {
    return b -> more.apply(slack(b));
  }

  /** {@link #teams(TeamsAdapter.Builder)} then {@code more}. */
  public UnaryOperator<TeamsAdapter.Builder> teamsThen(UnaryOperator<TeamsAdapter.Builder> more) {
    return b -> more.apply(teams(b));
  }

  @Override
  public void close() {
    redis.ifPresent(SharedRedis::close);
  }
}
