package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class NoDelaySocketsTest {

  @Test
  void everySocket_hasNagleOff_andTheConnectedOnesReachTheServer() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
      int port = server.getLocalPort();
      NoDelaySockets sockets = NoDelaySockets.INSTANCE;
      List<Socket> made = new ArrayList<>();
      try {
        Socket unconnected = sockets.createSocket();
        made.add(unconnected);
        unconnected.connect(new InetSocketAddress(loopback, port));
        made.add(sockets.createSocket(loopback.getHostAddress(), port));
        made.add(sockets.createSocket(loopback.getHostAddress(), port, loopback, 0));
        made.add(sockets.createSocket(loopback, port));
        made.add(sockets.createSocket(loopback, port, loopback, 0));

        for (Socket socket : made) {
          assertThat(socket.getTcpNoDelay()).isTrue();
          assertThat(socket.isConnected()).isTrue();
          assertThat(socket.getPort()).isEqualTo(port);
        }
      } finally {
        for (Socket socket : made) {
          socket.close();
        }
      }
    }
  }
}
