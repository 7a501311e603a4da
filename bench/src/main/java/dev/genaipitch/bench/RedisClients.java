package dev.genaipitch.bench;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * One measurement of one Redis client, in a fresh JVM (run by {@code bench/redis}): the cost of the
 * first command (class loading, connecting: what a start pays), classes and threads it adds, the
 * latency of the two commands the shared state needs ({@code SET key value NX PX ttl} for "seen
 * once", {@code INCR} for counts) from one thread and from 8 at once, and the process's RSS. {@code
 * none} does the same minus the client: the baseline. Prints one line of {@code key=value}.
 *
 * <p>Usage: {@code RedisClients jedis|lettuce|none PORT [OPS]}
 */
public final class RedisClients {

  private interface Client extends AutoCloseable {
    boolean setNx(String key, String value, long ttlMillis);

    long incr(String key);

    @Override
    void close();
  }

  private RedisClients() {}

  public static void main(String[] args) throws Exception {
    String which = args[0];
    int port = Integer.parseInt(args[1]);
    int ops = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    StringBuilder out = new StringBuilder("client=" + which);
    long classes0 = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    int threads0 = Thread.activeCount();
    long rss0 = status("VmRSS");
    long t0 = System.nanoTime();
    Client client = open(which, port);
    if (client == null) {
      out.append(" rss_kib=").append(status("VmRSS")).append(" hwm_kib=").append(status("VmHWM"));
      System.out.println(out);
      return;
    }
    client.setNx("bench:first:" + System.nanoTime(), "1", 60_000);
    long firstMicros = (System.nanoTime() - t0) / 1_000;
    out.append(String.format(Locale.ROOT, " first_command_ms=%.1f", firstMicros / 1000.0));
    out.append(" classes_added=")
        .append(ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classes0);
    out.append(" threads_added=").append(Thread.activeCount() - threads0);
    out.append(" rss_after_connect_kib_added=").append(status("VmRSS") - rss0);

    String run = Long.toString(System.nanoTime());
    // Warm-up: as many of each as measured.
    for (int i = 0; i < ops; i++) {
      client.setNx("bench:w:" + run + ":" + i, "1", 60_000);
      client.incr("bench:w:" + run);
    }
    Histogram setNx = new Histogram(3);
    Histogram incr = new Histogram(3);
    for (int i = 0; i < ops; i++) {
      long s = System.nanoTime();
      boolean first = client.setNx("bench:s:" + run + ":" + i, "1", 60_000);
      long m = System.nanoTime();
      client.incr("bench:c:" + run);
      long e = System.nanoTime();
      if (!first) {
        throw new IllegalStateException("SET NX of a new key did not set it");
      }
      setNx.recordValue(m - s);
      incr.recordValue(e - m);
    }
    out.append(fmt(" setnx", setNx)).append(fmt(" incr", incr));

    // 8 threads at once, as request threads would dedupe concurrently.
    int threads = 8;
    Histogram concurrent = new Histogram(3);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicLong total = new AtomicLong();
    for (int t = 0; t < threads; t++) {
      int id = t;
      pool.execute(
          () -> {
            Histogram mine = new Histogram(3);
            try {
              go.await();
              for (int i = 0; i < ops / threads; i++) {
                long s = System.nanoTime();
                client.setNx("bench:p:" + run + ":" + id + ":" + i, "1", 60_000);
                mine.recordValue(System.nanoTime() - s);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              synchronized (concurrent) {
                concurrent.add(mine);
              }
              total.addAndGet(mine.getTotalCount());
              done.countDown();
            }
          });
    }
    long p0 = System.nanoTime();
    go.countDown();
    done.await();
    long elapsed = System.nanoTime() - p0;
    pool.shutdown();
    out.append(fmt(" setnx8", concurrent));
    out.append(
        String.format(
            Locale.ROOT, " setnx8_per_s=%.0f", total.get() / (elapsed / 1_000_000_000.0)));
    out.append(" rss_kib=").append(status("VmRSS")).append(" hwm_kib=").append(status("VmHWM"));
    client.close();
    System.out.println(out);
  }

  private static Client open(String which, int port) {
    switch (which) {
      case "jedis" -> {
        // Jedis 8's client: a pool of connections, one borrowed per command.
        RedisClient jedis =
            RedisClient.builder()
                .hostAndPort(new HostAndPort("127.0.0.1", port))
                .clientConfig(
                    DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(2000)
                        .socketTimeoutMillis(2000)
                        .build())
                .build();
        return new Client() {
          @Override
          public boolean setNx(String key, String value, long ttl) {
            return "OK".equals(jedis.set(key, value, SetParams.setParams().nx().px(ttl)));
          }

          @Override
          public long incr(String key) {
            return jedis.incr(key);
          }

          @Override
          public void close() {
            jedis.close();
          }
        };
      }
      case "lettuce" -> {
        // Lettuce: one thread-safe connection shared by every thread (Netty underneath).
        io.lettuce.core.RedisClient redis =
            io.lettuce.core.RedisClient.create(RedisURI.create("127.0.0.1", port));
        redis.setOptions(
            ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        StatefulRedisConnection<String, String> connection = redis.connect();
        RedisCommands<String, String> sync = connection.sync();
        return new Client() {
          @Override
          public boolean setNx(String key, String value, long ttl) {
            return "OK".equals(sync.set(key, value, SetArgs.Builder.nx().px(ttl)));
          }

          @Override
          public long incr(String key) {
            return sync.incr(key);
          }

          @Override
          public void close() {
            connection.close();
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
          }
        };
      }
      default -> {
        return null;
      }
    }
  }

  private static String fmt(String name, Histogram h) {
    return String.format(
        Locale.ROOT,
        "%s_p50_us=%.1f%s_p99_us=%.1f%s_p999_us=%.1f",
        name,
        h.getValueAtPercentile(50) / 1000.0,
        " " + name.strip(),
        h.getValueAtPercentile(99) / 1000.0,
        " " + name.strip(),
        h.getValueAtPercentile(99.9) / 1000.0);
  }

  private static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
