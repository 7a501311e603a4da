package dev.genaipitch.teams;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.SeenOnce;
import dev.genaipitch.core.practice.Rehearsal;
import dev.genaipitch.http.HttpEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Microsoft Teams adapter: a Jetty handler for the Bot Framework's {@code POST /api/messages}
 * that answers @mentions in channels and group chats, every message in a 1:1 chat, card button
 * clicks and the search messaging extension, all from {@link PitchBot}.
 *
 * <p>With an app id, every request's token is validated and a failure is answered 401 with nothing
 * sent; replies carry the bot's own Azure AD token from MICROSOFT_TOKEN_URL. With TEAMS_EMULATOR
 * instead, tokens are not checked (the Bot Framework Emulator's mode, logged loudly), and only
 * loopback clients replying to a loopback serviceUrl are answered. Without either, Teams is off and
 * there is no adapter to build. The Bot Framework SDK stays inside this module.
 */
public final class TeamsAdapter implements AutoCloseable {

  /** Where the Bot Framework posts activities. */
  public static final String PATH = "/api/messages";

  /**
   * A conversation the bot is added to is welcomed once within this time: Teams may tell of one
   * addition more than once (a retried delivery, a reinstall), and each would send the menu again.
   */
  public static final Duration WELCOME_FOR = Duration.ofDays(30);

  /** The most conversations whose welcome is remembered in this process (the oldest go first). */
  public static final long WELCOME_MAX = 10_000;

  /** Replies that were not sent, tagged {@code platform=teams} and {@code operation=reply}. */
  public static final String DELIVERY_FAILURES = "genai.pitch.delivery.failures";

  private static final Logger LOG = LoggerFactory.getLogger(TeamsAdapter.class);
  private static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(5);

  private final ActivityEndpoint endpoint;
  private final Replies replies;
  private final long maxBodyBytes;
  private final boolean authenticated;

  private TeamsAdapter(
      ActivityEndpoint endpoint, Replies replies, long maxBodyBytes, boolean authenticated) {
    this.endpoint = endpoint;
    this.replies = replies;
    this.maxBodyBytes = maxBodyBytes;
    this.authenticated = authenticated;
  }

  /**
   * An adapter answering from {@code bot} with the Teams settings in {@code config} (and the
   * builder's defaults for the rest).
   *
   * <p>Note: the OpenID metadata URL ({@code BOT_OPENID_METADATA}) is global to the JVM in the Bot
   * Framework SDK, so one process serves one Teams bot.
   *
   * @throws IllegalStateException when Teams is off ({@link BotConfig.Teams#enabled()})
   */
  public static TeamsAdapter create(BotConfig.Teams config, PitchBot bot) {
    return builder(config, bot).build();
  }

  /**
   * A builder, for what the Teams settings do not hold: the server's limits, the registry, shared
   * state, practice rounds.
   */
  public static Builder builder(BotConfig.Teams config, PitchBot bot) {
    return new Builder(config, bot);
  }

  /**
   * The endpoint to serve at {@link #PATH}, behind the HTTP edge (at most {@link #maxBodyBytes}).
   */
  public HttpEndpoint endpoint() {
    return endpoint;
  }

  /** The largest activity accepted (MAX_BODY_BYTES). */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** True until {@link #close()}, as {@code SlackAdapter#ready()}. */
  public boolean ready() {
    return !endpoint.closed();
  }

  /**
   * Stops answering, as {@code SlackAdapter#close()}: activities that still arrive are refused with
   * 503 (the Bot Framework delivers them again, to a replica that is up), and the clients that send
   * replies and fetch the bot's token are closed where the JDK can (21 and later). The server stops
   * first, so replies under way have been sent.
   */
  @Override
  public void close() {
    endpoint.close();
    replies.close();
  }

  /** Whether requests must carry a valid Bot Framework token (an app id is configured). */
  public boolean authenticated() {
    return authenticated;
  }

  /**
   * Construction with what the configuration does not set: the registry to count in, and the seams
   * tests need (the reply timeout, the outgoing credentials).
   */
  public static final class Builder {
    private final PitchBot bot;
    private final BotConfig.Teams teams;
    private Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;
    private BotTokens outgoingCredentials;
    private long maxBodyBytes = 1 << 20;
    private int maxWaitingReplies = 16;
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private Duration slotWait = WaitingLimit.SLOT_WAIT;
    private SeenOnce welcomed;
    private Rehearsal rehearsal;
    private MeterRegistry registry = new CompositeMeterRegistry();

    private Builder(BotConfig.Teams teams, PitchBot bot) {
      this.teams = Objects.requireNonNull(teams, "teams");
      this.bot = Objects.requireNonNull(bot, "bot");
    }

    /**
     * Where the adapter counts what only it sees: {@value #DELIVERY_FAILURES}. Default: counted
     * nowhere.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** How long a reply may take to connect, and then to be answered (default 5 s). */
    public Builder replyTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("replyTimeout must be positive");
      }
      this.replyTimeout = timeout;
      return this;
    }

    /**
     * Practice rounds ("practice" in a 1:1 chat). Default: none, and the bot says practice is not
     * available here.
     */
    public Builder rehearsal(Rehearsal rehearsal) {
      this.rehearsal = Objects.requireNonNull(rehearsal, "rehearsal");
      return this;
    }

    /** Credentials for replies instead of the app's Azure AD credentials (tests fake the token). */
    Builder outgoingCredentials(BotTokens credentials) {
      this.outgoingCredentials = credentials;
      return this;
    }

    /**
     * The record of conversations already welcomed ({@code "teams-welcome:"} and the conversation
     * id). Default: in this process, {@link #WELCOME_FOR}, at most {@link #WELCOME_MAX}; a fleet
     * passes one its replicas share.
     */
    public Builder welcomeOnce(SeenOnce welcomed) {
      this.welcomed = Objects.requireNonNull(welcomed, "welcomed");
      return this;
    }

    /** The clock tokens are checked against (default: system UTC). */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Nanoseconds from an arbitrary origin, by which a connector that finishes nothing is taken as
     * hanging (default: {@code System::nanoTime}).
     */
    Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * How long a reply beyond {@link #maxWaitingReplies} may wait for a slot while the connector is
     * answering (default 500 ms). Tests set a long one so that their verdict does not depend on how
     * fast a loaded machine runs.
     */
    Builder slotWait(Duration wait) {
      if (wait.isNegative() || wait.isZero()) {
        throw new IllegalArgumentException("slotWait must be positive");
      }
      this.slotWait = wait;
      return this;
    }

    /** The largest activity accepted (the server's MAX_BODY_BYTES; default 1 MiB). */
    public Builder maxBodyBytes(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = max;
      return this;
    }

    /**
     * How many requests may wait on the connector for their reply at once (default 16; the app
     * gives a quarter of MAX_THREADS). Beyond it a reply waits briefly for a slot while the
     * connector answers, and is not sent (logged) when the connector hangs, so that a hanging
     * connector cannot take every request thread.
     */
    public Builder maxWaitingReplies(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxWaitingReplies must be at least 1");
      }
      this.maxWaitingReplies = max;
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @throws IllegalStateException when Teams is off ({@link BotConfig.Teams#enabled()})
     */
    public TeamsAdapter build() {
      if (!teams.enabled()) {
        throw new IllegalStateException(
            "Teams is off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or TEAMS_EMULATOR=true"
                + " for the Bot Framework Emulator on this machine)");
      }
      OkHttpClient http = ConnectorReplies.client(maxWaitingReplies);
      Authenticator authenticator;
      if (teams.authenticated()) {
        String appId = teams.appId().orElseThrow();
        authenticator = new BotFrameworkAuthenticator(appId, teams.openIdMetadata(), clock, http);
        LOG.info("Teams: {} validates Bot Framework tokens for app id {}", PATH, appId);
      } else {
        authenticator = new EmulatorAuthenticator();
        LOG.warn(
            "Teams: TEAMS_EMULATOR=true: {} runs WITHOUT AUTHENTICATION, for the Bot Framework"
                + " Emulator. It answers only clients on this machine (loopback, no forwarding"
                + " headers) and replies only to a serviceUrl on this machine. Never set"
                + " TEAMS_EMULATOR on a server others can reach.",
            PATH);
      }
      Replies replies =
          new WaitingLimit(
              new ConnectorReplies(credentials(http), replyTimeout, maxWaitingReplies, http),
              maxWaitingReplies,
              ticker,
              slotWait);
      Counter replyFailures =
          Counter.builder(DELIVERY_FAILURES)
              .description("Slack and Teams API calls that failed after any retries")
              .tag("platform", TeamsBot.PLATFORM)
              .tag("operation", "reply")
              .register(registry);
      SeenOnce welcomes =
          welcomed != null ? welcomed : SeenOnce.inProcess(WELCOME_FOR, WELCOME_MAX, clock);
      TeamsBot teamsBot = new TeamsBot(bot, replies, replyFailures, welcomes, rehearsal);
      return new TeamsAdapter(
          new ActivityEndpoint(authenticator, teamsBot),
          replies,
          maxBodyBytes,
          teams.authenticated());
    }

    private BotTokens credentials(OkHttpClient http) {
      if (outgoingCredentials != null) {
        return outgoingCredentials;
      }
      if (!teams.authenticated()) {
        return BotTokens.NONE;
      }
      // A single-tenant bot gets its token from its own tenant; a multi-tenant one from
      // botframework.com (BotConfig.Teams#effectiveTokenUrl).
      return new AzureAdCredentials(
          teams.appId().orElseThrow(),
          teams.appPassword().orElse(""),
          teams.effectiveTokenUrl(),
          replyTimeout,
          clock,
          http);
    }
  }
}
