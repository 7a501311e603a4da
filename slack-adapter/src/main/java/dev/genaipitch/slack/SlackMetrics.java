package dev.genaipitch.slack;

import com.slack.api.SlackConfig;
import com.slack.api.audit.AuditConfig;
import com.slack.api.methods.MethodsConfig;
import com.slack.api.rate_limits.metrics.MetricsDatastore;
import com.slack.api.scim.SCIMConfig;
import com.slack.api.scim2.SCIM2Config;
import java.util.List;

/**
 * The Slack SDK's in-memory metrics datastores, all off. Each keeps a thread ({@code
 * slack-api-metrics}) that wakes every second for its maintenance job, and the SDK makes twelve of
 * them: four default singletons and four per {@link SlackConfig} (the immutable {@link
 * SlackConfig#DEFAULT} and the adapter's own), whatever its settings. {@code
 * setStatsEnabled(false)} on the adapter's configuration stops three of its four (the SDK closes
 * the SCIM datastore twice and SCIM2's never) and none of the others, which nothing in the bot
 * uses: every client the adapter makes comes from its own {@link com.slack.api.Slack}, whose
 * statistics are off. A datastore with statistics off records nothing, so turning these off changes
 * no call; their threads end.
 */
final class SlackMetrics {

  private SlackMetrics() {}

  /** Turns statistics off in every datastore of {@link #datastores}: their threads end. */
  static void off(SlackConfig config) {
    for (MetricsDatastore datastore : datastores(config)) {
      datastore.setStatsEnabled(false);
    }
  }

  /**
   * The datastores of {@code config}, of {@link SlackConfig#DEFAULT} and the default singletons.
   */
  static List<MetricsDatastore> datastores(SlackConfig config) {
    return List.of(
        config.getMethodsConfig().getMetricsDatastore(),
        config.getAuditConfig().getMetricsDatastore(),
        config.getSCIMConfig().getMetricsDatastore(),
        config.getSCIM2Config().getMetricsDatastore(),
        SlackConfig.DEFAULT.getMethodsConfig().getMetricsDatastore(),
        SlackConfig.DEFAULT.getAuditConfig().getMetricsDatastore(),
        SlackConfig.DEFAULT.getSCIMConfig().getMetricsDatastore(),
        SlackConfig.DEFAULT.getSCIM2Config().getMetricsDatastore(),
        MethodsConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
        AuditConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
        SCIMConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
        SCIM2Config.DEFAULT_SINGLETON.getMetricsDatastore());
  }
}
