package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.Topic;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.match.MatchResult;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search messaging extension ({@code composeExtension/query}): sections matching what the user
 * types in the compose box, each previewed by title and summary and inserted as the full answer
 * card.
 */
final class MessagingExtension {

  static final String QUERY = "composeExtension/query";

  private static final int DEFAULT_COUNT = 10;
  private static final int MAX_COUNT = 25;

  /**
   * Runners-up below this share of the matcher's confidence are noise in a result list. Searching
   * only matches: unlike a question, a half-typed query is not reported to the bot's listener.
   */
  private static final double MIN_SCORE = 0.05;

  private final PitchBot bot;

  MessagingExtension(PitchBot bot) {
    this.bot = bot;
  }

  /**
   * The results for an invoke's {@code value}; an empty query (or the initial run) lists every
   * topic.
   */
  Response query(JsonNode value) {
    Map<String, Topic> topics = new LinkedHashMap<>();
    bot.topics().forEach(t -> topics.put(t.id(), t));
    String query = queryText(value);
    List<String> ids =
        query.isBlank() ? List.copyOf(topics.keySet()) : ranked(query, topics.keySet());
    int skip = Math.max(0, value == null ? 0 : value.path("queryOptions").path("skip").asInt(0));
    int count =
        value == null
            ? DEFAULT_COUNT
            : value.path("queryOptions").path("count").asInt(DEFAULT_COUNT);
    count = Math.max(1, Math.min(MAX_COUNT, count));
    List<ResultItem> items =
        ids.stream()
            .skip(skip)
            .limit(count)
            .map(
                id ->
                    new ResultItem(
                        AdaptiveCard.CONTENT_TYPE,
                        AnswerCards.card(bot.open(id)),
                        Preview.of(topics.get(id))))
            .toList();
    return new Response(new Result("result", "list", items));
  }

  private List<String> ranked(String query, Set<String> sections) {
    MatchResult match = bot.match(query);
    if (match.intent().equals(Guide.HELP)) {
      return List.copyOf(sections);
    }
    Set<String> ids = new LinkedHashSet<>();
    if (sections.contains(match.intent())) {
      ids.add(match.intent());
    }
    if (!match.intent().equals(Guide.NONE)) {
      // For a question outside the script, "closest topics" can be far off: list only real matches.
      match.didYouMean().stream().filter(sections::contains).forEach(ids::add);
    }
    for (MatchResult.Candidate candidate : match.alternatives()) {
      if (candidate.score() >= MIN_SCORE && sections.contains(candidate.intent())) {
        ids.add(candidate.intent());
      }
    }
    return List.copyOf(ids);
  }

  /** The text typed: the {@code query} parameter, or the first one; empty on the initial run. */
  private static String queryText(JsonNode value) {
    if (value == null) {
      return "";
    }
    JsonNode chosen = null;
    for (JsonNode parameter : value.path("parameters")) {
      String name = parameter.path("name").asText("");
      if (name.equals("initialRun")) {
        return "";
      }
      if (chosen == null || name.equals("query")) {
        chosen = parameter;
      }
    }
    return chosen == null ? "" : chosen.path("value").asText("").strip();
  }

  /** The invoke response body: {@code {"composeExtension": {...}}}. */
  record Response(Result composeExtension) {}

  record Result(String type, String attachmentLayout, List<ResultItem> attachments) {
    Result {
      attachments = List.copyOf(attachments);
    }
  }

  /** One result: the card inserted when chosen, and its preview in the list. */
  record ResultItem(String contentType, AdaptiveCard content, Preview preview) {}

  record Preview(String contentType, Thumbnail content) {
    static Preview of(Topic topic) {
      return new Preview(
          "application/vnd.microsoft.card.thumbnail",
          new Thumbnail(topic.title(), topic.summary()));
    }
  }

  record Thumbnail(String title, String text) {}
}
