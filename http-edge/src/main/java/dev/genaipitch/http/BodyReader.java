package dev.genaipitch.http;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads one request's body to its end, chunk by chunk as it arrives, without holding a thread while
 * it waits: {@link #run} is the request's demand callback, so one thread at a time reads, and none
 * while the client is slow. Keeps up to {@code retain} bytes (held against the {@link
 * HttpEdge.BodyBudget}); bytes past it are read and discarded, so that the client can finish
 * sending and read the refusal, instead of the connection being reset under it.
 *
 * <p>Bounded by the limits: a body past {@link HttpEdge.Limits#maxBodyBytes} (as far as it may be
 * drained) fails 413, one not complete within the body timeout 408, one that breaks off 400, and
 * one that would hold more than the budget 503.
 */
final class BodyReader implements Runnable {

  /** How the read ends: exactly one of these is called, once. */
  interface Outcome {
    /**
     * The whole body arrived.
     *
     * @param body its bytes, held against the budget until released; null when it was longer than
     *     {@code retain} (it was drained, not kept)
     */
    void read(byte[] body);

    /** The body cannot be had: answer {@code status} with {@code reason} (and a header, if any). */
    void failed(int status, String reason, String header, String value);
  }

  private static final int FIRST_BUFFER = 8 * 1024;

  /** The body did not arrive in time: what the deadline fails the read with. */
  private static final class BodyTimeout extends TimeoutException {
    private static final long serialVersionUID = 1L;

    BodyTimeout(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private final Request request;
  private final HttpEdge.Limits limits;
  private final long limit;
  private final long retain;
  private final Outcome outcome;
  private final Object lock = new Object();
  private Scheduler.Task deadline;
  private boolean reading = true;
  private byte[] buffer = new byte[0];
  private long total;
  private int kept;

  /**
   * @param limit the most bytes read at all: past it, the read fails 413 ({@link
   *     HttpEdge.Limits#maxBodyBytes} for a body being taken, more for one being discarded)
   * @param retain the most bytes kept; the rest is read and discarded
   */
  BodyReader(Request request, HttpEdge.Limits limits, long limit, long retain, Outcome outcome) {
    this.request = request;
    this.limits = limits;
    this.limit = limit;
    this.retain = retain;
    this.outcome = outcome;
  }

  @Override
  public void run() {
    synchronized (lock) {
      if (deadline == null && reading) {
        deadline =
            request
                .getComponents()
                .getScheduler()
                .schedule(this::expire, limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    if (request.getLength() > limit) {
      // Declared past what may even be drained: refused before a byte is read (the connection
      // then closes with the body unread; nothing bounded can do better).
      stop();
      outcome.failed(HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), null, null);
      return;
    }
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        Throwable failure = chunk.getFailure();
        chunk.release();
        stop();
        failed(failure);
        return;
      }
      ByteBuffer bytes = chunk.getByteBuffer();
      int n = bytes.remaining();
      total += n;
      if (total > limit) {
        chunk.release();
        stop();
        outcome.failed(HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), null, null);
        return;
      }
      if (total <= retain) {
        if (n > 0 && !limits.budget().reserve(n)) {
          chunk.release();
          stop();
          outcome.failed(
              HttpStatus.SERVICE_UNAVAILABLE_503,
              "too many request bodies are arriving at once; try again shortly",
              "Retry-After",
              "1");
          return;
        }
        append(bytes, n);
      } else if (buffer != null) {
        // Past what is kept: drop what was, and drain the rest.
        limits.budget().release(kept);
        kept = 0;
        buffer = null;
      }
      boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        stop();
        outcome.read(
            buffer == null ? null : kept == buffer.length ? buffer : Arrays.copyOf(buffer, kept));
        return;
      }
    }
  }

  /** Fails the read; the pending demand then sees the failure and answers 408. */
  private void expire() {
    synchronized (lock) {
      if (!reading) {
        return;
      }
      request.fail(
          new BodyTimeout(
              "the body did not arrive within " + limits.bodyTimeout().toMillis() + " ms"));
    }
  }

  private void append(ByteBuffer bytes, int n) {
    if (kept + n > buffer.length) {
      // A declared length sizes the first buffer exactly (a slash command's body is ~500 bytes),
      // never above what an undeclared body gets: a length that lies reserves nothing more.
      long declared = request.getLength();
      long first = declared > 0 ? Math.min(declared, FIRST_BUFFER) : FIRST_BUFFER;
      long wanted = Math.max((long) kept + n, Math.max(first, 2L * buffer.length));
      buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, retain));
    }
    bytes.get(buffer, kept, n);
    kept += n;
  }

  /** Ends the read: no deadline from here on. A body not handed on gives its bytes back. */
  private void stop() {
    synchronized (lock) {
      reading = false;
      if (deadline != null) {
        deadline.cancel();
      }
    }
  }

  private void failed(Throwable failure) {
    limits.budget().release(kept);
    kept = 0;
    buffer = null;
    if (causedBy(failure, TimeoutException.class)) {
      outcome.failed(
          HttpStatus.REQUEST_TIMEOUT_408,
          failure instanceof BodyTimeout
              ? failure.getMessage()
              : "the body stopped arriving (no bytes for the read timeout)",
          null,
          null);
    } else if (causedBy(failure, EofException.class)
        || causedBy(failure, EOFException.class)
        || reason(failure).equals("Early EOF")) {
      outcome.failed(
          HttpStatus.BAD_REQUEST_400, "the body ended before it was complete", null, null);
    } else if (failure instanceof HttpException http
        && http.getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
      // A limit in front of the edge found it first.
      outcome.failed(HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), null, null);
    } else if (failure instanceof HttpException http && http.getCode() >= 400) {
      int status = http.getCode() < 500 ? http.getCode() : HttpStatus.BAD_REQUEST_400;
      outcome.failed(status, "the body is malformed: " + reason(failure), null, null);
    } else {
      outcome.failed(
          HttpStatus.BAD_REQUEST_400,
          "the body could not be read (" + failure.getClass().getSimpleName() + ")",
          null,
          null);
    }
  }

  private String tooLarge() {
    return "the body is larger than " + limits.maxBodyBytes() + " bytes";
  }

  private static String reason(Throwable failure) {
    String text =
        failure instanceof HttpException http && http.getReason() != null
            ? http.getReason()
            : failure.getMessage();
    return text == null ? failure.getClass().getSimpleName() : HttpReply.printable(text);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
