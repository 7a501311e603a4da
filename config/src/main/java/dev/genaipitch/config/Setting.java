package dev.genaipitch.config;

import java.util.List;
import java.util.Optional;

/**
 * One configuration setting: its environment variable name (also its key in the optional
 * properties file), what it means, its default, and whether it is a secret (never printed).
 */
public enum Setting {
  PORT("PORT", "3000", false, "HTTP port of `serve`."),
  GUIDE_DIR("GUIDE_DIR", "", false, "Directory of guide content (*.md) replacing the built-in guide; reloaded when it changes."),
  SLACK_SIGNING_SECRET("SLACK_SIGNING_SECRET", "", true, "Slack app signing secret. Slack is on when this and SLACK_BOT_TOKEN are set."),
  SLACK_BOT_TOKEN("SLACK_BOT_TOKEN", "", true, "Slack bot token (xoxb-...), checked with auth.test at start-up."),
  SLACK_API_URL("SLACK_API_URL", "https://slack.com/api/", false, "Base URL of the Slack Web API."),
  SLACK_DEFAULT_VISIBILITY("SLACK_DEFAULT_VISIBILITY", "ephemeral", false, "`ephemeral`: answers are previewed to the asker first; `in_channel`: posted straight away."),
  MICROSOFT_APP_ID("MICROSOFT_APP_ID", "", false, "Bot Framework app id. Without it, /api/messages runs unauthenticated for the Bot Framework Emulator."),
  MICROSOFT_APP_PASSWORD("MICROSOFT_APP_PASSWORD", "", true, "Bot Framework app password (client secret)."),
  MICROSOFT_APP_TENANT_ID("MICROSOFT_APP_TENANT_ID", "", false, "Tenant id, for single-tenant bots."),
  BOT_OPENID_METADATA("BOT_OPENID_METADATA", "https://login.botframework.com/v1/.well-known/openidconfiguration", false, "OpenID metadata URL for validating Bot Framework tokens."),
  MAX_BODY_BYTES("MAX_BODY_BYTES", "1048576", false, "Largest request body accepted; larger gets 413."),
  MAX_THREADS("MAX_THREADS", "64", false, "Most request threads the server runs."),
  IDLE_TIMEOUT("IDLE_TIMEOUT", "30s", false, "Idle connection timeout (e.g. 30s, 500ms, 2m)."),
  READ_TIMEOUT("READ_TIMEOUT", "10s", false, "Longest wait for a request body to arrive."),
  SHUTDOWN_TIMEOUT("SHUTDOWN_TIMEOUT", "10s", false, "How long SIGTERM waits for in-flight requests."),
  LOG_FORMAT("LOG_FORMAT", "text", false, "`text` or `json` (one JSON object per line, for log shippers)."),
  LOG_QUESTIONS("LOG_QUESTIONS", "false", false, "Include users' question text in logs and the report file (for content tuning)."),
  REPORT_FILE("REPORT_FILE", "", false, "File to append unanswered and low-score questions to (JSON Lines)."),
  REPORT_CAPACITY("REPORT_CAPACITY", "1000", false, "How many unanswered questions are kept in memory."),
  LOW_SCORE("LOW_SCORE", "0.5", false, "Answers scoring below this are also kept for the report.");

  private final String env;
  private final String defaultValue;
  private final boolean secret;
  private final String description;

  Setting(String env, String defaultValue, boolean secret, String description) {
    this.env = env;
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.description = description;
  }

  /** The environment variable (and file key) that sets it. */
  public String env() {
    return env;
  }

  /** The default as written, empty when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }

  public static Optional<Setting> byEnv(String name) {
    return List.of(values()).stream().filter(s -> s.env.equals(name)).findFirst();
  }
}
