package dev.genaipitch.slack;

import com.google.gson.JsonParseException;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.genaipitch.core.SeenOnce;
import dev.genaipitch.http.HttpCall;
import dev.genaipitch.http.HttpEndpoint;
import dev.genaipitch.http.HttpReply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: one Request URL for slash commands, events and interactivity, behind
 * the server's HTTP edge (which has read the body, bounded to {@link #MAX_BODY_BYTES}). Checks
 * Slack's signature over the exact bytes, lets Bolt's parser turn the body into a Bolt request,
 * runs {@link App#run} and answers with Bolt's response. Anything the parser or Bolt cannot make
 * sense of is a 400 with a reason, never a 500.
 */
final class SlackEndpoint implements HttpEndpoint {

  /** Slack's payloads are a few kilobytes; anything this big is not from Slack. */
  static final int MAX_BODY_BYTES = 512 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SlackEndpoint.class);
  private static final Pattern LINE_BREAKS = Pattern.compile("\\n+");
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final App app;
  private final SlackRequestParser parser;
  private final RequestSignature signature;
  private final SignatureRecord signatures;
  private final Optional<SeenOnce> shared;
  private final AtomicBoolean full = new AtomicBoolean();

  /**
   * @param signatures the signatures acted on in this process, within their window
   * @param shared the record of signatures the replicas of a fleet share, asked after {@code
   *     signatures} finds a signature new
   */
  SlackEndpoint(
      App app, RequestSignature signature, SignatureRecord signatures, Optional<SeenOnce> shared) {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
    this.signature = signature;
    this.signatures = signatures;
    this.shared = shared;
  }

  @Override
  public HttpReply handle(HttpCall call) {
    RequestSignature.Verdict verdict =
        signature.check(
            call.header("x-slack-request-timestamp"),
            call.header("x-slack-signature"),
            call.body());
    if (verdict != RequestSignature.Verdict.VALID) {
      LOG.info("Rejected a Slack request from {}: {}", call.remoteAddress(), verdict.reason);
      return HttpReply.error(401, verdict.reason);
    }
    // A signature is unique to its timestamp and body: seen before, this is a replay (a captured
    // command or click sent again within the five minutes), acknowledged and not acted on again.
    String signed = call.header("x-slack-signature").strip();
    SignatureRecord.Offer offer =
        signatures.offer(
            Long.parseLong(call.header("x-slack-request-timestamp").strip()),
            HexFormat.fromHexDigitsToLong(signed, 3, 19));
    if (offer == SignatureRecord.Offer.FULL) {
      if (full.compareAndSet(false, true)) {
        LOG.warn(
            "Refusing new Slack requests: the record of signatures within Slack's five-minute"
                + " window is full (more signed requests than it holds); refused until older"
                + " signatures leave the window");
      }
      return HttpReply.error(
              503,
              "too many Slack requests in the last five minutes to guard against replays; try"
                  + " again shortly")
          .with("Retry-After", Long.toString(signatures.secondsUntilRoom()));
    }
    if (offer == SignatureRecord.Offer.FIRST && full.compareAndSet(true, false)) {
      LOG.info("Taking Slack requests again: the record of signatures has room");
    }
    if (offer == SignatureRecord.Offer.REPLAY
        || (shared.isPresent() && !shared.get().firstTime("slack-request:" + signed))) {
      LOG.info(
          "Ignored a replayed Slack request from {} (its signature was seen before)",
          call.remoteAddress());
      return HttpReply.empty(200);
    }

    com.slack.api.bolt.request.Request<?> slackRequest;
    try {
      String body = new String(call.body(), StandardCharsets.UTF_8);
      RequestHeaders headers = new RequestHeaders(new HashMap<>(call.headers()));
      Optional<SlashCommandPayload> command = slashCommand(body);
      slackRequest =
          command.isPresent()
              ? slashCommandRequest(body, command.get(), headers, call)
              : parser.parse(
                  SlackRequestParser.HttpRequest.builder()
                      .requestUri(call.path())
                      .queryString(call.queryParameters())
                      .headers(headers)
                      .requestBody(body)
                      .remoteAddress(call.remoteAddress())
                      .build());
    } catch (RuntimeException e) {
      LOG.info("Rejected a malformed Slack request: {}", e.getClass().getSimpleName());
      return HttpReply.error(400, "malformed Slack request: " + describe(e));
    }
    if (slackRequest == null) {
      return HttpReply.error(
          400,
          "not a Slack request this app handles (expected a slash command, an event or an"
              + " interaction)");
    }

    com.slack.api.bolt.response.Response result;
    try {
      result = app.run(slackRequest);
    } catch (BadSlackRequest e) {
      return HttpReply.error(400, e.getMessage());
    } catch (RuntimeException e) {
      // Bolt reads the payload lazily; a signed payload of the wrong shape fails here.
      LOG.warn("Could not handle a {} request: {}", slackRequest.getRequestType(), e.toString());
      return HttpReply.error(400, "malformed Slack request: " + describe(e));
    } catch (Exception e) {
      LOG.warn("Could not handle a {} request: {}", slackRequest.getRequestType(), e.toString());
      return HttpReply.error(400, "malformed Slack request: " + e.getClass().getSimpleName());
    }
    return reply(result);
  }

  /**
   * A slash command's form body read as Bolt's parser reads it (pairs split on {@code &}, a pair
   * with exactly one {@code =} taken, its name trimmed and cleared of line breaks, both sides
   * URL-decoded, the last of a name winning), in one pass: Bolt's parser reads the body three times
   * (looking for a {@code payload}, then a {@code command}, then the fields) and compiles a regular
   * expression for every pair each time, which showed in the profile of a slash command. Empty for
   * anything else, which Bolt's parser then reads as before: a JSON body, a form with a {@code
   * payload} (interactivity), a form without a {@code command}, or a pair that does not decode
   * (Bolt then fails on it just as it did).
   */
  static Optional<SlashCommandPayload> slashCommand(String body) {
    String trimmed = body.trim();
    if (trimmed.isEmpty() || trimmed.charAt(0) == '{' || trimmed.charAt(0) == '[') {
      return Optional.empty();
    }
    SlashCommandPayload payload = new SlashCommandPayload();
    boolean command = false;
    for (String pair : body.split("&")) {
      String[] fields = pair.split("=");
      if (fields.length != 2) {
        continue;
      }
      String name;
      String value;
      try {
        String rawName = fields[0].trim();
        if (rawName.indexOf('\n') >= 0) {
          rawName = LINE_BREAKS.matcher(rawName).replaceAll("");
        }
        name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
        value = URLDecoder.decode(fields[1], StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      switch (name) {
        case "payload" -> {
          return Optional.empty();
        }
        case "command" -> {
          command = true;
          payload.setCommand(value);
        }
        case "token" -> payload.setToken(value);
        case "team_id" -> payload.setTeamId(value);
        case "team_domain" -> payload.setTeamDomain(value);
        case "enterprise_id" -> payload.setEnterpriseId(value);
        case "enterprise_name" -> payload.setEnterpriseName(value);
        case "api_app_id" -> payload.setApiAppId(value);
        case "channel_id" -> payload.setChannelId(value);
        case "channel_name" -> payload.setChannelName(value);
        case "user_id" -> payload.setUserId(value);
        case "user_name" -> payload.setUserName(value);
        case "text" -> payload.setText(value);
        case "response_url" -> payload.setResponseUrl(value);
        case "trigger_id" -> payload.setTriggerId(value);
        case "is_enterprise_install" ->
            payload.setEnterpriseInstall(value.trim().toLowerCase(Locale.ENGLISH).equals("true"));
        default -> {
          // a field this app does not read
        }
      }
    }
    return command ? Optional.of(payload) : Optional.empty();
  }

  /** The request Bolt's parser builds for a slash command, with what it adds around it. */
  private com.slack.api.bolt.request.Request<?> slashCommandRequest(
      String body, SlashCommandPayload payload, RequestHeaders headers, HttpCall call) {
    SlashCommandRequest request = new SlashCommandRequest(body, payload, headers);
    request.updateContext(app.config());
    call.queryParameters()
        .forEach(
            (name, values) ->
                request
                    .getQueryString()
                    .computeIfAbsent(name, k -> new ArrayList<>())
                    .addAll(values));
    String forwardedFor = headers.getFirstValue("X-FORWARDED-FOR");
    request.setClientIpAddress(forwardedFor != null ? forwardedFor : call.remoteAddress());
    return request;
  }

  private static HttpReply reply(com.slack.api.bolt.response.Response result) {
    int status = result.getStatusCode() == null ? 200 : result.getStatusCode();
    String type = result.getContentType();
    HttpReply reply;
    if (status < 400 && type != null && result instanceof JsonReply json && json.bytes() != null) {
      reply = new HttpReply(status, Map.of(), type, json.bytes());
    } else {
      String body = result.getBody() == null ? "" : result.getBody();
      if (status >= 400) {
        // Bolt's own refusals ({"error": "..."} or text) in the server's one error shape.
        return HttpReply.error(status, boltReason(body));
      }
      if (type == null) {
        type = body.startsWith("{") ? HttpReply.JSON : "text/plain; charset=utf-8";
      }
      reply = HttpReply.of(status, type, body);
    }
    if (result.getHeaders() != null) {
      for (Map.Entry<String, List<String>> header : result.getHeaders().entrySet()) {
        List<String> values = header.getValue();
        String name = header.getKey();
        if (values != null
            && !values.isEmpty()
            && !name.equalsIgnoreCase("content-length")
            && !name.equalsIgnoreCase("content-type")) {
          reply = reply.with(name, String.join(", ", values));
        }
      }
    }
    return reply;
  }

  private static String boltReason(String body) {
    if (body.startsWith("{")) {
      try {
        com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(body);
        if (json.path("error").isTextual()) {
          return json.get("error").asText();
        }
      } catch (java.io.IOException e) {
        // not JSON after all: the text itself
      }
    }
    return body;
  }

  private static String describe(RuntimeException e) {
    if (e instanceof JsonParseException) {
      return "payload is not valid JSON";
    }
    if (e instanceof IllegalStateException
        || e instanceof ClassCastException
        || e instanceof UnsupportedOperationException) {
      return "payload does not have the shape Slack sends";
    }
    if (e instanceof NullPointerException) {
      return "a required field is missing";
    }
    if (e instanceof IllegalArgumentException) {
      return "body is not valid form encoding";
    }
    return e.getClass().getSimpleName();
  }
}
