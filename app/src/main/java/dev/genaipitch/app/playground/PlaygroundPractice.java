package dev.genaipitch.app.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.app.server.WebServer;
import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.Rehearsal;
import dev.genaipitch.core.practice.ScriptAnswer;
import dev.genaipitch.http.HttpCall;
import dev.genaipitch.http.HttpReply;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The playground's Practice tab: practice rounds over JSON, translated to and from {@link
 * Rehearsal}. Each is a POST behind the HTTP edge, rate limited with the playground's ask and
 * feedback (PLAYGROUND_RATE), and off with the playground (PLAYGROUND=false).
 *
 * <ul>
 *   <li>{@code POST /playground/practice/start} {@code {"rep", "section"?}}: the question;
 *   <li>{@code POST /playground/practice/answer} {@code {"rep", "answer"}}: the grade;
 *   <li>{@code POST /playground/practice/again}, {@code .../next} {@code {"rep"}}: the question
 *       asked again, or the next (weakest) one;
 *   <li>{@code POST /playground/practice/script} {@code {"rep"}}: the script's answer.
 * </ul>
 *
 * <p>{@code rep} is the page's own random id for its visitor (kept in the browser's session
 * storage): rounds are keyed by it. A question is {@code {"kind": "question", "section", "title",
 * "prompt", "attempt"}}; a grade {@code {"kind": "grade", "grade", "score", "carried": [{"point",
 * "script"}], "missed": [{"point", "script", "mistake"}], "choices", "next": {"section",
 * "title"}}}; the script's answer {@code {"kind": "script", "title", "lines"}}. No round waiting
 * for an answer is a 409 that says so; bad input a 4xx in the one error shape.
 */
public final class PlaygroundPractice {

  static final String PREFIX = "/playground/practice/";

  /** The longest answer accepted, in characters (the grader reads up to twice that). */
  static final int MAX_ANSWER = 10_000;

  /** The largest body: an answer of {@link #MAX_ANSWER} characters, each up to 4 UTF-8 bytes. */
  static final int MAX_BODY = 48 * 1024;

  private static final Pattern REP = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_ROUND =
      "no practice question is waiting for an answer: start a round";

  private final Rehearsal rehearsal;
  private final RateLimits rates;

  private PlaygroundPractice(Rehearsal rehearsal, RateLimits rates) {
    this.rehearsal = rehearsal;
    this.rates = rates;
  }

  public static List<WebServer.Route> routes(Rehearsal rehearsal, RateLimits rates) {
    PlaygroundPractice p = new PlaygroundPractice(rehearsal, rates);
    return List.of(
        WebServer.Route.post(PREFIX + "start", c -> p.call(c, p::start), MAX_BODY),
        WebServer.Route.post(PREFIX + "answer", c -> p.call(c, p::answer), MAX_BODY),
        WebServer.Route.post(PREFIX + "again", c -> p.call(c, p::again), MAX_BODY),
        WebServer.Route.post(PREFIX + "next", c -> p.call(c, p::next), MAX_BODY),
        WebServer.Route.post(PREFIX + "script", c -> p.call(c, p::script), MAX_BODY));
  }

  /** A request with a valid rep, and its JSON. */
  private record Call(String rep, JsonNode json) {
    String place() {
      return "playground:" + rep;
    }

    String key() {
      return "web:" + rep;
    }
  }

  private HttpReply call(HttpCall http, Function<Call, HttpReply> action) {
    long wait = rates.take(http.remoteAddress());
    if (wait != 0) {
      return HttpReply.error(
              HttpStatus.TOO_MANY_REQUESTS_429,
              "too many playground requests; try again in " + wait + " s")
          .with("Retry-After", Long.toString(wait));
    }
    Playground.JsonBody body = Playground.jsonObject(http);
    if (body.refusal() != null) {
      return body.refusal();
    }
    JsonNode rep = body.json().get("rep");
    if (rep == null || !rep.isTextual() || !REP.matcher(rep.asText()).matches()) {
      return HttpReply.error(
          HttpStatus.BAD_REQUEST_400,
          "\"rep\" must be the page's id for you: 8 to 64 letters, digits, '-' or '_'");
    }
    return action.apply(new Call(rep.asText(), body.json()));
  }

