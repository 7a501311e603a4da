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

  /** A practice round's choice after a grade: {@code again}, {@code next} or {@code answer}. */
  @JsonPropertyOrder({"action", "choice"})
  record Practice(String choice) implements CardAction {
    static final String AGAIN = "again";
    static final String NEXT = "next";
    static final String SHOW_ANSWER = "answer";

    @JsonProperty("action")
    String action() {
      return "practice";
    }
  }

  /** The action in a click's {@code value}, or empty when the value is not one of ours. */
  static Optional<CardAction> from(JsonNode value) {
    if (value == null || !value.isObject()) {
      return Optional.empty();
    }
    if (value.path("action").asText("").equals("practice")) {
      String choice = value.path("choice").asText("");
      return choice.equals(Practice.AGAIN)
              || choice.equals(Practice.NEXT)
              || choice.equals(Practice.SHOW_ANSWER)
          ? Optional.of(new Practice(choice))
          : Optional.empty();
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
