package dev.genaipitch.bench;

/** One kind of request a load phase sends: how to build the n-th, and what counts as answered. */
interface Exchange {

  /** For reports: {@code slack}, {@code teams}. */
  String name();

  /**
   * The complete HTTP request for the {@code seq}-th send, built just before sending.
   *
   * @param intendedNanos when the open-model schedule meant it to start ({@link System#nanoTime})
   */
  byte[] request(long seq, long intendedNanos);

  /** Whether the server's response is a success. */
  boolean ok(RawHttp.Response response);
}
