package dev.genaipitch.app.server;

import dev.genaipitch.http.HttpEndpoint;
import org.eclipse.jetty.server.Handler;

/**
 * A platform's endpoint (behind the server's HTTP edge) that closes its adapter when the server
 * stops: after the graceful stop, so requests under way have had their answers and their sends.
 */
final class ClosingWith extends Handler.Wrapper {
  private final AutoCloseable adapter;

  ClosingWith(HttpEndpoint endpoint, long maxBodyBytes, AutoCloseable adapter) {
    super(new PostEndpoint(endpoint, maxBodyBytes));
    this.adapter = adapter;
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    adapter.close();
  }
}
