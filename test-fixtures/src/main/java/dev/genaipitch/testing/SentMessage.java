package dev.genaipitch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A message the bot posted to the fake connector, read the way a Teams client would show it. */
public final class SentMessage {

  /** A card button: what it says and what its click sends back. */
  public record Button(String title, JsonNode data) {}

  private final String path;
  private final String authorization;
  private final JsonNode activity;

  SentMessage(String path, String authorization, JsonNode activity) {
    this.path = path;
    this.authorization = authorization;
    this.activity = activity;
  }

  public String path() {
    return path;
  }

  public String authorization() {
    return authorization;
  }

  public JsonNode activity() {
    return activity;
  }

  public String text() {
    return activity.path("text").asText("");
  }

  public String summary() {
    return activity.path("summary").asText("");
  }

  public String replyToId() {
    return activity.path("replyToId").asText("");
  }

  /** The Adaptive Card attached, or a missing node. */
  public JsonNode card() {
    JsonNode attachment = activity.path("attachments").path(0);
    return attachment.path("contentType").asText().equals("application/vnd.microsoft.card.adaptive")
        ? attachment.path("content")
        : attachment.path("none");
  }

  /** Every text the card shows, one per line, in order. */
  public String cardText() {
    List<String> texts = new ArrayList<>();
    collectTexts(card(), texts);
    return String.join("\n", texts);
  }

  /** Every {@code Action.Submit} on the card, buttons and clickable rows alike, in order. */
  public List<Button> buttons() {
    List<Button> buttons = new ArrayList<>();
    collectButtons(card(), buttons);
    return buttons;
  }

  public Button button(String title) {
    return buttons().stream()
        .filter(b -> b.title().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button '" + title + "' among " + buttons()));
  }

  /** The card's elements of {@code type}, anywhere in it (fallbacks included). */
  public List<JsonNode> elements(String type) {
    List<JsonNode> found = new ArrayList<>();
    collectElements(card(), type, found);
    return found;
  }

  private static void collectTexts(JsonNode node, List<String> texts) {
    if (node.isObject()) {
      if (node.path("type").asText().equals("TextBlock")) {
        texts.add(node.path("text").asText());
      } else if (node.path("type").asText().equals("RichTextBlock")) {
        StringBuilder line = new StringBuilder();
        node.path("inlines").forEach(run -> line.append(run.path("text").asText()));
        texts.add(line.toString());
        return;
      }
      node.properties()
          .forEach(
              e -> {
                if (!e.getKey().equals("fallback")) {
                  collectTexts(e.getValue(), texts);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectTexts(child, texts));
    }
  }

  private static void collectButtons(JsonNode node, List<Button> buttons) {
    if (node.isObject()) {
      if (node.path("type").asText().equals("Action.Submit")) {
        buttons.add(new Button(node.path("title").asText(), node.path("data")));
      }
      node.forEach(child -> collectButtons(child, buttons));
    } else if (node.isArray()) {
      node.forEach(child -> collectButtons(child, buttons));
    }
  }

  private static void collectElements(JsonNode node, String type, List<JsonNode> found) {
    if (node.isObject()) {
      if (node.path("type").asText().equals(type)) {
        found.add(node);
      }
      node.forEach(child -> collectElements(child, type, found));
    } else if (node.isArray()) {
      node.forEach(child -> collectElements(child, type, found));
    }
  }

  @Override
  public String toString() {
    return path + " " + activity;
  }
}
