package dev.genaipitch.teams;

import dev.genaipitch.core.Answer;

/** The Teams rendering of an answer, for pages that preview it (such as a card playground). */
public final class TeamsPreview {

  private TeamsPreview() {}

  /**
   * The Adaptive Card JSON (schema 1.5) the Teams bot sends for {@code answer}, exactly as it goes
   * out in the reply's attachment.
   */
  public static String cardJson(Answer answer) {
    return Json.write(AnswerCards.card(answer));
  }
}
