package dev.genaipitch.app;

import dev.genaipitch.slack.SlackAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Slack adapter's retry scheduler for tests: remembers how long each retry was asked to wait
 * ({@code Retry-After}, backoff) and runs it at once, so that no test waits for the delay.
 */
final class RecordingScheduler implements SlackAdapter.Scheduler {

  private final List<Duration> delays = new ArrayList<>();

  @Override
  public void schedule(Duration delay, Runnable task) {
    synchronized (delays) {
      delays.add(delay);
    }
    task.run();
  }

  List<Duration> delays() {
    synchronized (delays) {
      return List.copyOf(delays);
    }
  }

  void clear() {
    synchronized (delays) {
      delays.clear();
    }
  }
}
