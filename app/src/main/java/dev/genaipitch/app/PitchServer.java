package dev.genaipitch.app;

import dev.genaipitch.config.BotConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one HTTP server: Slack, Teams, health and the rest on one port, on Jetty 12 with a bounded
 * thread pool and graceful shutdown.
 */
final class PitchServer {

  /** A handler and the path it serves. */
  record Route(String path, Handler handler) {}

  private final Server server;
  private final ServerConnector connector;

  PitchServer(BotConfig config, BooleanSupplier ready, List<Route> routes) {
    QueuedThreadPool threads = new QueuedThreadPool(config.server().maxThreads(), Math.min(8, config.server().maxThreads()));
    threads.setName("http");
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setPort(config.port());
    connector.setIdleTimeout(config.server().idleTimeout().toMillis());
    server.addConnector(connector);

    PathMappingsHandler paths = new PathMappingsHandler();
    paths.addMapping(PathSpec.from("/healthz"), text(() -> true));
    for (Route route : routes) {
      paths.addMapping(PathSpec.from(route.path()), route.handler());
    }
    GracefulHandler graceful = new GracefulHandler(paths);
    server.setHandler(graceful);
    server.setStopTimeout(config.server().shutdownTimeout().toMillis());
    server.setStopAtShutdown(false);
  }

  void start() throws Exception {
    server.start();
  }

  /** Stops accepting, lets in-flight requests finish within the shutdown timeout, then stops. */
  void stop() throws Exception {
    server.stop();
  }

  void join() throws InterruptedException {
    server.join();
  }

  int port() {
    return connector.getLocalPort();
  }

  /** 200 "ok" while {@code up} holds, else 503. */
  static Handler text(BooleanSupplier up) {
    return new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
          response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
          response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
          callback.succeeded();
          return true;
        }
        boolean ok = up.getAsBoolean();
        response.setStatus(ok ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, StandardCharsets.UTF_8.encode(ok ? "ok\n" : "not ready\n"), callback);
        return true;
      }
    };
  }
}
