package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

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
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final MethodsClient methods;
  private final OkHttpClient http;

  /**
   * @param timeout how long a post to a response_url may take to connect, and then to be answered
   *     (Web API calls get theirs from the {@link Slack} instance's configuration)
   */
  SlackWebApi(Slack slack, String botToken, Duration timeout) {
    this.methods = slack.methods(botToken);
    // The Web API's own OkHttp client, so its connections and threads serve these posts too (no
    // second HTTP client in the process), without its interceptors: a response_url is a
    // credential, and nothing on the way may log it.
    OkHttpClient.Builder builder = slack.getHttpClient().getOkHttpClient().newBuilder();
    builder.interceptors().clear();
    builder.networkInterceptors().clear();
    this.http =
        builder
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .callTimeout(timeout)
            .followRedirects(false)
            .followSslRedirects(false)
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
    Request request;
    try {
      request =
          new Request.Builder()
              .url(httpUrl(responseUrl))
              .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON))
              .build();
    } catch (RuntimeException e) {
      return new Failed("bad response_url (" + e.getClass().getSimpleName() + ")");
    }
    // Closing the response reads what is left of its body, so the connection can be used again.
    try (Response response = http.newCall(request).execute()) {
      if (response.code() / 100 == 2) {
        return new Delivered(null);
      }
      return byStatus(response.code(), Optional.ofNullable(response.header("Retry-After")));
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        return new Failed("interrupted");
      }
      return new Retryable(e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      return new Failed("bad response_url (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** An absolute http(s) URL with a host, or an IllegalArgumentException. */
  private static HttpUrl httpUrl(String url) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme();
    if (uri.getHost() == null
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    HttpUrl parsed = HttpUrl.get(uri);
    if (parsed == null) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    return parsed;
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
