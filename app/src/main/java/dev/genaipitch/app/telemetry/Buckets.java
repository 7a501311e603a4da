package dev.genaipitch.app.telemetry;

import java.time.Duration;

/** Histogram buckets for the latency and score metrics. */
public final class Buckets {

  /** Latency buckets, 1 ms to 10 s. */
  public static final Duration[] LATENCY = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /** Match score buckets, in percent, 10 to 100. */
  static final double[] SCORE_PERCENT = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

  private Buckets() {}
}
