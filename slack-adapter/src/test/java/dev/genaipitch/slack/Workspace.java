package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
import dev.genaipitch.testing.SlackPayloads;
import dev.genaipitch.testing.SlackSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's side of the conversation: people typing commands, clicking buttons, mentioning the bot,
 * each turned into the signed HTTP request Slack would send to the bot's Request URL.
 */
final class Workspace {

  static final String ASKER = SlackPayloads.ASKER;
  static final String CHANNEL = SlackPayloads.CHANNEL;
  static final String DM_CHANNEL = SlackPayloads.DM_CHANNEL;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bot's HTTP answer. */
  record Reply(int status, String body, java.net.http.HttpHeaders headers) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String text() {
      return Blocks.text(json());
    }
  }

  private final URI endpoint;
  private final SlackSigner signer;
  private final Clock clock;
  private final FakeSlack fakeSlack;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger ids = new AtomicInteger();

  Workspace(URI endpoint, String secret, Clock clock, FakeSlack fakeSlack) {
    this.endpoint = endpoint;
    this.signer = new SlackSigner(secret);
    this.clock = clock;
    this.fakeSlack = fakeSlack;
  }

  // ---- slash commands

  Reply command(String command, String text) {
    return command(command, text, ASKER);
  }

  Reply command(String command, String text, String user) {
    return post(
        SlackPayloads.command(command, text, user, fakeSlack.newResponseUrl()), SlackPayloads.FORM);
  }

  // ---- buttons

  /**
   * {@code user} clicks the button labelled {@code label} on an ephemeral message shown in the
   * channel.
   */
  Reply click(JsonNode message, String label) {
    return click(message, label, 0, ASKER, "ephemeral");
  }

  /** Clicks on a message everyone sees (a share, a thread reply or a DM). */
  Reply clickVisible(JsonNode message, String label, String user) {
    return click(message, label, 0, user, "visible");
  }

  /** Clicks on a message in the bot's DM with {@link #ASKER}. */
  Reply clickInDm(JsonNode message, String label) {
    return click(message, label, 0, ASKER, "dm");
  }

  /** {@link #ASKER} mentions the bot: a new thread when {@code thread} is null, else in it. */
  Reply mention(String text, String ts, String thread) {
    return event(newEventId(), SlackPayloads.mention(text, ts, thread), null);
  }

  /** Clicks a button in the App Home tab: no response_url, a view container. */
  Reply clickHome(JsonNode view, String label, int n) {
    return click(view, label, n, ASKER, "home");
  }

  Reply click(JsonNode message, String label, int n, String user, String where) {
    Blocks.Button button = Blocks.button(message, label, n);
    ObjectNode payload = blockActions(user, where);
    payload
        .putArray("actions")
        .add(
            SlackPayloads.button(
                button.actionId(), button.blockId(), button.value(), button.label()));
    return interaction(payload);
  }

  ObjectNode blockActions(String user, String where) {
    return SlackPayloads.blockActions(
        user, where, where.equals("home") ? null : fakeSlack.newResponseUrl());
  }

  Reply interaction(ObjectNode payload) {
    return post(SlackPayloads.interaction(payload), SlackPayloads.FORM);
  }

  // ---- events

  Reply mention(String text) {
    return mention(text, "1700000000.000300", null);
  }

  Reply directMessage(String text) {
    return event(newEventId(), dm(text), null);
  }

  /** {@code user} replies, without mentioning the bot, in the thread under {@code threadTs}. */
  Reply threadReply(String user, String threadTs, String text) {
    String ts = "1700000200." + String.format(java.util.Locale.ROOT, "%06d", ids.get() + 1);
    return event(newEventId(), SlackPayloads.threadReply(user, threadTs, text, ts), null);
  }

  ObjectNode dm(String text) {
    return SlackPayloads.directMessage(text);
  }

  Reply homeOpened() {
    return event(newEventId(), SlackPayloads.homeOpened(), null);
  }

  String newEventId() {
    return "Ev0" + ids.incrementAndGet();
  }

  /**
   * Delivers {@code event} as Slack's Events API does; {@code retry} is X-Slack-Retry-Num or null.
   */
  Reply event(String eventId, ObjectNode event, Integer retry) {
    String envelope = SlackPayloads.eventEnvelope(eventId, event, clock.instant().getEpochSecond());
    Map<String, String> headers = new LinkedHashMap<>();
    if (retry != null) {
      headers.put("X-Slack-Retry-Num", retry.toString());
      headers.put("X-Slack-Retry-Reason", "http_timeout");
    }
    return send(
        envelope,
        SlackPayloads.JSON_TYPE,
        sign(clock.instant().getEpochSecond(), envelope),
        headers);
  }

  // ---- raw requests

  /** Posts {@code body} signed as Slack signs it, now. */
  Reply post(String body, String contentType) {
    return send(body, contentType, sign(clock.instant().getEpochSecond(), body), Map.of());
  }

  /** Posts {@code body} with exactly these Slack headers (null leaves one out). */
  Reply postWith(String body, String contentType, String timestamp, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (timestamp != null) {
      headers.put("X-Slack-Request-Timestamp", timestamp);
    }
    if (signature != null) {
      headers.put("X-Slack-Signature", signature);
    }
    return raw("POST", body, contentType, headers);
  }

  /** Slack's signature over {@code body} at {@code epochSeconds}, with the test secret. */
  String signature(long epochSeconds, String body) {
    return signer.signature(epochSeconds, body);
  }

  String slashCommandBody(String text) {
    return "command=%2Fgenai-pitch&text="
        + URLEncoder.encode(text, StandardCharsets.UTF_8)
        + "&user_id="
        + ASKER
        + "&channel_id="
        + CHANNEL
        + "&team_id=T1&response_url="
        + URLEncoder.encode(fakeSlack.newResponseUrl(), StandardCharsets.UTF_8);
  }

  private Map<String, String> sign(long epochSeconds, String body) {
    return signer.headers(epochSeconds, body);
  }

  private Reply send(
      String body, String contentType, Map<String, String> signed, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>(signed);
    headers.putAll(extra);
    return raw("POST", body, contentType, headers);
  }

  Reply raw(String method, String body, String contentType, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
