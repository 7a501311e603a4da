package dev.genaipitch.core;

import org.junit.jupiter.api.Test;

/**
 * Round 11's reading, as conversations: a follow-up that asks about the answer just shown as
 * something to say (its wording, which sentence to stress, its tone, how long it takes, what to say
 * instead) stays on the section shown, wherever its words alone would point. What it leaves alone:
 * a follow-up asking for something shorter goes by the guide's relations, and one asking what the
 * script does not say stays out of scope.
 */
final class AboutTheAnswerShownTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void aQuestionAboutTheWordingOfTheAnswer_staysOnIt() {
    YOU.after("W1", "exec summary for a CTO please", "executive-summary")
        .ask("which sentence should i stress the most")
        .isAnsweredWith("executive-summary");

    YOU.after("W2", "exec summary for a CTO please", "executive-summary")
        .ask("how long would it take to say")
        .isAnsweredWith("executive-summary");

    YOU.after("W3", "exec summary for a CTO please", "executive-summary")
        .ask("break that into bullet points for me")
        .isAnsweredWith("executive-summary");

    YOU.after("W4", "how do i open a genai conversation with a customer", "opening")
        .ask("and what instead then")
        .isAnsweredWith("opening");

    YOU.after("W5", "when would i use sagemaker", "when-sagemaker")
        .ask("key line for it?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("W6", "why does this way of pitching work", "why-it-works")
        .ask("what's the closing line")
        .isAnsweredWith("why-it-works");
  }

  @Test
  void whatTheReadingLeavesAlone() {
    YOU.after("L1", "when to use bedrock", "when-bedrock")
        .ask("and in one sentence?")
        .isAnsweredWith("definitions");

    YOU.after("L2", "exec summary for a CTO please", "executive-summary")
        .ask("what does that cost")
        .isOutOfScope();

    YOU.after("L3", "when to use bedrock", "when-bedrock")
        .ask("which regions is it in")
        .isOutOfScope();
  }
}
