package dev.genaipitch.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A retry scheduler for tests ({@code scheduler::schedule} is the Slack adapter's Scheduler):
 * remembers how long each retry was asked to wait ({@code Retry-After}, backoff) and runs it at
 * once, so that no test waits for the delay.
 */
public final class RecordingScheduler {

  private final List<Duration> delays = new ArrayList<>();

  public void schedule(Duration delay, Runnable task) {
    synchronized (delays) {
      delays.add(delay);
    }
    task.run();
  }

  public List<Duration> delays() {
    synchronized (delays) {
      return List.copyOf(delays);
    }
  }

  public void clear() {
    synchronized (delays) {
      delays.clear();
    }
  }
}
