package dev.genaipitch.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: one Request URL for slash commands, events and interactivity. Reads
 * the body (bounded), checks Slack's signature over the exact bytes, lets Bolt's parser turn it
 * into a Bolt request, runs {@link App#run} and writes Bolt's response back. Anything the parser or
 * Bolt cannot make sense of is a 400 with a reason, never a dropped connection or a 500.
 */
final class SlackEndpoint extends Handler.Abstract {

  /** Slack's payloads are a few kilobytes; anything this big is not from Slack. */
  static final int MAX_BODY_BYTES = 512 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SlackEndpoint.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  private final App app;
  private final SlackRequestParser parser;
  private final RequestSignature signature;

  SlackEndpoint(App app, RequestSignature signature) {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
    this.signature = signature;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      serve(request, response, callback);
    } catch (Exception e) {
      LOG.error("Slack request failed unexpectedly: {}", e.toString(), e);
      if (!response.isCommitted()) {
        error(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error");
      } else {
        callback.failed(e);
      }
    }
    return true;
  }

  private void serve(Request request, Response response, Callback callback) throws Exception {
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      error(
          response,
          callback,
          HttpStatus.METHOD_NOT_ALLOWED_405,
          "Slack posts to this URL; use POST");
      return;
    }
    if (request.getLength() > MAX_BODY_BYTES) {
      error(
          response,
          callback,
          HttpStatus.PAYLOAD_TOO_LARGE_413,
          "body larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      error(
          response,
          callback,
          HttpStatus.PAYLOAD_TOO_LARGE_413,
          "body larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }

    Map<String, List<String>> headers = headers(request);
    RequestSignature.Verdict verdict =
        signature.check(
            first(headers, "x-slack-request-timestamp"), first(headers, "x-slack-signature"), body);
    if (verdict != RequestSignature.Verdict.VALID) {
      LOG.info(
          "Rejected a Slack request from {}: {}", Request.getRemoteAddr(request), verdict.reason);
      error(response, callback, HttpStatus.UNAUTHORIZED_401, verdict.reason);
      return;
    }

    com.slack.api.bolt.request.Request<?> slackRequest;
    try {
      slackRequest =
          parser.parse(
              SlackRequestParser.HttpRequest.builder()
                  .requestUri(request.getHttpURI().getPath())
                  .queryString(query(request))
                  .headers(new RequestHeaders(headers))
                  .requestBody(new String(body, StandardCharsets.UTF_8))
                  .remoteAddress(Request.getRemoteAddr(request))
                  .build());
    } catch (RuntimeException e) {
      LOG.info("Rejected a malformed Slack request: {}", e.getClass().getSimpleName());
      error(
          response,
          callback,
          HttpStatus.BAD_REQUEST_400,
          "malformed Slack request: " + describe(e));
      return;
    }
    if (slackRequest == null) {
      error(
          response,
          callback,
          HttpStatus.BAD_REQUEST_400,
          "not a Slack request this app handles (expected a slash command, an event or an"
              + " interaction)");
      return;
    }

    com.slack.api.bolt.response.Response result;
    try {
      result = app.run(slackRequest);
    } catch (BadSlackRequest e) {
      error(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
      return;
    } catch (RuntimeException e) {
      // Bolt reads the payload lazily; a signed payload of the wrong shape fails here.
      LOG.warn("Could not handle a {} request: {}", slackRequest.getRequestType(), e.toString());
      error(
          response,
          callback,
          HttpStatus.BAD_REQUEST_400,
          "malformed Slack request: " + describe(e));
      return;
    }
    write(response, callback, result);
  }

  private static void write(
      Response response, Callback callback, com.slack.api.bolt.response.Response result) {
    int status = result.getStatusCode() == null ? 200 : result.getStatusCode();
    response.setStatus(status);
    if (result.getHeaders() != null) {
      result
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (values != null && !name.equalsIgnoreCase("content-length")) {
                  values.forEach(v -> response.getHeaders().add(name, v));
                }
              });
    }
    String body = result.getBody() == null ? "" : result.getBody();
    String type = result.getContentType();
    if (type == null) {
      type = body.startsWith("{") ? JSON_TYPE : "text/plain; charset=utf-8";
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    Content.Sink.write(response, true, body, callback);
  }

  private static void error(Response response, Callback callback, int status, String reason) {
    ObjectNode body = JSON.objectNode();
    body.put("error", reason);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
    Content.Sink.write(response, true, body.toString(), callback);
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

  private static Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> map = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      map.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
    }
    return map;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Map<String, List<String>> query(Request request) {
    Map<String, List<String>> map = new HashMap<>();
    Fields fields = Request.extractQueryParameters(request);
    for (Fields.Field field : fields) {
      map.put(field.getName(), new ArrayList<>(field.getValues()));
    }
    return map;
  }
}
