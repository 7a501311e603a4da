package dev.genaipitch.app.redis;

import dev.genaipitch.core.SeenOnce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import redis.clients.jedis.params.SetParams;

/**
 * "Seen once" across replicas: {@code SET genai-pitch:seen:<key> 1 NX PX <ttl>} in Redis, so the
 * replica that sets a key first is the one that acts. The record in this process is kept as well
 * and asked first: with Redis down or slow it is the answer (duplicates onto the same replica are
 * still caught), and a key this replica has seen is a repeat even if Redis lost it (a restart).
 */
public final class RedisSeenOnce implements SeenOnce {

  /** Longer keys (a Teams conversation id can be long) are stored as their SHA-256. */
  private static final int MAX_KEY = 200;

  private final SharedRedis redis;
  private final SeenOnce local;
  private final SetParams set;

  /**
   * @param timeToLive how long a key is remembered in Redis; {@code local} should remember as long
   */
  public RedisSeenOnce(SharedRedis redis, Duration timeToLive, SeenOnce local) {
    this.redis = redis;
    this.local = local;
    this.set = SetParams.setParams().nx().px(timeToLive.toMillis());
  }

  @Override
  public boolean firstTime(String key) {
    if (!local.firstTime(key)) {
      return false;
    }
    String shared = SharedRedis.PREFIX + "seen:" + (key.length() > MAX_KEY ? sha256(key) : key);
    return redis.call(r -> "OK".equals(r.set(shared, "1", set))).orElse(true);
  }

  private static String sha256(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return "sha256:"
          + HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
