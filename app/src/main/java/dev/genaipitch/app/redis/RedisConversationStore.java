package dev.genaipitch.app.redis;

import dev.genaipitch.core.ConversationStore;
import dev.genaipitch.core.match.Shown;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractTransaction;

/**
 * Conversations across replicas: one Redis list per conversation under {@code
 * genai-pitch:conversation:}, newest first, each entry {@code <section>:<key line>} (never what
 * anyone typed). A message is recorded with LPUSH, LTRIM to {@link ConversationStore#HISTORY} and
 * PEXPIRE to the idle time in one MULTI, so that a follow-up reaching any replica is read in
 * context. This process's store is written as well and answers whenever Redis does not (an outage,
 * a timeout): a conversation then continues on the replica it reaches, as without Redis.
 */
public final class RedisConversationStore implements ConversationStore {

  static final String KEYS = SharedRedis.PREFIX + "conversation:";

  /** Longer keys (a Teams conversation id can be long) are stored as their SHA-256. */
  private static final int MAX_KEY = 200;

  private final SharedRedis redis;
  private final ConversationStore local;
  private final long idleMillis;

  public RedisConversationStore(SharedRedis redis, Duration idle, ConversationStore local) {
    this.redis = redis;
    this.local = local;
    this.idleMillis = idle.toMillis();
  }

  @Override
  public List<Shown> recent(String conversation) {
    String key = key(conversation);
    return redis
        .call(r -> r.lrange(key, 0, HISTORY - 1))
        .map(RedisConversationStore::parse)
        .orElseGet(() -> local.recent(conversation));
  }

  @Override
  public void shown(String conversation, Shown shown) {
    local.shown(conversation, shown);
    String key = key(conversation);
    String entry = shown.section() + ":" + shown.keyLine();
    redis.call(
        r -> {
          try (AbstractTransaction t = r.multi()) {
            t.lpush(key, entry);
            t.ltrim(key, 0, HISTORY - 1);
            t.pexpire(key, idleMillis);
            return t.exec().size();
          }
        });
  }

  private static List<Shown> parse(List<String> entries) {
    List<Shown> shown = new ArrayList<>(entries.size());
    for (String entry : entries) {
      int colon = entry.lastIndexOf(':');
      if (colon <= 0) {
        continue;
      }
      try {
        shown.add(
            new Shown(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1))));
      } catch (NumberFormatException e) {
        // not ours (or from a future version): read the message without it
      }
    }
    return List.copyOf(shown);
  }

  static String key(String conversation) {
    return KEYS + (conversation.length() > MAX_KEY ? sha256(conversation) : conversation);
  }

  static String sha256(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return "sha256:"
          + HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
