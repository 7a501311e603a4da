package dev.genaipitch.app.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.app.report.UnansweredReport;
import dev.genaipitch.app.server.WebServer;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.Part;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.Topic;
import dev.genaipitch.http.HttpCall;
import dev.genaipitch.http.HttpReply;
import dev.genaipitch.slack.SlackPreview;
import dev.genaipitch.teams.TeamsPreview;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The local playground: a web page at {@code /} where anyone can ask a question and see the answer
 * as Slack and Teams render it, and the small JSON API behind it under {@code /playground/}.
 * Questions go through {@link PitchBot#ask} as platform {@code web}, so they reach the metrics, the
 * log and the report like any other platform's. The page is static files from the class path and
 * plain JavaScript: nothing is fetched from anywhere else.
 *
 * <ul>
 *   <li>{@code POST /playground/ask} {@code {"question": "...", "conversation": "..."}}: the
 *       answer; with {@code conversation} (the page's session: 8 to 64 letters, digits, {@code -}
 *       or {@code _}), read after what the bot showed in that session before ("and sagemaker?"
 *       after "when to use bedrock");
 *   <li>{@code GET /playground/open?id=need-both&conversation=...}: a section (or {@code help}, the
 *       topic menu), as a button opens it, shown in that session when {@code conversation} is
 *       given;
 *   <li>{@code POST /playground/feedback} {@code {"intent": "...", "helpful": true}}: 204;
 *   <li>{@code GET /playground/<file>}: the page's script, style sheet and icon.
 * </ul>
 *
 * <p>An answer is {@code {"question", "kind", "intent", "title", "heading", "score", "reported",
 * "text", "keyLine", "brief", "parts", "notCovered", "ref", "followUps", "alternatives", "menu",
 * "slack", "teams"}}: the core's answer, whether the question is kept for the report (answered
 * {@code none} or below LOW_SCORE), then the Slack message ({@code {"blocks": [...]}}) and the
 * Teams Adaptive Card, exactly as the adapters render them. Bad requests get a 4xx JSON error
 * {@code {"status", "error", "message"}} that says why.
 */
public final class Playground {

  /** The page's path: the server root only (Jetty's path spec for {@code /} alone). */
  static final String PAGE_PATH = "";

  /** The API's and the page's files' paths. */
  static final String PREFIX = "/playground/*";

  static final String ASK_PATH = "/playground/ask";
  static final String FEEDBACK_PATH = "/playground/feedback";

  /** The platform name questions asked here carry, in metrics and the report. */
  static final String PLATFORM = "web";

  /** The longest question accepted, in characters; the page's input stops there too. */
  static final int MAX_QUESTION = 1000;

  /** The largest request body accepted, in bytes: a question and some JSON around it. */
  static final int MAX_BODY = 16 * 1024;

  private static final int MAX_ID = 100;

  /** A session's key, made by the page: long enough that nobody guesses another's. */
  private static final java.util.regex.Pattern CONVERSATION =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private static final String CONVERSATION_RULE =
      "\"conversation\" must be 8 to 64 letters, digits, '-' or '_'";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The page allows only its own files: no inline script, nothing from other origins, and it may
   * not be framed.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml");
  private static final List<String> FILES = List.of("playground.css", "playground.js", "icon.svg");

  private final PitchBot bot;
  private final double lowScore;
  private final StaticFile page;
  private final Map<String, StaticFile> files;

  private final RateLimits rates;

  private Playground(PitchBot bot, double lowScore, RateLimits rates) {
    this.bot = bot;
    this.lowScore = lowScore;
    this.rates = rates;
    this.page = StaticFile.load("index.html");
    this.files = FILES.stream().collect(Collectors.toUnmodifiableMap(f -> f, StaticFile::load));
  }

  /**
   * The page at {@code /} and everything under {@code /playground/}, answering from {@code bot}.
   *
   * @param lowScore LOW_SCORE: answers below it are kept for the report, which the page says
   * @param rates how often one address (and everyone) may ask and give feedback (PLAYGROUND_RATE)
   */
  public static List<WebServer.Route> routes(PitchBot bot, double lowScore, RateLimits rates) {
    Playground playground = new Playground(bot, lowScore, rates);
    return List.of(
        new WebServer.Route(PAGE_PATH, playground.new PageHandler()),
        WebServer.Route.post(ASK_PATH, playground::ask, MAX_BODY),
        WebServer.Route.post(FEEDBACK_PATH, playground::feedback, MAX_BODY),
        new WebServer.Route(PREFIX, playground.new ApiHandler()));
  }

