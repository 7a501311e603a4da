package dev.genaipitch.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;

/** The HTTP server every fake here runs: the JDK's, on a free loopback port, not started yet. */
final class Loopback {

  private Loopback() {}

  /**
   * A server on {@code 127.0.0.1} and a free port, serving on {@code threads} (the bot's clients
   * block while they send, so a fake needs threads of its own).
   */
  static HttpServer server(ExecutorService threads) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(threads);
      return server;
    } catch (IOException e) {
      threads.shutdownNow();
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, the base of every URL the server answers. */
  static String base(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
