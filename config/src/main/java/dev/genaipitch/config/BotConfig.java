package dev.genaipitch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's configuration, typed and validated. Values come from environment variables,
 * then from an optional properties file named by {@code GENAI_PITCH_CONFIG} (environment wins),
 * then defaults. {@link #load} reports every missing or malformed value in one exception, and never
 * shows a secret's value in it.
 *
 * <p>{@link #toString()} and {@link #describe()} mask secrets and are safe to log; {@link #raw()}
 * and the secret-holding components are not.
 *
 * @param port the public HTTP port; 0 picks a free one
 * @param adminPort the loopback-only admin port; 0 picks a free one
 * @param guideDir guide content replacing the built-in guide, if any
 * @param reloadInterval how often {@code guideDir} is checked for changes; zero means never
 * @param redisUrl the Redis server for state shared by replicas, if any (a secret: it may carry a
 *     password)
 * @param configFile the properties file the configuration was read from, if any
 * @param raw every setting's effective value as written (secrets included)
 * @param sources where each setting's value came from
 */
public record BotConfig(
    int port,
    int adminPort,
    Optional<Path> guideDir,
    Duration reloadInterval,
    Slack slack,
    Teams teams,
    Server server,
    Logging logging,
    Report report,
    Playground playground,
    Optional<URI> redisUrl,
    Optional<Path> configFile,
    Map<Setting, String> raw,
    Map<Setting, Source> sources) {

  /** The environment variable naming an optional properties file. */
  public static final String CONFIG_FILE_ENV = "GENAI_PITCH_CONFIG";

  /** The longest duration any setting accepts. */
  private static final Duration MAX_DURATION = Duration.ofDays(1);

  /** Where a setting's value came from. */
  public enum Source {
    ENVIRONMENT,
    FILE,
    DEFAULT
  }

  /**
   * Slack settings: {@link #enabled()} with the bot token and a way in, the signing secret (Slack
   * posts to the Request URL) or the app-level token (the bot connects over Socket Mode), or both.
   */
  public record Slack(
      Optional<String> signingSecret,
      Optional<String> botToken,
      Optional<String> appToken,
      URI apiUrl,
      boolean postInChannel) {
    public boolean enabled() {
      return botToken.isPresent() && (signingSecret.isPresent() || appToken.isPresent());
    }

    /** Whether the bot connects to Slack over Socket Mode ({@code SLACK_APP_TOKEN}). */
    public boolean socketMode() {
      return enabled() && appToken.isPresent();
    }

    /** Whether Slack may post to the Request URL, whose requests the signing secret verifies. */
    public boolean requestUrl() {
      return enabled() && signingSecret.isPresent();
    }

    @Override
    public String toString() {
      return "Slack[enabled="
          + enabled()
          + ", socketMode="
          + socketMode()
          + ", apiUrl="
          + apiUrl
          + ", postInChannel="
          + postInChannel
          + "]";
    }
  }

  /**
   * Bot Framework settings. Teams is on with an app id (every request's token checked) or with
   * {@code emulator} (no authentication, loopback only); otherwise off.
   *
   * @param tokenUrl the Azure AD token endpoint for the bot's own access token
   * @param emulator TEAMS_EMULATOR: authentication off, for the Bot Framework Emulator
   */
  public record Teams(
      Optional<String> appId,
      Optional<String> appPassword,
      Optional<String> tenantId,
      URI openIdMetadata,
      URI tokenUrl,
      boolean emulator) {

    /** Whether /api/messages is served at all. */
    public boolean enabled() {
      return authenticated() || emulator;
    }

    /** Whether requests must carry a valid Bot Framework token. */
    public boolean authenticated() {
      return appId.isPresent();
    }

    /**
     * The token endpoint to use: the configured one, or the tenant's when a single-tenant bot kept
     * the default.
     */
    public URI effectiveTokenUrl() {
      if (tenantId.isPresent()
          && tokenUrl.toString().equals(Setting.MICROSOFT_TOKEN_URL.defaultValue())) {
        return URI.create(
            "https://login.microsoftonline.com/" + tenantId.get() + "/oauth2/v2.0/token");
      }
      return tokenUrl;
    }

    @Override
    public String toString() {
      return "Teams[appId="
          + appId.orElse("")
          + ", tenantId="
          + tenantId.orElse("")
          + ", openIdMetadata="
          + openIdMetadata
          + ", tokenUrl="
          + tokenUrl
          + ", emulator="
          + emulator
          + "]";
    }
  }

  /**
   * HTTP server limits.
   *
   * @param maxBodyBytesInFlight the most bytes of request bodies held at once, all together
   * @param readTimeout the longest a request in progress may go with no bytes moving
   * @param bodyTimeout the longest a POST's whole body may take to arrive
   * @param shutdownTimeout how long in-flight requests may take to finish on SIGTERM
   */
  public record Server(
      long maxBodyBytes,
      long maxBodyBytesInFlight,
      int maxThreads,
      Duration idleTimeout,
      Duration readTimeout,
      Duration bodyTimeout,
      Duration shutdownTimeout) {}

  /**
   * The playground.
   *
   * @param enabled whether the page and its API are served
   * @param ratePerMinute questions and feedback accepted per minute from one client address
   */
  public record Playground(boolean enabled, int ratePerMinute) {}

  /**
   * Log output.
   *
   * @param json one JSON object per line instead of text
   * @param logQuestions whether the per-answer log line carries the user's words
   */
  public record Logging(boolean json, boolean logQuestions) {}

  /**
   * The report of unanswered questions.
   *
   * @param file JSON Lines file that unanswered questions and feedback are appended to, if any
   * @param capacity how many distinct questions the in-memory report keeps
   * @param lowScore section answers scoring below this count as unanswered
   */
  public record Report(Optional<Path> file, int capacity, double lowScore) {}

  public BotConfig {
    raw = Map.copyOf(raw);
    sources = Map.copyOf(sources);
  }

  /** Defaults only, as on a fresh machine with nothing set. */
  public static BotConfig defaults() {
    try {
      return load(Map.of());
    } catch (ConfigException e) {
      throw new IllegalStateException("defaults must be valid", e);
    }
  }

  /** Reads the process environment (and the file it names, if any). */
  public static BotConfig fromEnvironment() throws ConfigException {
    return load(System.getenv());
  }

  /**
   * Reads {@code env} (and the properties file named by {@code GENAI_PITCH_CONFIG} in it).
   *
   * @throws ConfigException listing every problem found, secrets masked
   */
  public static BotConfig load(Map<String, String> env) throws ConfigException {
    List<String> problems = new ArrayList<>();
    String fileName = env.get(CONFIG_FILE_ENV);
    Map<String, String> file = readFile(fileName, problems);
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    Map<Setting, Source> sources = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String v = env.get(s.env());
      Source source = Source.ENVIRONMENT;
      if (v == null || v.isBlank()) {
        v = file.get(s.env());
        source = Source.FILE;
      }
      if (v == null || v.isBlank()) {
        v = s.defaultValue();
        source = Source.DEFAULT;
      }
      values.put(s, v.strip());
      sources.put(s, source);
    }
    for (String key : file.keySet()) {
      if (Setting.byEnv(key).isEmpty()) {
        problems.add(key + " (in " + fileName + ") is not a known setting");
      }
    }
    Parser p = new Parser(values, problems);
    int port = p.integer(Setting.PORT, 0, 65535);
    int adminPort = p.integer(Setting.ADMIN_PORT, 0, 65535);
    if (port != 0 && port == adminPort) {
      problems.add(
          Setting.ADMIN_PORT.env()
              + "="
              + adminPort
              + " is the same as PORT: the admin server needs its own port");
    }
    Optional<Path> guideDir = p.optional(Setting.GUIDE_DIR).map(Path::of);
    guideDir.ifPresent(
        dir -> {
          if (!Files.isDirectory(dir)) {
            problems.add(Setting.GUIDE_DIR.env() + "=" + dir + " is not a directory");
          }
        });
    Duration reloadInterval = p.duration(Setting.RELOAD_INTERVAL, false);
    Optional<String> signing = p.optional(Setting.SLACK_SIGNING_SECRET);
    Optional<String> token = p.optional(Setting.SLACK_BOT_TOKEN);
    Optional<String> appToken = p.optional(Setting.SLACK_APP_TOKEN);
    if (signing.isPresent() && token.isEmpty()) {
      problems.add(
          Setting.SLACK_BOT_TOKEN.env()
              + " is missing: Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN");
    } else if (appToken.isPresent() && token.isEmpty()) {
      problems.add(
          Setting.SLACK_BOT_TOKEN.env()
              + " is missing: Socket Mode needs both SLACK_APP_TOKEN and SLACK_BOT_TOKEN");
    } else if (token.isPresent() && signing.isEmpty() && appToken.isEmpty()) {
      problems.add(
          Setting.SLACK_SIGNING_SECRET.env()
              + " is missing: Slack needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (Request URL)"
              + " or with SLACK_APP_TOKEN (Socket Mode)");
    }
    appToken.ifPresent(
        t -> {
          if (!t.startsWith("xapp-")) {
            problems.add(
                Setting.SLACK_APP_TOKEN.env()
                    + " is not an app-level token: it starts with xapp- (Basic Information,"
                    + " App-Level Tokens, with the connections:write scope)");
          }
        });
    URI slackApi = p.url(Setting.SLACK_API_URL);
    String visibility = p.oneOf(Setting.SLACK_DEFAULT_VISIBILITY, "ephemeral", "in_channel");
    Optional<String> appId = p.optional(Setting.MICROSOFT_APP_ID);
    Optional<String> appPassword = p.optional(Setting.MICROSOFT_APP_PASSWORD);
    if (appId.isPresent() && appPassword.isEmpty()) {
      problems.add(
          Setting.MICROSOFT_APP_PASSWORD.env()
              + " is missing: it is required with MICROSOFT_APP_ID");
    }
    if (appId.isEmpty() && appPassword.isPresent()) {
      problems.add(
          Setting.MICROSOFT_APP_ID.env() + " is missing: MICROSOFT_APP_PASSWORD is set without it");
    }
    URI tokenUrl = p.url(Setting.MICROSOFT_TOKEN_URL);
    boolean emulator = p.bool(Setting.TEAMS_EMULATOR);
    if (emulator && appId.isPresent()) {
      problems.add(
          Setting.TEAMS_EMULATOR.env()
              + "=true turns Teams authentication off: it cannot be combined with"
              + " MICROSOFT_APP_ID");
    }
    URI openId = p.url(Setting.BOT_OPENID_METADATA);
    long maxBody = p.integer(Setting.MAX_BODY_BYTES, 1024, Integer.MAX_VALUE - 8);
    long inFlight = p.integer(Setting.MAX_BODY_BYTES_IN_FLIGHT, 1024, Integer.MAX_VALUE);
    int maxThreads = p.integer(Setting.MAX_THREADS, 8, 10_000);
    Duration idle = p.duration(Setting.IDLE_TIMEOUT, true);
    Duration read = p.duration(Setting.READ_TIMEOUT, true);
    Duration body = p.duration(Setting.BODY_TIMEOUT, true);
    Duration shutdown = p.duration(Setting.SHUTDOWN_TIMEOUT, false);
    String logFormat = p.oneOf(Setting.LOG_FORMAT, "text", "json");
    boolean logQuestions = p.bool(Setting.LOG_QUESTIONS);
    Optional<Path> reportFile = p.optional(Setting.REPORT_FILE).map(Path::of);
    reportFile.ifPresent(
        f -> {
          Path parent = f.toAbsolutePath().getParent();
          if (Files.isDirectory(f)) {
            problems.add(Setting.REPORT_FILE.env() + "=" + f + " is a directory, not a file");
          } else if (parent != null && !Files.isDirectory(parent)) {
            problems.add(
                Setting.REPORT_FILE.env()
                    + "="
                    + f
                    + ": its directory "
                    + parent
                    + " does not exist");
          }
        });
    int capacity = p.integer(Setting.REPORT_CAPACITY, 1, 1_000_000);
    double lowScore = p.decimal(Setting.LOW_SCORE, 0, 1);
    p.bool(Setting.PRACTICE_KEEP_ANSWERS); // checked here; read by practiceKeepAnswers()
    boolean playground = p.bool(Setting.PLAYGROUND);
    int playgroundRate = p.integer(Setting.PLAYGROUND_RATE, 1, 1_000_000);
    Optional<URI> redisUrl = p.optional(Setting.REDIS_URL).map(v -> redis(v, problems));
    p.duration(Setting.REDIS_TIMEOUT, true); // checked here; read by redisTimeout()
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new BotConfig(
        port,
        adminPort,
        guideDir,
        reloadInterval,
        new Slack(signing, token, appToken, slackApi, visibility.equals("in_channel")),
        new Teams(
            appId,
            appPassword,
            p.optional(Setting.MICROSOFT_APP_TENANT_ID),
            openId,
            tokenUrl,
            emulator),
        new Server(maxBody, inFlight, maxThreads, idle, read, body, shutdown),
        new Logging(logFormat.equals("json"), logQuestions),
        new Report(reportFile, capacity, lowScore),
        new Playground(playground, playgroundRate),
        redisUrl,
        Optional.ofNullable(fileName).filter(f -> !f.isBlank()).map(Path::of),
        values,
        sources);
  }

  /** Whether practice rounds store reps' answers with their grades (PRACTICE_KEEP_ANSWERS). */
  public boolean practiceKeepAnswers() {
    return raw.getOrDefault(Setting.PRACTICE_KEEP_ANSWERS, "false").equalsIgnoreCase("true");
  }

  /**
   * How long one Redis command may take before the request falls back to this process
   * (REDIS_TIMEOUT).
   */
  public Duration redisTimeout() {
    Map<Setting, String> value =
        Map.of(
            Setting.REDIS_TIMEOUT,
            raw.getOrDefault(Setting.REDIS_TIMEOUT, Setting.REDIS_TIMEOUT.defaultValue()));
    return new Parser(value, new ArrayList<>()).duration(Setting.REDIS_TIMEOUT, true);
  }

  /**
   * Every setting with its effective value, secrets masked, in the order of {@link Setting}: what
   * {@code config} prints. Safe to log.
   */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      String v = raw.getOrDefault(s, "");
      out.put(s.env(), s.secret() ? mask(v) : v);
    }
    return out;
  }

  /** Where {@code setting}'s value came from. */
  public Source source(Setting setting) {
    return sources.getOrDefault(setting, Source.DEFAULT);
  }

  @Override
  public String toString() {
    return "BotConfig" + describe();
  }

  /**
   * A redis:// or rediss:// URL with a host; the problem never shows it (it may hold a password).
   */
  private static URI redis(String value, List<String> problems) {
    try {
      URI uri = new URI(value);
      if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
          && uri.getHost() != null
          && (uri.getPath() == null || uri.getPath().matches("/?|/\\d{1,4}"))) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(
        Setting.REDIS_URL.env()
            + " is not a redis:// or rediss:// URL with a host and at most a database number"
            + " (like redis://redis:6379/0)");
    return URI.create("redis://invalid/");
  }

  /** Empty stays empty; anything else becomes stars with no hint of length or content. */
  static String mask(String secret) {
    return secret.isEmpty() ? "" : "********";
  }

  private static Map<String, String> readFile(String name, List<String> problems) {
    if (name == null || name.isBlank()) {
      return Map.of();
    }
    Path path = Path.of(name);
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      problems.add(CONFIG_FILE_ENV + "=" + name + " does not exist");
      return Map.of();
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a malformed \\uXXXX escape. Messages may quote the file's
      // contents (secrets), so only the kind of failure is shown.
      problems.add(
          CONFIG_FILE_ENV + "=" + name + " cannot be read (" + e.getClass().getSimpleName() + ")");
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> out.put(k.strip(), props.getProperty(k)));
    return out;
  }

  /** Parses values, recording a problem for each bad one and returning a harmless placeholder. */
  private record Parser(Map<Setting, String> values, List<String> problems) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    Optional<String> optional(Setting s) {
      String v = values.get(s);
      return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    int integer(Setting s, long min, long max) {
      String v = values.get(s);
      try {
        long n = Long.parseLong(v);
        if (n < min || n > max) {
          problems.add(
              s.env() + "=" + shown(s, v) + " is out of range (" + min + " to " + max + ")");
          return (int) min;
        }
        return (int) n;
      } catch (NumberFormatException e) {
        problems.add(s.env() + "=" + shown(s, v) + " is not a whole number");
        return (int) min;
      }
    }

    double decimal(Setting s, double min, double max) {
      String v = values.get(s);
      try {
        double d = Double.parseDouble(v);
        if (!(d >= min && d <= max)) {
          problems.add(
              s.env() + "=" + shown(s, v) + " is out of range (" + min + " to " + max + ")");
          return min;
        }
        return d;
      } catch (NumberFormatException e) {
        problems.add(s.env() + "=" + shown(s, v) + " is not a number");
        return min;
      }
    }

    boolean bool(Setting s) {
      String v = values.get(s).toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return v.equals("true");
      }
      problems.add(s.env() + "=" + shown(s, values.get(s)) + " must be true or false");
      return false;
    }

    String oneOf(Setting s, String... allowed) {
      String v = values.get(s).toLowerCase(Locale.ROOT);
      for (String a : allowed) {
        if (a.equals(v)) {
          return a;
        }
      }
      problems.add(
          s.env()
              + "="
              + shown(s, values.get(s))
              + " must be one of "
              + String.join(", ", allowed));
      return allowed[0];
    }

    URI url(Setting s) {
      String v = values.get(s);
      try {
        URI uri = new URI(v);
        if (uri.getScheme() == null
            || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
            || uri.getHost() == null) {
          problems.add(s.env() + "=" + shown(s, v) + " is not an http(s) URL");
        }
        return uri;
      } catch (URISyntaxException e) {
        problems.add(s.env() + "=" + shown(s, v) + " is not a URL");
        return URI.create("http://invalid/");
      }
    }

    /** A duration like 500ms, 30s, 2m or 1h (a bare number is seconds), at most one day. */
    Duration duration(Setting s, boolean positive) {
      String v = values.get(s).toLowerCase(Locale.ROOT);
      Matcher m = DURATION.matcher(v);
      if (!m.matches()) {
        problems.add(
            s.env() + "=" + shown(s, values.get(s)) + " is not a duration (like 500ms, 30s, 2m)");
        return Duration.ofSeconds(1);
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration d =
          switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
          };
      if (d.compareTo(MAX_DURATION) > 0) {
        problems.add(s.env() + "=" + shown(s, values.get(s)) + " is longer than a day");
        return Duration.ofSeconds(1);
      }
      if (positive && d.isZero()) {
        problems.add(s.env() + "=" + shown(s, values.get(s)) + " must be longer than zero");
        return Duration.ofSeconds(1);
      }
      return d;
    }

    private static String shown(Setting s, String v) {
      return s.secret() ? mask(v) : "'" + v + "'";
    }
  }
}
