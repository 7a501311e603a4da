package dev.genaipitch.app.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The test fixture for a real redis-server: it starts on a free port, answers, can be killed and
 * restarted on the same port, and leaves nothing behind. Skipped where redis-server is not
 * installed, unless REQUIRE_REDIS=1 (CI).
 */
final class RedisServerTest {

  private RedisServer redis;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.startOrSkip();
  }

  @AfterEach
  void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void start_answersOnItsOwnLoopbackPort() {
    assertThat(redis.answers()).isTrue();
    assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port() + "/0");
  }

  @Test
  void setIfAbsentWithExpiry_isOnceAcrossClients() {
    try (RedisClient first = RedisClient.create(redis.url());
        RedisClient second = RedisClient.create(redis.url())) {
      SetParams once = SetParams.setParams().nx().px(60_000);

      assertThat(first.set("genai-pitch:test:seen:Ev1", "1", once)).isEqualTo("OK");
      assertThat(second.set("genai-pitch:test:seen:Ev1", "1", once)).isNull();
      assertThat(second.pttl("genai-pitch:test:seen:Ev1")).isBetween(1L, 60_000L);
      assertThat(first.incr("genai-pitch:test:count")).isEqualTo(1);
      assertThat(second.incr("genai-pitch:test:count")).isEqualTo(2);
    }
  }

  @Test
  void killedThenRestarted_answersAgainOnTheSamePortAndEmpty() throws Exception {
    int port = redis.port();
    try (RedisClient client = RedisClient.create(redis.url())) {
      client.set("genai-pitch:test:k", "v");
    }

    redis.kill();
    assertThat(redis.answers()).isFalse();
    redis.restart();

    assertThat(redis.port()).isEqualTo(port);
    assertThat(redis.answers()).isTrue();
    try (RedisClient client = RedisClient.create(redis.url())) {
      assertThat(client.get("genai-pitch:test:k")).as("nothing persisted").isNull();
    }
  }

  @Test
  void close_stopsTheServerAndRemovesItsFiles() throws Exception {
    Path log = Path.of(redis.logFile());
    assertThat(log).exists();

    redis.close();

    assertThat(redis.answers()).isFalse();
    assertThat(Files.exists(log.getParent())).isFalse();
    redis = null;
  }
}
