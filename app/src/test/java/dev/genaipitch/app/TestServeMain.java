package dev.genaipitch.app;

import dev.genaipitch.app.cli.Main;
import dev.genaipitch.app.cli.ServeCommand;
import dev.genaipitch.app.server.Readiness;
import dev.genaipitch.app.server.WebServer;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.config.ConfigException;
import dev.genaipitch.core.PitchBot;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code serve} exactly as {@link Main} runs it (configuration from the environment, signal
 * handling, graceful stop, exit code), plus two test-only routes, for tests that run the server in
 * a child process:
 *
 * <ul>
 *   <li>{@code POST /test/hold} reads the body, prints {@code test-hold: started}, then holds the
 *       request, doing no I/O, until a line arrives on standard input: in flight the way a request
 *       waiting on the bot or a platform API is, for as long as the test wants;
 *   <li>{@code GET /test/ask?q=...} asks the bot, as an adapter would, and answers the intent.
 * </ul>
 */
public final class TestServeMain {

  static final String HOLD_STARTED = "test-hold: started";

  private TestServeMain() {}

  public static void main(String[] args) throws Exception {
    PrintWriter err = new PrintWriter(System.err, true);
    BotConfig config;
    try {
      config = BotConfig.fromEnvironment();
    } catch (ConfigException e) {
      err.println("genai-pitch: " + e.getMessage());
      System.exit(Main.BAD_CONFIG);
      return;
    }
    System.exit(ServeCommand.serve(config, TestServeMain::routes, err));
  }

  private static List<WebServer.Route> routes(
      BotConfig config,
      PitchBot bot,
      dev.genaipitch.core.practice.Rehearsal rehearsal,
      Readiness readiness,
      MeterRegistry registry,
      SharedState shared)
      throws Exception {
    List<WebServer.Route> routes =
        new ArrayList<>(ServeCommand.routes(config, bot, rehearsal, readiness, registry, shared));
    routes.add(WebServer.Route.post("/test/hold", hold(), 1 << 20));
    routes.add(new WebServer.Route("/test/ask", ask(bot)));
    return routes;
  }

  /** Behind the HTTP edge, as every POST endpoint: its body read before it runs. */
  private static dev.genaipitch.http.HttpEndpoint hold() {
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return call -> {
      System.out.println(HOLD_STARTED);
      System.out.flush();
      synchronized (stdin) {
        stdin.readLine();
      }
      return dev.genaipitch.http.HttpReply.text(200, "held " + call.body().length + " bytes");
    };
  }

  private static Handler ask(PitchBot bot) {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String question =
            Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue("q");
        Content.Sink.write(response, true, bot.ask(question, "test").intent(), callback);
        return true;
      }
    };
  }
}
