package dev.genaipitch.app.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis that replicas share state through (REDIS_URL), watched so that it never stops an
 * answer: every command is bounded by REDIS_TIMEOUT, and one that fails gives the caller nothing to
 * use, so the caller falls back to its record in this process. Three failures in a row (or a
 * refused connection) are an outage: one WARN, Redis is no longer asked, and a check every {@code
 * probeEvery} brings it back on its own, with one INFO. Credentials in the URL are never logged.
 *
 * <p>Metrics: {@code genai_pitch_redis_up} (1 while Redis is used), {@code
 * genai_pitch_redis_fallbacks_total} (commands answered in this process instead) and {@code
 * genai_pitch_redis_outages_total}. Thread-safe.
 */
public final class SharedRedis implements AutoCloseable {

  /** Every key this bot writes starts with this, so it can share a Redis database with others. */
  public static final String PREFIX = "genai-pitch:";

  /** How often an unreachable Redis is checked again. */
  public static final Duration PROBE_EVERY = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(SharedRedis.class);
  private static final int FAILURES_FOR_OUTAGE = 3;
  private static final int MAX_CONNECTIONS = 32;
  private static final long PROBE_KEY_TTL_MILLIS = 60_000;

  private final RedisClient client;
  private final String where;
  private final Optional<String> password;
  private final Duration probeEvery;
  private final ScheduledExecutorService probes;
  private final AtomicInteger failuresInARow = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private final Counter fallbacks;
  private final Counter outages;
  private final List<Runnable> onRecovery = new CopyOnWriteArrayList<>();
  private volatile long downSince;
  private volatile double fallbacksAtOutage;

