package dev.genaipitch.http;

/**
 * A POST endpoint behind the {@link HttpEdge}: a request whose body has arrived in, an answer out.
 * It may block (check a token, wait on a platform); it never reads from the network itself.
 */
@FunctionalInterface
public interface HttpEndpoint {

  /**
   * Answers one request. A client's mistake is a 4xx with a reason ({@link HttpReply#error}); an
   * exception is a bug, answered 500 without detail and logged.
   */
  HttpReply handle(HttpCall call) throws Exception;
}
