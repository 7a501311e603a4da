package dev.genaipitch.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.SlackConfig;
import com.slack.api.rate_limits.metrics.MetricsDatastore;
import org.junit.jupiter.api.Test;

/** The SDK's metrics datastores are off once the adapter has started: no idle thread each. */
final class SlackMetricsTest {

  @Test
  void start_turnsEveryMetricsDatastoreOff() throws Exception {
    try (SlackFixture fixture = SlackFixture.start()) {
      SlackConfig config = fixture.adapter.slackConfig();

      assertThat(SlackMetrics.datastores(config)).hasSize(12).doesNotHaveDuplicates();
      for (MetricsDatastore datastore : SlackMetrics.datastores(config)) {
        assertThat(datastore.isStatsEnabled()).isFalse();
        assertThat(datastore.isClosed()).isTrue();
      }
    }
  }

  @Test
  void off_aNewConfiguration_closesWhatTheSdkLeavesRunning() {
    SlackConfig config = new SlackConfig();
    config.setStatsEnabled(false);

    SlackMetrics.off(config);

    for (MetricsDatastore datastore : SlackMetrics.datastores(config)) {
      assertThat(datastore.isStatsEnabled()).isFalse();
      assertThat(datastore.isClosed()).isTrue();
    }
  }
}
