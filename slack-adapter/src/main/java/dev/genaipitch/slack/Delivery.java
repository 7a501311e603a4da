package dev.genaipitch.slack;

import dev.genaipitch.slack.SlackWebApi.Delivered;
import dev.genaipitch.slack.SlackWebApi.Outcome;
import dev.genaipitch.slack.SlackWebApi.RateLimited;
import dev.genaipitch.slack.SlackWebApi.Retryable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends to Slack off the request thread, retrying what is worth retrying: after {@code Retry-After}
 * on 429, with doubling backoff on 5xx and network errors, a bounded number of times. A final
 * failure is logged (operation, channel, event; never the token or the text) and counted in {@code
 * genai.pitch.delivery.failures{platform=slack, operation}}. Never throws to its caller.
 */
final class Delivery {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final String PLATFORM = "slack";

  /**
   * One thing to deliver.
   *
   * @param operation the Slack method, e.g. {@code chat.postMessage}, for logs and metrics
   * @param channel where it goes (channel or user id), for logs
   * @param event the event id or interaction that caused it, for logs
   * @param attempt one try
   * @param then what to do once delivered (may be null), e.g. deleting the preview after a share
   */
  record Job(
      String operation, String channel, String event, Supplier<Outcome> attempt, Runnable then) {}

  private final Executor executor;
  private final SlackAdapter.Scheduler scheduler;
  private final MeterRegistry registry;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration longestRetryAfter;

  Delivery(
      Executor executor,
      SlackAdapter.Scheduler scheduler,
      MeterRegistry registry,
      int maxAttempts,
      Duration firstBackoff,
      Duration longestRetryAfter) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.registry = registry;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.longestRetryAfter = longestRetryAfter;
  }

  void submit(Job job) {
    execute(job, 1);
  }

  private void execute(Job job, int attempt) {
    try {
      executor.execute(() -> attempt(job, attempt));
    } catch (RejectedExecutionException e) {
      fail(job, attempt - 1, "send queue full or stopped");
    }
  }

  private void attempt(Job job, int attempt) {
    Outcome outcome;
    try {
      outcome = job.attempt().get();
    } catch (RuntimeException e) {
      outcome = new SlackWebApi.Failed(e.getClass().getSimpleName());
    }
    if (outcome instanceof Delivered) {
      if (job.then() != null) {
        try {
          job.then().run();
        } catch (RuntimeException e) {
          LOG.warn(
              "Slack follow-up to {} failed (channel {}, event {}): {}",
              job.operation(),
              job.channel(),
              job.event(),
              e.toString());
        }
      }
      return;
    }
    if (attempt >= maxAttempts) {
      fail(job, attempt, reason(outcome));
      return;
    }
    if (outcome instanceof RateLimited limited) {
      if (limited.retryAfter().compareTo(longestRetryAfter) > 0) {
        fail(
            job,
            attempt,
            "rate limited, Retry-After "
                + limited.retryAfter().toSeconds()
                + "s is too long to wait");
        return;
      }
      retry(job, attempt, limited.retryAfter());
    } else if (outcome instanceof Retryable) {
      retry(job, attempt, firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
    } else {
      fail(job, attempt, reason(outcome));
    }
  }

  private void retry(Job job, int attempt, Duration delay) {
    LOG.debug(
        "Slack {} will be retried in {} ms (channel {}, event {}): {}",
        job.operation(),
        delay.toMillis(),
        job.channel(),
        job.event(),
        attempt);
    try {
      scheduler.schedule(delay, () -> execute(job, attempt + 1));
    } catch (RuntimeException e) {
      fail(job, attempt, "retry could not be scheduled");
    }
  }

  private void fail(Job job, int attempts, String reason) {
    if (attempts == 0) {
      LOG.warn(
          "Slack {} not sent (channel {}, event {}): {}",
          job.operation(),
          job.channel(),
          job.event(),
          reason);
    } else {
      LOG.warn(
          "Slack {} failed after {} attempt(s) (channel {}, event {}): {}",
          job.operation(),
          attempts,
          job.channel(),
          job.event(),
          reason);
    }
    Counter.builder(SlackAdapter.DELIVERY_FAILURES)
        .description(SlackAdapter.DELIVERY_FAILURES_DESCRIPTION)
        .tag("platform", PLATFORM)
        .tag("operation", job.operation())
        .register(registry)
        .increment();
  }

  private static String reason(Outcome outcome) {
    if (outcome instanceof RateLimited limited) {
      return "rate limited (Retry-After " + limited.retryAfter().toSeconds() + "s)";
    }
    if (outcome instanceof Retryable r) {
      return r.reason();
    }
    if (outcome instanceof SlackWebApi.Failed f) {
      return f.reason();
    }
    return outcome.toString();
  }
}
