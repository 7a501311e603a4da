package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The few Slack calls the bot makes, each reduced to an {@link Outcome} that says whether to retry.
 * Never throws and never puts the token or a response URL in an outcome.
 */
final class SlackWebApi {

  /** What one attempt came to. */
  sealed interface Outcome permits Delivered, RateLimited, Retryable, Failed {}

  /**
   * Slack took it.
   *
   * @param ts the posted message's timestamp (its id in the channel), or null for other calls
   */
  record Delivered(String ts) implements Outcome {}

  /** HTTP 429: Slack says how long to wait. */
  record RateLimited(Duration retryAfter) implements Outcome {}

  /** A 5xx or a network error: worth trying again after a while. */
  record Retryable(String reason) implements Outcome {}

  /** Slack refused (for example {@code channel_not_found}); trying again will not help. */
  record Failed(String reason) implements Outcome {}

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final MethodsClient methods;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param timeout how long a post to a response_url may take to connect, and then to be answered
   *     (Web API calls get theirs from the {@link Slack} instance's configuration)
   */
  SlackWebApi(Slack slack, String botToken, Duration timeout) {
    this.methods = slack.methods(botToken);
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Outcome postMessage(String channel, String threadTs, BlockKit.Message message) {
    return call(
        () ->
            methods.chatPostMessage(
                r ->
                    r.channel(channel)
                        .threadTs(threadTs)
                        .text(message.text())
                        .blocksAsString(message.blocks().toString())
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
  }

  Outcome publishHome(String userId, ObjectNode view) {
    return call(() -> methods.viewsPublish(r -> r.userId(userId).viewAsString(view.toString())));
  }

  /** Posts to an interaction's {@code response_url}. */
  Outcome respond(String responseUrl, ObjectNode body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(responseUrl))
              .timeout(timeout)
              .header("Content-Type", "application/json; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return new Delivered(null);
      }
      return byStatus(response.statusCode(), response.headers().firstValue("Retry-After"));
    } catch (IOException e) {
      return new Retryable(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed("interrupted");
    } catch (RuntimeException e) {
      return new Failed("bad response_url (" + e.getClass().getSimpleName() + ")");
    }
  }

  @FunctionalInterface
  private interface ApiCall {
    SlackApiTextResponse call() throws IOException, SlackApiException;
  }

  private static Outcome call(ApiCall call) {
    try {
      SlackApiTextResponse response = call.call();
      if (response.isOk()) {
        return new Delivered(
            response instanceof ChatPostMessageResponse posted ? posted.getTs() : null);
      }
      if ("ratelimited".equals(response.getError())) {
        return new RateLimited(DEFAULT_RETRY_AFTER);
      }
      return new Failed(response.getError() == null ? "ok=false" : response.getError());
    } catch (SlackApiException e) {
      return byStatus(
          e.getResponse().code(), Optional.ofNullable(e.getResponse().header("Retry-After")));
    } catch (IOException e) {
      return new Retryable(e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      return new Failed(e.getClass().getSimpleName());
    }
  }

  private static Outcome byStatus(int status, Optional<String> retryAfter) {
    if (status == 429) {
      return new RateLimited(retryAfter.flatMap(SlackWebApi::seconds).orElse(DEFAULT_RETRY_AFTER));
    }
    if (status >= 500) {
      return new Retryable("HTTP " + status);
    }
    return new Failed("HTTP " + status);
  }

  private static Optional<Duration> seconds(String value) {
    try {
      long s = Long.parseLong(value.strip());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
