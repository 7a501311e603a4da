package dev.genaipitch.teams;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.BotListener;
import dev.genaipitch.core.ConversationStore;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.match.Shown;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/** The bot with its Teams adapter behind a real Jetty server on a random loopback port. */
final class RunningBot implements AutoCloseable {

  /**
   * Building the matcher is the slow part of a start, so every test shares one bot and its
   * listener.
   */
  private static PitchBot sharedBot;

  private static final Heard HEARD = new Heard();

  /** Conversations, forgotten between tests: each running bot points this at a new store. */
  private static final ForwardingStore CONVERSATIONS = new ForwardingStore();

  private static final class ForwardingStore implements ConversationStore {
    volatile ConversationStore target = ConversationStore.NONE;

    @Override
    public List<Shown> recent(String conversation) {
      return target.recent(conversation);
    }

    @Override
    public void shown(String conversation, Shown shown) {
      target.shown(conversation, shown);
    }
  }

  /**
   * What the core was told (questions asked, feedback), and the replies the adapter counted as not
   * sent in {@link #registry}.
   */
  static final class Heard implements BotListener {
    final List<String> questions = new CopyOnWriteArrayList<>();
    final List<String> feedback = new CopyOnWriteArrayList<>();
    final List<String> deliveryFailures = new CopyOnWriteArrayList<>();

    void clear() {
      questions.clear();
      feedback.clear();
      deliveryFailures.clear();
    }

    @Override
    public void answered(Asked asked) {
      questions.add(asked.question());
    }

    @Override
    public void feedback(String platform, String intent, boolean helpful) {
      feedback.add(platform + " " + intent + " " + (helpful ? "helpful" : "not helpful"));
    }

    /** The registry to give the adapter: each delivery failure it counts is recorded as it is. */
    final MeterRegistry registry =
        new SimpleMeterRegistry() {
          @Override
          protected Counter newCounter(Meter.Id id) {
            Counter counted = super.newCounter(id);
            if (!id.getName().equals(TeamsAdapter.DELIVERY_FAILURES)) {
              return counted;
            }
            String failure = id.getTag("platform") + " " + id.getTag("operation");
            return new Counter() {
              @Override
              public void increment(double amount) {
                counted.increment(amount);
                deliveryFailures.add(failure);
              }

              @Override
              public double count() {
                return counted.count();
              }

              @Override
              public Meter.Id getId() {
                return id;
              }
            };
          }
        };
  }

  final Heard heard = HEARD;
  final PitchBot bot;
  final TeamsAdapter adapter;
  private final Server server;
  private final ServerConnector connector;

  private RunningBot(BotConfig.Teams teams, UnaryOperator<TeamsAdapter.Builder> options)
      throws Exception {
    bot = sharedBot();
    heard.clear();
    CONVERSATIONS.target =
        ConversationStore.inMemory(100, ConversationStore.IDLE, java.time.Clock.systemUTC());
    adapter =
        options
            .apply(
                TeamsAdapter.builder(teams, bot)
                    .meterRegistry(heard.registry)
                    .rehearsal(
                        dev.genaipitch.core.practice.Rehearsal.create(
                            bot.guide(),
                            dev.genaipitch.core.practice.PracticeStore.inMemory(100),
                            java.time.Clock.systemUTC(),
                            false)))
            .build();
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    PathMappingsHandler paths = new PathMappingsHandler();
    // Behind the HTTP edge, as serve mounts it.
    paths.addMapping(
        PathSpec.from(TeamsAdapter.PATH),
        new dev.genaipitch.http.HttpEdge(
            adapter.endpoint(),
            adapter.maxBodyBytes(),
            new dev.genaipitch.http.HttpEdge.Limits(
                1 << 20,
                java.time.Duration.ofSeconds(10),
                new dev.genaipitch.http.HttpEdge.BodyBudget(32 << 20))));
    server.setHandler(paths);
    server.start();
  }

  /** TEAMS_EMULATOR=true: authentication off, as for the Bot Framework Emulator on loopback. */
  static RunningBot withoutAuthentication() throws Exception {
    return new RunningBot(emulator(), b -> b);
  }

  /** The Teams settings of Emulator mode (TEAMS_EMULATOR=true, nothing else). */
  static BotConfig.Teams emulator() {
    try {
      return BotConfig.load(java.util.Map.of("TEAMS_EMULATOR", "true")).teams();
    } catch (dev.genaipitch.config.ConfigException e) {
      throw new AssertionError(e);
    }
  }

  static RunningBot start(BotConfig.Teams teams, UnaryOperator<TeamsAdapter.Builder> options)
      throws Exception {
    return new RunningBot(teams, options);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + TeamsAdapter.PATH);
  }

  /** The bot the running servers share, for tests that build an adapter themselves. */
  static PitchBot sharedBotForTests() throws ContentException {
    return sharedBot();
  }

  private static synchronized PitchBot sharedBot() throws ContentException {
    if (sharedBot == null) {
      sharedBot = PitchBot.create(GuideLoader.builtIn(), HEARD, CONVERSATIONS);
    }
    return sharedBot;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the server", e);
    }
  }
}
