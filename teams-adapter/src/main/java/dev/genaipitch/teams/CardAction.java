package dev.genaipitch.teams;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a card button carries. A click comes back as a message whose {@code value} is this data, so
 * each button holds everything its click needs: the section to open, or the answer being rated.
 */
sealed interface CardAction {

  /** Opens a section (or {@code help} / {@code none}) by id. */
  @JsonPropertyOrder({"action", "intent"})
  record Open(String intent) implements CardAction {
    @JsonProperty("action")
    String action() {
      return "open";
    }
  }

  /** "Helpful? 👍 👎" for the answer with id {@code intent}. */
  @JsonPropertyOrder({"action", "intent", "helpful"})
  record Feedback(String intent, boolean helpful) implements CardAction {
    @JsonProperty("action")
    String action() {
      return "feedback";
    }
  }

  /** The action in a click's {@code value}, or empty when the value is not one of ours. */
  static Optional<CardAction> from(JsonNode value) {
    if (value == null || !value.isObject()) {
      return Optional.empty();
    }
    JsonNode intent = value.path("intent");
    if (!intent.isTextual() || intent.asText().isBlank()) {
      return Optional.empty();
    }
    String action = value.path("action").asText("");
    if (action.equals("open")) {
      return Optional.of(new Open(intent.asText()));
    }
    if (action.equals("feedback") && value.path("helpful").isBoolean()) {
      return Optional.of(new Feedback(intent.asText(), value.path("helpful").asBoolean()));
    }
    return Optional.empty();
  }
}