  private HttpReply start(Call call) {
    JsonNode section = call.json().get("section");
    if (section != null && !section.isNull() && !section.isTextual()) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "\"section\" must be a section id");
    }
    String id = section == null || section.isNull() ? null : section.asText().strip();
    Optional<PracticeQuestion> q =
        rehearsal.start(call.key(), id == null || id.isEmpty() ? null : id, call.place());
    if (q.isPresent()) {
      return ok(question(q.get()));
    }
    return HttpReply.error(
        id == null ? HttpStatus.NOT_FOUND_404 : HttpStatus.BAD_REQUEST_400,
        id == null
            ? "this guide has nothing to practise"
            : "that section cannot be practised; sections: "
                + String.join(", ", rehearsal.grader().sections()));
  }

  private HttpReply answer(Call call) {
    JsonNode answer = call.json().get("answer");
    if (answer == null || !answer.isTextual()) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "\"answer\" must be a string");
    } else if (answer.asText().isBlank()) {
      return HttpReply.error(HttpStatus.BAD_REQUEST_400, "\"answer\" is empty");
    } else if (answer.asText().length() > MAX_ANSWER) {
      return HttpReply.error(
          HttpStatus.BAD_REQUEST_400, "\"answer\" is longer than " + MAX_ANSWER + " characters");
    }
    return rehearsal
        .answerAt(call.key(), call.place(), answer.asText())
        .map(c -> ok(coaching(c, call)))
        .orElseGet(() -> HttpReply.error(HttpStatus.CONFLICT_409, NO_ROUND));
  }

  private HttpReply again(Call call) {
    return asked(call, rehearsal.tryAgain(call.key()));
  }

  private HttpReply next(Call call) {
    return asked(call, rehearsal.next(call.key()));
  }

  private HttpReply asked(Call call, Optional<PracticeQuestion> q) {
    if (q.isEmpty()) {
      return HttpReply.error(HttpStatus.CONFLICT_409, "no practice round is open: start one");
    }
    rehearsal.askedAt(call.key(), call.place());
    return ok(question(q.get()));
  }

  private HttpReply script(Call call) {
    Optional<ScriptAnswer> a = rehearsal.showAnswer(call.key());
    if (a.isEmpty()) {
      return HttpReply.error(HttpStatus.CONFLICT_409, "no practice round is open: start one");
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", "script");
    node.put("section", a.get().question().section());
    node.put("title", a.get().question().title());
    ArrayNode lines = node.putArray("lines");
    a.get().lines().forEach(l -> lines.add(l.script()));
    return ok(node);
  }

  private static ObjectNode question(PracticeQuestion q) {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", "question");
    node.put("section", q.section());
    node.put("title", q.title());
    node.put("prompt", q.prompt());
    node.put("attempt", q.attempt());
    return node;
  }

  private ObjectNode coaching(Coaching c, Call call) {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", "grade");
    node.put("section", c.question().section());
    node.put("grade", c.grade().level().id());
    node.put("score", Math.round(c.grade().score() * 100) / 100.0);
    lines(node.putArray("carried"), c.carried());
    lines(node.putArray("missed"), c.missed());
    ArrayNode choices = node.putArray("choices");
    for (Coaching.Choice choice : c.choices()) {
      choices.add(
          switch (choice) {
            case TRY_AGAIN -> "again";
            case NEXT_QUESTION -> "next";
            case SHOW_ANSWER -> "script";
          });
    }
    ObjectNode next = node.putObject("next");
    next.put("section", c.nextSection());
    next.put(
        "title",
        rehearsal.progress(call.key()).sections().stream()
            .filter(s -> s.section().equals(c.nextSection()))
            .map(s -> s.title())
            .findFirst()
            .orElse(c.nextSection()));
    return node;
  }

  private static void lines(ArrayNode array, List<Coaching.ScriptLine> lines) {
    for (Coaching.ScriptLine l : lines) {
      ObjectNode line = array.addObject().put("point", l.point()).put("script", l.script());
      if (l.mistake() != null) {
        line.put("mistake", l.mistake().name().toLowerCase(Locale.ROOT));
      }
    }
  }

  private static HttpReply ok(JsonNode json) {
    return Playground.jsonReply(HttpStatus.OK_200, json);
  }
}
