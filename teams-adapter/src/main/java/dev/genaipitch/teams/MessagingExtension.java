package dev.genaipitch.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.Topic;
import java.util.List;

/**
 * The search messaging extension ({@code composeExtension/query}): sections matching what the user
 * types in the compose box, each previewed by title and summary and inserted as the full answer
 * card.
 */
final class MessagingExtension {

  static final String QUERY = "composeExtension/query";

  private static final int DEFAULT_COUNT = 10;
  private static final int MAX_COUNT = 25;

  private final PitchBot bot;

  MessagingExtension(PitchBot bot) {
    this.bot = bot;
  }

  /**
   * The results for an invoke's {@code value}, in the order the core ranks them ({@link
   * PitchBot#search}); an empty query (or the initial run) lists every topic.
   */
  Response query(JsonNode value) {
    List<Topic> found = bot.search(queryText(value));
    int skip = Math.max(0, value == null ? 0 : value.path("queryOptions").path("skip").asInt(0));
    int count =
        value == null
            ? DEFAULT_COUNT
            : value.path("queryOptions").path("count").asInt(DEFAULT_COUNT);
    count = Math.max(1, Math.min(MAX_COUNT, count));
    List<ResultItem> items =
        found.stream()
            .skip(skip)
            .limit(count)
            .map(
                topic ->
                    new ResultItem(
                        AdaptiveCard.CONTENT_TYPE,
                        AnswerCards.card(bot.open(topic.id())),
                        Preview.of(topic)))
            .toList();
    return new Response(new Result("result", "list", items));
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
