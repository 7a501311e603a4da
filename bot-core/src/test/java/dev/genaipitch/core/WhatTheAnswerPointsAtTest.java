package dev.genaipitch.core;

import org.junit.jupiter.api.Test;

/**
 * Round 10's four readings, as conversations: a follow-up that names a part of the answer and asks
 * nothing of it gets the part as the answer shows it; "it" and "there" stand for the service shown;
 * a choice between the services for one use goes to the side whose lines hold that use; a label of
 * the answer shown ("key message") keeps its section whatever else the message says. Each test also
 * shows what the reading leaves alone.
 */
final class WhatTheAnswerPointsAtTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void aPartNamedAndNothingAskedOfIt_isThePartAsTheAnswerShowsIt() {
    YOU.after("A1", "the rds analogy", "analogy")
        .ask("and the ec2 half?")
        .isAnsweredWith("analogy");

    YOU.after("A2", "the rds analogy", "analogy")
        .ask("ok and the rds side")
        .isAnsweredWith("analogy");

    YOU.after("A3", "the rds analogy", "analogy")
        .ask("and the ec2 side, when does a customer go there?")
        .isAnsweredWith("when-sagemaker");
  }

  @Test
  void itOrThere_standsForTheServiceShown() {
    YOU.after("B1", "when would i use sagemaker", "when-sagemaker")
        .ask("how does it handle governance exactly")
        .isAnsweredWith("when-sagemaker");

    YOU.after("B2", "when to use bedrock", "when-bedrock")
        .ask("is code generation in there")
        .isAnsweredWith("when-bedrock");

    YOU.after("B3", "why do customers like bedrock", "when-bedrock")
        .ask("what does it cost")
        .isOutOfScope();

    YOU.after("B4", "when would i use sagemaker", "when-sagemaker")
        .ask("what is datazone")
        .isOutOfScope();
  }

  @Test
  void aChoiceBetweenTheServicesForOneUse_goesToTheSideThatListsIt() {
    YOU.ask("which is better for fine-tuning, sagemaker or bedrock")
        .isAnsweredWith("when-sagemaker");
    YOU.ask("which is better for an enterprise chatbot: sagemaker or bedrock?")
        .isAnsweredWith("when-bedrock");
    YOU.ask("which is better, bedrock or sagemaker").isAnsweredWith("not-competing");
  }

  @Test
  void aLabelOfTheAnswerShown_keepsItsSection() {
    YOU.after("E1", "when to use bedrock", "when-bedrock")
        .ask("the key message in one line please")
        .isAnsweredWith("when-bedrock");

    YOU.after("E2", "when to use sagemaker", "when-sagemaker")
        .ask("key message in one line?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("E3", "when to use bedrock", "when-bedrock")
        .ask("and in one line?")
        .isAnsweredWith("definitions");
  }
}
