package dev.genaipitch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends one kind of request for a while, in one of two models.
 *
 * <p><b>Open</b> (fixed rate): a pacer releases send number {@code i} at {@code start + i/rate},
 * whatever the server is doing, into a queue that a pool of connections drains. Latency is measured
 * from that intended start, not from when a connection got round to it, so a server stall counts
 * fully for every request it delayed (no coordinated omission).
 *
 * <p><b>Closed</b> (saturation): each connection sends its next request as soon as the previous one
 * is answered; throughput is what the server can do at that concurrency, and latency is service
 * time under that queueing.
 */
final class LoadPhase {

  /** What one phase came to. Latencies in microseconds. */
  record Result(
      String name,
      String model,
      double targetRate,
      double seconds,
      long sent,
      long ok,
      long failed,
      long ioErrors,
      Histogram latency,
      Histogram replyLatency,
      long undeliveredReplies,
      int maxRepliesInFlight,
      double serverCpuSeconds,
      double generatorCpuSeconds,
      String loadAverage) {

    double throughput() {
      return ok / seconds;
    }

    long errors() {
      return failed + ioErrors + undeliveredReplies;
    }

    /** The server's CPU time per answered request, in milliseconds. */
    double serverCpuMillisPerRequest() {
      return ok == 0 ? Double.NaN : serverCpuSeconds * 1000 / ok;
    }
  }

  private static final long NOT_SENT = -1;

  private final InetSocketAddress server;
  private final Exchange exchange;

  LoadPhase(InetSocketAddress server, Exchange exchange) {
    this.server = server;
    this.exchange = exchange;
  }

  /**
   * Sends at {@code rate} per second for {@code seconds}, on up to {@code connections} connections.
   */
  Counts open(double rate, double seconds, int connections) throws InterruptedException {
    Counts counts = new Counts();
    open(rate, seconds, connections, counts);
    return counts;
  }

  /**
   * As {@link #open(double, double, int)}, into {@code counts}, which may be read while this runs.
   */
  void open(double rate, double seconds, int connections, Counts counts)
      throws InterruptedException {
    long total = Math.round(rate * seconds);
    long period = Math.round(1e9 / rate);
    BlockingQueue<long[]> queue =
        new ArrayBlockingQueue<>((int) Math.min(total + connections, 1_000_000));
    List<Thread> workers = startWorkers(connections, counts, queue::take);
    long start = System.nanoTime() + 20_000_000; // let the workers connect first
    for (long i = 0; i < total; i++) {
      long intended = start + i * period;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      queue.put(new long[] {i, intended});
    }
    for (int i = 0; i < connections; i++) {
      queue.put(new long[] {NOT_SENT, 0});
    }
    for (Thread w : workers) {
      w.join();
    }
    counts.seconds = (System.nanoTime() - start) / 1e9;
  }

  /** Keeps {@code connections} requests in flight for {@code seconds}. */
  Counts closed(int connections, double seconds) throws InterruptedException {
    Counts counts = new Counts();
    AtomicLong seq = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Thread> workers =
        startWorkers(
            connections,
            counts,
            () -> {
              long now = System.nanoTime();
              return now < end ? new long[] {seq.getAndIncrement(), now} : new long[] {NOT_SENT, 0};
            });
    for (Thread w : workers) {
      w.join();
    }
    counts.seconds = (System.nanoTime() - start) / 1e9;
    return counts;
  }

  /**
   * Live counters of a phase; the latency recorder can be read while the phase runs (for the soak).
   */
  static final class Counts {
    final Recorder latency = new Recorder(3);
    final AtomicLong sent = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong ioErrors = new AtomicLong();
    volatile String lastFailure = "";
    double seconds;
  }

  @FunctionalInterface
  private interface TaskSource {
    long[] next() throws InterruptedException;
  }

  private List<Thread> startWorkers(int connections, Counts counts, TaskSource tasks) {
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> work(counts, tasks), exchange.name() + "-load-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    return workers;
  }

  private void work(Counts counts, TaskSource tasks) {
    try (RawHttp http = new RawHttp(server, 30_000)) {
      try {
        http.connect();
      } catch (IOException e) {
        // the first exchange retries
      }
      while (true) {
        long[] task = tasks.next();
        if (task[0] == NOT_SENT) {
          return;
        }
        byte[] request = exchange.request(task[0], task[1]);
        counts.sent.incrementAndGet();
        try {
          RawHttp.Response response = http.exchange(request);
          long micros = Math.max(1, (System.nanoTime() - task[1]) / 1_000);
          counts.latency.recordValue(micros);
          if (exchange.ok(response)) {
            counts.ok.incrementAndGet();
          } else {
            counts.failed.incrementAndGet();
            counts.lastFailure = "HTTP " + response.status() + " " + abbreviate(response.text());
          }
        } catch (IOException e) {
          counts.ioErrors.incrementAndGet();
          counts.lastFailure = e.toString();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  static String loadAverage() {
    try {
      String[] parts =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