  /** {@code GET /}: the page. */
  private final class PageHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!isGet(request)) {
        methodNotAllowed(request, response, callback, "GET, HEAD");
        return true;
      }
      page.write(request, response, callback);
      return true;
    }
  }

  /** Everything under {@code /playground/}. */
  private final class ApiHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      // The URI's own path: PathMappingsHandler makes the "path in context" relative to the prefix.
      String path = request.getHttpURI().getCanonicalPath();
      String name = path.startsWith("/playground/") ? path.substring("/playground/".length()) : "";
      switch (name) {
        case "open" -> open(request, response, callback);
        default -> {
          StaticFile file = files.get(name);
          if (file == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
          } else if (!isGet(request)) {
            methodNotAllowed(request, response, callback, "GET, HEAD");
          } else {
            file.write(request, response, callback);
          }
        }
      }
      return true;
    }
  }

  /** {@code POST /playground/ask}, behind the HTTP edge. */
  private HttpReply ask(HttpCall call) {
    HttpReply limited = rateLimited(call);
    if (limited != null) {
      return limited;
    }
    JsonBody body = jsonObject(call);
    if (body.refusal() != null) {
      return body.refusal();
    }
    JsonNode question = body.json().get("question");
    if (question == null || question.isNull()) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "missing field \"question\"");
    } else if (!question.isTextual()) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "\"question\" must be a string");
    } else if (question.asText().isBlank()) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "\"question\" is empty");
    } else if (question.asText().length() > MAX_QUESTION) {
      return HttpReply.error(
          HttpStatus.BAD_REQUEST_400,
          "\"question\" is longer than " + MAX_QUESTION + " characters");
    }
    JsonNode conversation = body.json().get("conversation");
    if (conversation != null
        && !conversation.isNull()
        && (!conversation.isTextual() || !CONVERSATION.matcher(conversation.asText()).matches())) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, CONVERSATION_RULE);
    }
    String key = conversation == null || conversation.isNull() ? null : key(conversation.asText());
    return jsonReply(
        HttpStatus.OK_200, answerJson(bot.ask(question.asText(), PLATFORM, key), lowScore));
  }

  private void open(Request request, Response response, Callback callback) {
    if (!isGet(request)) {
      methodNotAllowed(request, response, callback, "GET, HEAD");
      return;
    }
    var parameters = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    String id = parameters.getValue("id");
    String conversation = parameters.getValue("conversation");
    if (conversation != null && !CONVERSATION.matcher(conversation).matches()) {
      badRequest(request, response, callback, CONVERSATION_RULE);
    } else if (id == null || id.isBlank()) {
      badRequest(
          request,
          response,
          callback,
          "missing query parameter \"id\" (a section id, or help for the topic menu)");
    } else if (id.length() > MAX_ID) {
      badRequest(request, response, callback, "\"id\" is longer than " + MAX_ID + " characters");
    } else {
      // An id the guide does not know (content changed since the page drew the button) opens the
      // menu.
      writeJson(
          response,
          callback,
          HttpStatus.OK_200,
          answerJson(bot.open(id, conversation == null ? null : key(conversation)), lowScore));
    }
  }

  private static String key(String conversation) {
    return PLATFORM + ":" + conversation;
  }

  /** {@code POST /playground/feedback}, behind the HTTP edge. */
  private HttpReply feedback(HttpCall call) {
    HttpReply limited = rateLimited(call);
    if (limited != null) {
      return limited;
    }
    JsonBody body = jsonObject(call);
    if (body.refusal() != null) {
      return body.refusal();
    }
    JsonNode intent = body.json().get("intent");
    JsonNode helpful = body.json().get("helpful");
    if (intent == null
        || !intent.isTextual()
        || intent.asText().isBlank()
        || intent.asText().length() > MAX_ID) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "\"intent\" must be a section id");
    } else if (helpful == null || !helpful.isBoolean()) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "\"helpful\" must be true or false");
    }
    bot.feedback(PLATFORM, intent.asText(), helpful.asBoolean());
    return HttpReply.empty(HttpStatus.NO_CONTENT_204).with("Cache-Control", "no-store");
  }

  /** 429 with Retry-After when this address, or everyone, has asked too often; else null. */
  private HttpReply rateLimited(HttpCall call) {
    long wait = rates.take(call.remoteAddress());
    if (wait == 0) {
      return null;
    }
    return HttpReply.error(
            HttpStatus.TOO_MANY_REQUESTS_429,
            "too many playground requests; try again in " + wait + " s")
        .with("Retry-After", Long.toString(wait));
  }

  /** A JSON object from a POST's body, or the refusal that says why not. */
  record JsonBody(JsonNode json, HttpReply refusal) {}

  static JsonBody jsonObject(HttpCall call) {
    String type = call.header("Content-Type");
    // Requiring JSON also keeps other sites' pages out: a cross-origin JSON POST needs a CORS
    // preflight, which this server never grants.
    if (type == null
        || !type.toLowerCase(Locale.ROOT).split(";", 2)[0].strip().equals("application/json")) {
      return new JsonBody(
          null,
          HttpReply.error(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
              "send JSON with Content-Type: application/json"));
    }
    JsonNode body;
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(call.body()))
              .toString();
      body = JSON.readTree(text);
    } catch (CharacterCodingException e) {
      return new JsonBody(
          null, HttpReply.error(HttpStatus.BAD_REQUEST_400, "the body is not UTF-8"));
    } catch (JsonProcessingException e) {
      return new JsonBody(
          null, HttpReply.error(HttpStatus.BAD_REQUEST_400, "the body is not valid JSON"));
    }
    if (body == null || !body.isObject()) {
      return new JsonBody(
          null, HttpReply.error(HttpStatus.BAD_REQUEST_400, "the body must be a JSON object"));
    }
    return new JsonBody(body, null);
  }

  static HttpReply jsonReply(int status, JsonNode json) {
    try {
      return new HttpReply(
          status,
          Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"),
          "application/json",
          (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an answer that does not serialize", e);
    }
  }

  /**
   * The answer as the page reads it: the core's fields, whether the question went to the report,
   * and the two platforms' renderings.
   */
  static ObjectNode answerJson(Answer answer, double lowScore) {
    ObjectNode node = JSON.createObjectNode();
    node.put("question", answer.question());
    node.put("kind", answer.kind().name().toLowerCase(Locale.ROOT));
    node.put("intent", answer.intent());
    node.put("title", answer.title());
    node.put("heading", answer.heading());
    node.put("score", Math.round(answer.score() * 10_000) / 10_000.0);
    node.put(
        "reported", !answer.question().isEmpty() && UnansweredReport.unanswered(answer, lowScore));
    node.put("text", answer.plainText());
    node.put("keyLine", answer.keyLine());
    node.put("brief", answer.brief());
    ArrayNode parts = node.putArray("parts");
    for (Part part : answer.parts()) {
      parts
          .addObject()
          .put("role", part.role().name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .put("intent", part.intent())
          .put("title", part.title())
          .put("heading", part.heading());
    }
    ArrayNode notCovered = node.putArray("notCovered");
    answer.notCovered().forEach(notCovered::add);
    node.put("ref", answer.ref());
    topics(node.putArray("followUps"), answer.followUps());
    topics(node.putArray("alternatives"), answer.alternatives());
    topics(node.putArray("menu"), answer.menu());
    try {
      node.set("slack", JSON.readTree(SlackPreview.previewJson(answer)));
      node.set("teams", JSON.readTree(TeamsPreview.cardJson(answer)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an adapter rendered JSON that does not parse", e);
    }
    return node;
  }

  private static void topics(ArrayNode array, List<Topic> topics) {
    for (Topic topic : topics) {
      array
          .addObject()
          .put("id", topic.id())
          .put("title", topic.title())
          .put("summary", topic.summary());
    }
  }

  private static boolean isGet(Request request) {
    return HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
  }

  private static void methodNotAllowed(
      Request request, Response response, Callback callback, String allow) {
    response.getHeaders().put(HttpHeader.ALLOW, allow);
    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
  }

  private static void badRequest(
      Request request, Response response, Callback callback, String reason) {
    writeError(response, callback, HttpStatus.BAD_REQUEST_400, reason);
  }

  /** The one error shape ({@link HttpReply#error}), for the GET endpoints. */
  private static void writeError(Response response, Callback callback, int status, String message) {
    HttpReply error = HttpReply.error(status, message);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, error.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, error.body().length);
    response.write(true, ByteBuffer.wrap(error.body()), callback);
  }

  private static void writeJson(Response response, Callback callback, int status, JsonNode json) {
    byte[] bytes;
    try {
      bytes = (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /** A file of the page, read once from the class path, served with an ETag. */
  private record StaticFile(String name, String contentType, byte[] bytes, String etag) {

    static StaticFile load(String name) {
      String resource = "/playground/" + name;
      try (InputStream in = Playground.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource);
        }
        byte[] bytes = in.readAllBytes();
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return new StaticFile(name, type, bytes, "\"" + sha256(bytes).substring(0, 16) + "\"");
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + resource, e);
      }
    }

    void write(Request request, Response response, Callback callback) {
      response.getHeaders().put(HttpHeader.ETAG, etag);
      // Revalidated on every load: a new build's files are picked up at once, unchanged ones cost a
      // 304.
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      if (contentType.startsWith("text/html")) {
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("Referrer-Policy", "no-referrer");
      }
      String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
      if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
        response.setStatus(HttpStatus.NOT_MODIFIED_304);
        callback.succeeded();
        return;
      }
      response.setStatus(HttpStatus.OK_200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      boolean head = HttpMethod.HEAD.is(request.getMethod());
      response.write(true, head ? null : ByteBuffer.wrap(bytes), callback);
    }

    private static String sha256(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