  private SharedRedis(
      RedisClient client,
      String where,
      Optional<String> password,
      Duration probeEvery,
      MeterRegistry registry) {
    this.client = client;
    this.where = where;
    this.password = password;
    this.probeEvery = probeEvery;
    this.probes =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "redis-probe");
              t.setDaemon(true);
              return t;
            });
    Gauge.builder("genai.pitch.redis.up", down, d -> d.get() ? 0 : 1)
        .description(
            "1 while Redis answers and state is shared; 0 while each replica keeps its own")
        .register(registry);
    fallbacks =
        Counter.builder("genai.pitch.redis.fallbacks")
            .description("Shared-state commands answered from this process because Redis did not")
            .register(registry);
    outages =
        Counter.builder("genai.pitch.redis.outages")
            .description("Times Redis stopped answering (each logged once, as a WARN)")
            .register(registry);
  }

  /**
   * A client for {@code url} ({@code redis://[[user:]password@]host[:port][/db]}, {@code rediss://}
   * for TLS) that gives up on a command after {@code timeout}. Does not fail when Redis is down:
   * the first check starts the outage instead, and serving goes on.
   */
  public static SharedRedis connect(
      URI url, Duration timeout, Duration probeEvery, MeterRegistry registry) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .database(database(url))
            .ssl("rediss".equals(url.getScheme()))
            .clientName("genai-pitch");
    Optional<String> password = Optional.empty();
    if (url.getRawUserInfo() != null) {
      // redis://user:password@host, redis://:password@host, or (as Lettuce reads it)
      // redis://password@host.
      String info = url.getRawUserInfo();
      int colon = info.indexOf(':');
      String user = colon < 0 ? "" : decode(info.substring(0, colon));
      password = Optional.of(decode(colon < 0 ? info : info.substring(colon + 1)));
      if (!user.isEmpty()) {
        config.user(user);
      }
      config.password(password.get());
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setMaxIdle(MAX_CONNECTIONS);
    // Waiting for a free connection is bounded like the command itself.
    pool.setMaxWait(Duration.ofMillis(millis));
    pool.setBlockWhenExhausted(true);
    int port = url.getPort() < 0 ? 6379 : url.getPort();
    RedisClient client =
        RedisClient.builder()
            .hostAndPort(new HostAndPort(url.getHost(), port))
            .clientConfig(config.build())
            .poolConfig(pool)
            .build();
    String where = url.getHost() + ":" + port + "/" + database(url);
    SharedRedis redis = new SharedRedis(client, where, password, probeEvery, registry);
    redis.check(millis);
    return redis;
  }

  /** Where Redis is, without credentials: {@code host:port/db}. */
  public String where() {
    return where;
  }

  /** Whether Redis is being used (false during an outage). */
  public boolean up() {
    return !down.get();
  }

  /**
   * Runs {@code task} on the checking thread each time Redis answers again after an outage: how a
   * store hands Redis what it kept in process meanwhile.
   */
  public void onRecovery(Runnable task) {
    onRecovery.add(task);
  }

  /**
   * Runs {@code command} on Redis.
   *
   * @param command must not return null (map an absent reply to a value)
   * @return the command's result; empty when Redis is down or the command failed (the caller
   *     answers from its own record)
   */
  public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
    if (down.get()) {
      fallbacks.increment();
      return Optional.empty();
    }
    try {
      return Optional.of(succeeded(command.apply(client)));
    } catch (JedisConnectionException e) {
      if (!dropped(e)) {
        fallbacks.increment();
        failed(e);
        return Optional.empty();
      }
      // A pooled connection Redis had closed (it restarted, or a proxy timed the connection out)
      // fails at once, not after the timeout: drop the idle ones and try once more, afresh.
      clearIdle();
      try {
        return Optional.of(succeeded(command.apply(client)));
      } catch (JedisException | IllegalStateException again) {
        fallbacks.increment();
        failed(again);
        return Optional.empty();
      }
    } catch (JedisException | IllegalStateException e) {
      // IllegalStateException: the pool was closed under a request during shutdown.
      fallbacks.increment();
      failed(e);
      return Optional.empty();
    }
  }

  private <T> T succeeded(T result) {
    failuresInARow.set(0);
    return result;
  }

  @Override
  public void close() {
    probes.shutdownNow();
    try {
      client.close();
    } catch (RuntimeException e) {
      LOG.debug("closing the Redis client: {}", e.toString());
    }
  }

  private void check(int timeoutMillis) {
    try {
      writeCheck();
      LOG.info(
          "Shared state in Redis at {} (commands time out after {} ms, then fall back to this"
              + " process)",
          where,
          timeoutMillis);
    } catch (JedisException e) {
      outage(e);
    }
  }

  private void failed(RuntimeException e) {
    if (e instanceof JedisConnectionException) {
      // One dead connection (Redis restarted, a proxy's idle timeout) means the idle ones are
      // likely dead too: drop them, so that the next command connects afresh instead of failing.
      clearIdle();
    }
    int inARow = failuresInARow.incrementAndGet();
    if (inARow >= FAILURES_FOR_OUTAGE || refused(e)) {
      outage(e);
    } else {
      LOG.debug("a Redis command failed ({} in a row): {}", inARow, describe(e));
    }
  }

  private void outage(RuntimeException e) {
    if (!down.compareAndSet(false, true)) {
      return;
    }
    downSince = System.nanoTime();
    fallbacksAtOutage = fallbacks.count();
    outages.increment();
    LOG.warn(
        "Redis at {} is not answering ({}): each replica keeps its own record (event dedupe,"
            + " welcome-once, the report, conversations, practice) and goes on answering; checking"
            + " every {} ms",
        where,
        describe(e),
        probeEvery.toMillis());
    scheduleProbe();
  }

  private void scheduleProbe() {
    try {
      probes.schedule(this::probe, probeEvery.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: no more checks
    }
  }

  private void probe() {
    try {
      clearIdle();
      writeCheck();
    } catch (JedisException | IllegalStateException e) {
      LOG.debug("Redis at {} still not answering: {}", where, describe(e));
      scheduleProbe();
      return;
    }
    failuresInARow.set(0);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSince);
    long answeredHere = (long) (fallbacks.count() - fallbacksAtOutage);
    down.set(false);
    for (Runnable task : onRecovery) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("after Redis came back: {}", e.toString());
      }
    }
    LOG.info(
        "Redis at {} answers again after {} s: state is shared again ({} commands were answered in"
            + " this process meanwhile)",
        where,
        seconds,
        answeredHere);
  }

  /**
   * A write, not a PING: a Redis that answers PING but holds writes (paused, out of memory, a
   * read-only replica) is no use to the shared record.
   */
  private void writeCheck() {
    client.set(PREFIX + "check", "1", SetParams.setParams().px(PROBE_KEY_TTL_MILLIS));
  }

  private void clearIdle() {
    try {
      client.getPool().clear();
    } catch (RuntimeException e) {
      LOG.debug("clearing idle Redis connections: {}", e.toString());
    }
  }

  /**
   * Whether the connection had been closed by the other side (end of stream, reset, broken pipe),
   * rather than Redis being slow (a timeout) or not listening (refused).
   */
  private static boolean dropped(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof ConnectException) {
        return false;
      }
    }
    return true;
  }

  private static boolean refused(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** The failure's kind and message, with the password (should a message ever hold it) masked. */
  private String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text =
        e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + (root != e ? " (" + root.getClass().getSimpleName() + ")" : "");
    return password.filter(p -> !p.isEmpty()).map(p -> text.replace(p, "********")).orElse(text);
  }

  private static int database(URI url) {
    String path = url.getPath();
    return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
