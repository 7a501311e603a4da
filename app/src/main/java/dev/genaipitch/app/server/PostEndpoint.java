package dev.genaipitch.app.server;

import dev.genaipitch.http.HttpEdge;
import dev.genaipitch.http.HttpEndpoint;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A POST endpoint as a route: {@link WebServer} puts it behind the server's one {@link HttpEdge}
 * (the body timeout and the memory budget every edge shares) when it mounts the routes.
 */
final class PostEndpoint extends Handler.Wrapper {

  private final HttpEndpoint endpoint;
  private final long maxBodyBytes;

  PostEndpoint(HttpEndpoint endpoint, long maxBodyBytes) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Puts the endpoint behind an edge with these limits and {@link #maxBodyBytes} as its size. */
  void mount(HttpEdge.Limits limits) {
    setHandler(new HttpEdge(endpoint, maxBodyBytes, limits));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (getHandler() == null) {
      throw new IllegalStateException("a POST endpoint served without its edge");
    }
    return super.handle(request, response, callback);
  }
}
