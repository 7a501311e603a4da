package dev.genaipitch.config;

import java.util.List;
import java.util.Optional;

/**
 * One configuration setting: its environment variable name (also its key in the optional properties
 * file), what it means, its default, and whether it is a secret (never printed).
 *
 * <p>This enum is the single source of the settings table in {@code docs/configuration.md}: see
 * {@link #markdownTable()}.
 */
public enum Setting {
  PORT(
      "PORT",
      "3000",
      false,
      "HTTP port of `serve` (Slack, Teams, health, metrics). `0` picks a free port."),
  ADMIN_PORT(
      "ADMIN_PORT",
      "3001",
      false,
      "Port of the admin server, bound to 127.0.0.1 only, that `report` asks for the in-memory"
          + " report. `0` picks a free port."),
  GUIDE_DIR(
      "GUIDE_DIR",
      "",
      false,
      "Directory of guide content (its *.md files, examples/, keywords/ and synonyms.txt) replacing"
          + " the built-in guide; reloaded when it changes."),
  RELOAD_INTERVAL(
      "RELOAD_INTERVAL",
      "1s",
      false,
      "How often GUIDE_DIR is checked for changes; a change is applied once the files have stayed"
          + " the same for one interval. `0` turns reloading off."),
  SLACK_SIGNING_SECRET(
      "SLACK_SIGNING_SECRET",
      "",
      true,
      "Slack app signing secret: with SLACK_BOT_TOKEN, Slack posts to the Request URL"
          + " `/slack/events`. Not needed for Socket Mode."),
  SLACK_BOT_TOKEN(
      "SLACK_BOT_TOKEN",
      "",
      true,
      "Slack bot token (xoxb-...), checked with auth.test at start-up."),
  SLACK_APP_TOKEN(
      "SLACK_APP_TOKEN",
      "",
      true,
      "Slack app-level token (xapp-..., scope `connections:write`): with SLACK_BOT_TOKEN, the bot"
          + " connects to Slack over Socket Mode (an outgoing WebSocket; no public URL needed)."),
  SLACK_API_URL("SLACK_API_URL", "https://slack.com/api/", false, "Base URL of the Slack Web API."),
  SLACK_DEFAULT_VISIBILITY(
      "SLACK_DEFAULT_VISIBILITY",
      "ephemeral",
      false,
      "`ephemeral`: answers are previewed to the asker first; `in_channel`: posted straight away."),
  MICROSOFT_APP_ID(
      "MICROSOFT_APP_ID",
      "",
      false,
      "Bot Framework app id. Teams is on, with every request's token checked, when this and"
          + " MICROSOFT_APP_PASSWORD are set; without it (and without TEAMS_EMULATOR) /api/messages"
          + " answers 404."),
  MICROSOFT_APP_PASSWORD(
      "MICROSOFT_APP_PASSWORD", "", true, "Bot Framework app password (client secret)."),
  MICROSOFT_APP_TENANT_ID(
      "MICROSOFT_APP_TENANT_ID", "", false, "Tenant id, for single-tenant bots."),
  MICROSOFT_TOKEN_URL(
      "MICROSOFT_TOKEN_URL",
      "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token",
      false,
      "Azure AD token endpoint the bot gets its own access token from to reply (client"
          + " credentials). With MICROSOFT_APP_TENANT_ID and this default, the tenant's endpoint is"
          + " used. Other clouds differ (US Government:"
          + " `https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.com/oauth2/v2.0/token`)."),
  TEAMS_EMULATOR(
      "TEAMS_EMULATOR",
      "false",
      false,
      "`true` turns Teams on WITHOUT authentication, for the Bot Framework Emulator on this"
          + " machine: only loopback clients, with no forwarding headers, replying to a loopback"
          + " serviceUrl. Not with MICROSOFT_APP_ID."),
  BOT_OPENID_METADATA(
      "BOT_OPENID_METADATA",
      "https://login.botframework.com/v1/.well-known/openidconfiguration",
      false,
      "OpenID metadata URL for validating Bot Framework tokens."),
  MAX_BODY_BYTES(
      "MAX_BODY_BYTES",
      "1048576",
      false,
      "Largest request body accepted, in bytes; a larger one gets 413."),
  MAX_BODY_BYTES_IN_FLIGHT(
      "MAX_BODY_BYTES_IN_FLIGHT",
      "33554432",
      false,
      "Most bytes of request bodies held at once, all requests together (bodies still arriving and"
          + " being handled); a body that would go past it gets 503 with Retry-After."),
  MAX_THREADS("MAX_THREADS", "64", false, "Most request threads the server runs (8 to 10000)."),
  IDLE_TIMEOUT(
      "IDLE_TIMEOUT",
      "30s",
      false,
      "How long an idle connection is kept open (e.g. 30s, 500ms, 2m)."),
  READ_TIMEOUT(
      "READ_TIMEOUT",
      "10s",
      false,
      "Longest a request in progress may go with no bytes moving (its body arriving, its response"
          + " being taken); then 408 and the connection closes."),
  BODY_TIMEOUT(
      "BODY_TIMEOUT",
      "10s",
      false,
      "Longest time a POST's whole body may take to arrive, from its headers; then 408 and the"
          + " connection closes. Bodies are read without holding a request thread."),
  SHUTDOWN_TIMEOUT(
      "SHUTDOWN_TIMEOUT",
      "10s",
      false,
      "On SIGTERM, how long in-flight requests may take to finish before the server stops anyway."),
  LOG_FORMAT(
      "LOG_FORMAT",
      "text",
      false,
      "`text` or `json` (one JSON object per line, for log shippers)."),
  LOG_QUESTIONS(
      "LOG_QUESTIONS",
      "false",
      false,
      "`true` adds the user's question text to the per-answer log line (for content tuning). It"
          + " does not affect the report."),
  REPORT_FILE(
      "REPORT_FILE",
      "",
      false,
      "File to append unanswered and low-score questions (with their text) and 👍/👎 feedback to,"
          + " as JSON Lines. Empty: in memory only."),
  REPORT_CAPACITY(
      "REPORT_CAPACITY",
      "1000",
      false,
      "How many distinct unanswered questions the in-memory report keeps (the rarest and oldest go"
          + " first)."),
  LOW_SCORE(
      "LOW_SCORE",
      "0.5",
      false,
      "Answers scoring below this (0 to 1) are kept for the report like unanswered ones."),
  PRACTICE_KEEP_ANSWERS(
      "PRACTICE_KEEP_ANSWERS",
      "false",
      false,
      "`true` stores a rep's latest practice answer in each section with its grade (in Redis too,"
          + " with `REDIS_URL`); by default only grades are kept, in process and in Redis."),
  PLAYGROUND(
      "PLAYGROUND",
      "true",
      false,
      "`false` turns the playground (the page at `/` and `/playground/`) off: they answer 404."),
  PLAYGROUND_RATE(
      "PLAYGROUND_RATE",
      "30",
      false,
      "Playground questions and feedback accepted per minute from one client address (ten times"
          + " this from all together); beyond it 429 with Retry-After."),
  REDIS_URL(
      "REDIS_URL",
      "",
      true,
      "Redis for state shared by replicas: `redis://[user:password@]host:6379/0`, `rediss://` for"
          + " TLS. Slack event ids and request signatures, Teams' welcome-once, the report"
          + " (`genai-pitch report` then shows every replica's questions), conversations (a"
          + " follow-up is read in context on any replica) and practice rounds are shared"
          + " (docs/deploy.md); with Redis down or slow, each replica falls back to its own record"
          + " and keeps answering. Empty: everything in this process."),
  REDIS_TIMEOUT(
      "REDIS_TIMEOUT",
      "50ms",
      false,
      "Longest a Redis command (or connecting) may take before the request falls back to this"
          + " process's record; three failures in a row count as an outage (one WARN, then a check"
          + " every second until Redis answers).");

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

  /** Whether the value is a secret: masked wherever configuration is shown. */
  public boolean secret() {
    return secret;
  }

  /** What the setting does, in Markdown. */
  public String description() {
    return description;
  }

  public static Optional<Setting> byEnv(String name) {
    return List.of(values()).stream().filter(s -> s.env.equals(name)).findFirst();
  }

  /**
   * Every setting as one Markdown table (name, default, description), in declaration order. The
   * settings table in {@code docs/configuration.md} is exactly this text; a test keeps the two
   * equal.
   */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Setting | Default | Description |\n");
    out.append("|---|---|---|\n");
    for (Setting s : values()) {
      out.append("| `").append(s.env).append("` | ");
      out.append(s.defaultValue.isEmpty() ? "" : "`" + cell(s.defaultValue) + "`");
      out.append(" | ");
      if (s.secret) {
        out.append("**Secret** (never printed or logged). ");
      }
      out.append(cell(s.description)).append(" |\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
