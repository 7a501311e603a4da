package dev.genaipitch.app.server;

import dev.genaipitch.app.telemetry.Buckets;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.http.HttpEdge;
import dev.genaipitch.http.HttpEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EventsHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one HTTP server, on Jetty 12: Slack, Teams, health and metrics on the public port; the report
 * on the admin port, bound to 127.0.0.1 only. A bounded thread pool; every POST endpoint behind one
 * {@link HttpEdge} (its body read whole, asynchronously, within BODY_TIMEOUT, MAX_BODY_BYTES and
 * MAX_BODY_BYTES_IN_FLIGHT, before a thread is committed); read and idle timeouts; JSON error
 * responses in one shape without stack traces; per-route request metrics; and graceful shutdown:
 * {@link #stop()} stops accepting, lets in-flight requests finish within the shutdown timeout, then
 * stops.
 */
public final class WebServer {

  /**
   * A handler and the path it serves: an exact path ({@code /slack/events}), a prefix ({@code
   * /playground/*}), or {@code ""} for the root {@code /} alone. The path is also the {@code route}
   * label of the request metrics ({@code /} for the root).
   */
  public record Route(String path, Handler handler) {
    public Route {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(handler, "handler");
    }

    /**
     * A POST endpoint behind the server's HTTP edge: its body is read whole, within BODY_TIMEOUT
     * and {@code maxBodyBytes}, before the endpoint runs.
     */
    public static Route post(String path, HttpEndpoint endpoint, long maxBodyBytes) {
      return new Route(path, new PostEndpoint(endpoint, maxBodyBytes));
    }
  }

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

  static {
    // Before any Jetty class: see JettyPadding.
    JettyPadding.settle();
  }

  private final Server server;
  private final ServerConnector connector;
  private final ServerConnector adminConnector;
  private final GracefulHandler graceful;

  /**
   * @param routes served on {@code PORT}
   * @param adminRoutes served on {@code ADMIN_PORT}, bound to 127.0.0.1
   * @param registry where request metrics and thread pool figures go
   */
  public WebServer(
      BotConfig config, List<Route> routes, List<Route> adminRoutes, MeterRegistry registry) {
    BotConfig.Server limits = config.server();
    QueuedThreadPool threads =
        new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()));
    threads.setName("http");
    server = new Server(threads);

    HttpEdge.Limits edge =
        new HttpEdge.Limits(
            limits.maxBodyBytes(),
            limits.bodyTimeout(),
            new HttpEdge.BodyBudget(limits.maxBodyBytesInFlight()));
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // The idle timeout while a request is being handled: how long a read of its body may wait.
    http.setIdleTimeout(limits.readTimeout().toMillis());
    // What Jetty would refuse before any handler is answered by one (JettyRefusals says why).
    http.addCustomizer(JettyRefusals.marking());
    connector = new ServerConnector(server, 1, 1, JettyRefusals.connections(http, edge));
    connector.setPort(config.port());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);

    adminConnector =
        new ServerConnector(
            server, 1, 1, JettyRefusals.connections(new HttpConfiguration(http), edge));
    adminConnector.setHost("127.0.0.1");
    adminConnector.setPort(config.adminPort());
    adminConnector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(adminConnector);

    Set<String> edgePaths = new java.util.HashSet<>();
    for (Route route : routes) {
      if (mountEdges(route.handler(), edge)) {
        edgePaths.add(route.path());
      }
    }
    PathMappings<String> names = new PathMappings<>();
    PathMappings<String> adminNames = new PathMappings<>();
    ByPort byPort =
        new ByPort(adminConnector, mappings(routes, names), mappings(adminRoutes, adminNames));
    // The edges read their own POST bodies; any other request's body is drained before it is
    // answered, so that no answer is lost to a connection reset under a client still sending.
    Handler drained =
        HttpEdge.drainingFirst(
            byPort,
            edge,
            request ->
                HttpMethod.POST.is(request.getMethod())
                    && request.getConnectionMetaData().getConnector() != adminConnector
                    && edgePaths.contains(Request.getPathInContext(request)));
    // No SizeLimitHandler in front: it answered a body declared over MAX_BODY_BYTES before any of
    // it was read and closed with it unread, and a client still sending lost the 413 to the reset.
    // The edges and the drain bound every body, and discard a refused one after the answer.
    AnnounceClose announced = new AnnounceClose();
    announced.setHandler(JettyRefusals.answered(drained, edge));
    RequestMetrics metrics = new RequestMetrics(registry, adminConnector, names, adminNames);
    metrics.setHandler(announced);
    graceful = new GracefulHandler(metrics);
    server.setHandler(graceful);
    server.setErrorHandler(new JsonErrorHandler(edge));
    server.setStopTimeout(limits.shutdownTimeout().toMillis());
    server.setStopAtShutdown(false);

    Gauge.builder("jetty.threads.current", threads, QueuedThreadPool::getThreads)
        .register(registry);
    Gauge.builder("jetty.threads.busy", threads, QueuedThreadPool::getBusyThreads)
        .register(registry);
    Gauge.builder("jetty.threads.config.max", threads, QueuedThreadPool::getMaxThreads)
        .register(registry);
    Gauge.builder("jetty.threads.jobs", threads, QueuedThreadPool::getQueueSize)
        .description("Jobs waiting for a thread")
        .register(registry);
  }

  public void start() throws Exception {
    server.start();
  }

  /**
   * Stops accepting, lets in-flight requests finish within the shutdown timeout, then stops,
   * cutting off whatever is still running then.
   *
   * @return whether every in-flight request finished in time
   */
  public boolean stop() throws Exception {
    try {
      server.stop();
      return true;
    } catch (TimeoutException e) {
      // Jetty stopped everything regardless; the timeout only says some requests were cut off.
      return false;
    }
  }

  /** Requests being handled now. */
  public long inFlight() {
    return graceful.getCurrentRequestCount();
  }

  /** The public port (the real one when {@code PORT=0}). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The loopback admin port (the real one when {@code ADMIN_PORT=0}). */
  public int adminPort() {
    return adminConnector.getLocalPort();
  }

  /** Puts every POST endpoint in {@code handler} (itself, or wrapped inside it) behind the edge. */
  private static boolean mountEdges(Handler handler, HttpEdge.Limits edge) {
    if (handler instanceof PostEndpoint post) {
      post.mount(edge);
      return true;
    } else if (handler instanceof Handler.Container container) {
      List<PostEndpoint> posts = container.getDescendants(PostEndpoint.class);
      posts.forEach(post -> post.mount(edge));
      return !posts.isEmpty();
    }
    return false;
  }

  private static PathMappingsHandler mappings(List<Route> routes, PathMappings<String> names) {
    PathMappingsHandler handler = new PathMappingsHandler();
    for (Route route : routes) {
      PathSpec spec = PathSpec.from(route.path());
      if (names.get(spec) != null) {
        throw new IllegalArgumentException("two routes for " + route.path());
      }
      handler.addMapping(spec, route.handler());
      names.put(spec, route.path().isEmpty() ? "/" : route.path());
    }
    return handler;
  }

  /** Sends each request to the routes of the port it arrived on. */
  private static final class ByPort extends Handler.AbstractContainer {
    private final ServerConnector admin;
    private final PathMappingsHandler publicRoutes;
    private final PathMappingsHandler adminRoutes;

    ByPort(
        ServerConnector admin, PathMappingsHandler publicRoutes, PathMappingsHandler adminRoutes) {
      this.admin = admin;
      this.publicRoutes = publicRoutes;
      this.adminRoutes = adminRoutes;
      addBean(publicRoutes);
      addBean(adminRoutes);
    }

    @Override
    public List<Handler> getHandlers() {
      return List.of(publicRoutes, adminRoutes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      boolean isAdmin = request.getConnectionMetaData().getConnector() == admin;
      return (isAdmin ? adminRoutes : publicRoutes).handle(request, response, callback);
    }
  }

  /**
   * Says {@code Connection: close} on a response that goes out before its request's body was read
   * through (a 405, a 413, a refusal that need not read further). Jetty closes such a connection
   * after the response, but only decides so once the response is on its way, without saying it: a
   * client that sends its next request on the same connection loses it, unanswered.
   */
  private static final class AnnounceClose extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      return super.handle(
          request,
          new Response.Wrapper(request, response) {
            @Override
            public void write(boolean last, ByteBuffer content, Callback written) {
              // Not when the close is said already: the refusal that said it discards the rest
              // of the body after its answer, which reading ahead here would cut short.
              if (!isCommitted()
                  && !getHeaders().contains(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString())
                  && !request.consumeAvailable()) {
                getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
              }
              super.write(last, content, written);
            }
          },
          callback);
    }
  }

  /**
   * {@code http.server.requests}: a timer per port (public or admin), route, method and final
   * status, including responses the error handler wrote (404, 413, 500).
   */
  private static final class RequestMetrics extends EventsHandler {
    private final MeterRegistry registry;
    private final ServerConnector admin;
    private final PathMappings<String> names;
    private final PathMappings<String> adminNames;

    /**
     * The timers by port, route, method and status, looked up here rather than registered again per
     * request; each label is bounded (routes are the server's own, unmatched paths are "unmatched",
     * methods a fixed set, statuses a few dozen codes).
     */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(
        MeterRegistry registry,
        ServerConnector admin,
        PathMappings<String> names,
        PathMappings<String> adminNames) {
      this.registry = registry;
      this.admin = admin;
      this.names = names;
      this.adminNames = adminNames;
    }

    @Override
    protected void onComplete(
        Request request, int status, org.eclipse.jetty.http.HttpFields headers, Throwable failure) {
      boolean isAdmin = request.getConnectionMetaData().getConnector() == admin;
      MatchedResource<String> matched =
          (isAdmin ? adminNames : names).getMatched(Request.getPathInContext(request));
      String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "other";
      String port = isAdmin ? "admin" : "public";
      String route = matched == null ? "unmatched" : matched.getResource();
      String outcome = failure != null && status == 0 ? "aborted" : Integer.toString(status);
      timers
          .computeIfAbsent(
              port + ' ' + route + ' ' + method + ' ' + outcome,
              k ->
                  Timer.builder("http.server.requests")
                      .description(
                          "HTTP requests by port (public or admin), route, method and status")
                      .tag("port", port)
                      .tag("route", route)
                      .tag("method", method)
                      .tag("status", outcome)
                      .serviceLevelObjectives(Buckets.LATENCY)
                      .register(registry))
          .record(Duration.ofNanos(System.nanoTime() - request.getBeginNanoTime()));
    }
  }
}
