package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.Blocks;
import dev.genaipitch.testing.FakeSlack;
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
import java.util.stream.Collectors;

/**
 * Slack's side of the conversation: people typing commands, clicking buttons, mentioning the bot,
 * each turned into the signed HTTP request Slack would send to the bot's Request URL.
 */
final class Workspace {

  static final String ASKER = "U0ASKER";
  static final String CHANNEL = "C0GENERAL";
  static final String DM_CHANNEL = "D0DIRECT";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bot's HTTP answer. */
  record Reply(int status, String body) {

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
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", "T1");
    form.put("team_domain", "acme");
    form.put("channel_id", CHANNEL);
    form.put("channel_name", "general");
    form.put("user_id", user);
    form.put("user_name", "ann");
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0APP");
    form.put("is_enterprise_install", "false");
    form.put("response_url", fakeSlack.newResponseUrl());
    form.put("trigger_id", "1.2.trigger");
    return post(formEncode(form), "application/x-www-form-urlencoded");
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
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_mention");
    event.put("user", ASKER);
    event.put("text", text);
    event.put("ts", ts);
    if (thread != null) {
      event.put("thread_ts", thread);
    }
    event.put("channel", CHANNEL);
    event.put("event_ts", ts);
    return event(newEventId(), event, null);
  }

  /** Clicks a button in the App Home tab: no response_url, a view container. */
  Reply clickHome(JsonNode view, String label, int n) {
    return click(view, label, n, ASKER, "home");
  }

  Reply click(JsonNode message, String label, int n, String user, String where) {
    Blocks.Button button = Blocks.button(message, label, n);
    ObjectNode action = JSON.createObjectNode();
    action.put("type", "button");
    action.put("action_id", button.actionId());
    action.put("block_id", button.blockId());
    action.put("value", button.value());
    action.putObject("text").put("type", "plain_text").put("text", button.label());
    action.put("action_ts", "1700000001.000100");
    ObjectNode payload = blockActions(user, where);
    payload.putArray("actions").add(action);
    return interaction(payload);
  }

  ObjectNode blockActions(String user, String where) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("user").put("id", user).put("username", "ann").put("team_id", "T1");
    payload.put("api_app_id", "A0APP");
    payload.put("token", "legacy-verification-token");
    payload.putObject("team").put("id", "T1").put("domain", "acme");
    payload.put("trigger_id", "1.2.trigger");
    switch (where) {
      case "home" -> {
        payload.putObject("container").put("type", "view").put("view_id", "V0HOME");
        payload.putObject("view").put("id", "V0HOME").put("type", "home").put("team_id", "T1");
      }
      default -> {
        boolean ephemeral = where.equals("ephemeral");
        String channel = where.equals("dm") ? DM_CHANNEL : CHANNEL;
        payload
            .putObject("container")
            .put("type", "message")
            .put("message_ts", "1700000000.000100")
            .put("channel_id", channel)
            .put("is_ephemeral", ephemeral);
        payload
            .putObject("channel")
            .put("id", channel)
            .put("name", where.equals("dm") ? "directmessage" : "general");
        payload.put("response_url", fakeSlack.newResponseUrl());
      }
    }
    return payload;
  }

  Reply interaction(ObjectNode payload) {
    return post(
        "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
  }

  // ---- events

  Reply mention(String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_mention");
    event.put("user", ASKER);
    event.put("text", text);
    event.put("ts", "1700000000.000300");
    event.put("channel", CHANNEL);
    event.put("event_ts", "1700000000.000300");
    return event(newEventId(), event, null);
  }

  Reply directMessage(String text) {
    return event(newEventId(), dm(text), null);
  }

  /** {@code user} replies, without mentioning the bot, in the thread under {@code threadTs}. */
  Reply threadReply(String user, String threadTs, String text) {
    ObjectNode event = JSON.createObjectNode();
    String ts = "1700000200." + String.format(java.util.Locale.ROOT, "%06d", ids.get() + 1);
    event.put("type", "message");
    event.put("user", user);
    event.put("text", text);
    event.put("ts", ts);
    event.put("thread_ts", threadTs);
    event.put("parent_user_id", FakeSlack.BOT_USER);
    event.put("channel", CHANNEL);
    event.put("channel_type", "channel");
    event.put("event_ts", ts);
    return event(newEventId(), event, null);
  }

  ObjectNode dm(String text) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "message");
    event.put("user", ASKER);
    event.put("text", text);
    event.put("ts", "1700000000.000400");
    event.put("channel", DM_CHANNEL);
    event.put("channel_type", "im");
    event.put("event_ts", "1700000000.000400");
    return event;
  }

  Reply homeOpened() {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "app_home_opened");
    event.put("user", ASKER);
    event.put("channel", DM_CHANNEL);
    event.put("tab", "home");
    event.put("event_ts", "1700000000.000500");
    return event(newEventId(), event, null);
  }

  String newEventId() {
    return "Ev0" + ids.incrementAndGet();
  }

  /**
   * Delivers {@code event} as Slack's Events API does; {@code retry} is X-Slack-Retry-Num or null.
   */
  Reply event(String eventId, ObjectNode event, Integer retry) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("token", "legacy-verification-token");
    envelope.put("team_id", "T1");
    envelope.put("api_app_id", "A0APP");
    envelope.set("event", event);
    envelope.put("type", "event_callback");
    envelope.put("event_id", eventId);
    envelope.put("event_time", clock.instant().getEpochSecond());
    envelope
        .putArray("authorizations")
        .addObject()
        .put("team_id", "T1")
        .put("user_id", FakeSlack.BOT_USER)
        .put("is_bot", true);
    Map<String, String> headers = new LinkedHashMap<>();
    if (retry != null) {
      headers.put("X-Slack-Retry-Num", retry.toString());
      headers.put("X-Slack-Retry-Reason", "http_timeout");
    }
    return send(
        envelope.toString(),
        "application/json",
        sign(clock.instant().getEpochSecond(), envelope.toString()),
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
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String formEncode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
