package dev.genaipitch.app.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, for tests: no
 * persistence, its files in a temporary directory. A test can stop it, kill it, and start it again
 * on the same port, as an outage and a recovery look to the bot.
 *
 * <p>Without {@code redis-server} on the machine, {@link #available()} is false and tests that need
 * it skip, saying so; {@code .ci/run} installs the package and sets {@code REQUIRE_REDIS=1}, which
 * makes them fail instead.
 */
public final class RedisServer implements AutoCloseable {

  private static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"));
  private static final Duration START_WAIT = Duration.ofSeconds(10);

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /** The redis-server binary, if the machine has one. */
  static Optional<Path> binary() {
    return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
  }

  /** Whether tests can start a server here. */
  public static boolean available() {
    return binary().isPresent();
  }

  /** Whether CI requires the server (a missing one fails the tests rather than skipping them). */
  public static boolean required() {
    return "1".equals(System.getenv("REQUIRE_REDIS"));
  }

  /**
   * Starts a server for a test; without redis-server the test is skipped, saying so, unless CI
   * requires the server ({@link #required()}), where {@link #start()} then fails the test.
   */
  public static RedisServer startOrSkip() throws IOException {
    if (!required()) {
      Assumptions.assumeTrue(
          available(), "redis-server is not installed (apt-get install redis-server); skipping");
    }
    return start();
  }

  /** Starts a server on a free loopback port and waits until it answers PING. */
  public static RedisServer start() throws IOException {
    Path binary =
        binary()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "redis-server is not installed: apt-get install redis-server"));
    Path dir = Files.createTempDirectory("genai-pitch-redis");
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      RedisServer server = new RedisServer(binary, dir, freePort());
      try {
        server.launch();
        return server;
      } catch (IOException e) {
        // The free port was taken between choosing and binding it: choose another.
        last = e;
      }
    }
    throw last;
  }

  public int port() {
    return port;
  }

  /** What {@code REDIS_URL} says to reach it. */
  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Its log file (in the temporary directory that {@link #close()} removes). */
  String logFile() {
    return dir.resolve("redis.log").toString();
  }

  /** Whether it answers PING now. */
  boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops it as an operator would (SIGTERM), and waits. */
  void stop() {
    end(false);
  }

  /** Kills it (SIGKILL), as a crash does, and waits. */
  public void kill() {
    end(true);
  }

  /** Starts it again on the same port (empty: nothing is persisted). */
  public void restart() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("redis-server is still running on " + port);
    }
    launch();
  }

  @Override
  public void close() {
    end(false);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() throws IOException {
    process =
        new ProcessBuilder(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString(),
                "--loglevel",
                "warning")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server exited on port "
                + port
                + ": "
                + Files.readString(dir.resolve("redis.log")));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("redis-server did not answer PING on port " + port);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while starting redis-server", e);
      }
    }
  }

  private void end(boolean kill) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    if (kill) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
    try {
      if (!p.waitFor(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
