package dev.genaipitch.teams;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets that send each write at once ({@code TCP_NODELAY}), for the replies' client ({@link
 * ConnectorConnections}) and the adapter's OkHttp client. With Nagle's algorithm on, a reply that
 * goes out in more than one segment or write has its last part held for the connector's delayed
 * acknowledgement of the first, ~40 ms on Linux: with OkHttp's 8 KiB buffers this was about one
 * reply of a hundred at 500/s (docs/performance.md). Every HTTP server here turns it off too.
 */
final class NoDelaySockets extends SocketFactory {

  static final NoDelaySockets INSTANCE = new NoDelaySockets();

  private NoDelaySockets() {}

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  /** A socket with Nagle off, bound to {@code local} when given, connected to {@code remote}. */
  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }
}
