package dev.genaipitch.core;

import org.junit.jupiter.api.Test;

/**
 * Round 15's `same` kind of follow-up, as conversations: a follow-up asking for the answer just
 * shown again ("run that by me again", "come again?", "what was that again") gets that answer,
 * whichever section it was. No reading rule does this: every section relates `same` to itself
 * (content), and the follow-up model learns the kind from its phrasings and from the labelled
 * conversations whose writers kept such a message on the section shown. Without the kind these
 * messages go out of scope, to the menu or to the definitions. What it leaves alone: a complete
 * question, shorter, the other side, an audience added as a case.
 */
final class TheSameAnswerAgainTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void aFollowUpAskingForTheAnswerAgain_getsIt() {
    YOU.after("S1", "explain the rds analogy", "analogy")
        .ask("run that by me again")
        .isAnsweredWith("analogy");

    YOU.after("S2", "how do i open the conversation", "opening")
        .ask("one more time?")
        .isAnsweredWith("opening");

    YOU.after("S3", "do we need both", "need-both").ask("come again?").isAnsweredWith("need-both");

    YOU.after("S4", "give me the one line definitions", "definitions")
        .ask("what was that again")
        .isAnsweredWith("definitions");

    YOU.after("S5", "when would a customer pick sagemaker", "when-sagemaker")
        .ask("repeat please")
        .isAnsweredWith("when-sagemaker")
        .isWhole();
  }

  @Test
  void whatTheSameKindLeavesAlone() {
    YOU.after("L1", "do we need both", "need-both")
        .ask("what's the difference between bedrock and sagemaker")
        .isAnsweredWith("overview");

    YOU.after("L2", "when should i recommend bedrock", "when-bedrock")
        .ask("shorter")
        .isAnsweredWith("when-bedrock")
        .isBrief(
            "Bedrock is ideal when GenAI is a feature, not the core research problem.",
            "executive-summary");

    YOU.after("L3", "when should i recommend bedrock", "when-bedrock")
        .ask("and sm?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("L4", "when should i recommend bedrock", "when-bedrock")
        .ask("and for an insurer?")
        .isAnsweredWith("when-sagemaker");
  }

  /**
   * A labelled conversation's complete last message that the matcher misreads alone teaches the
   * follow-up model nothing since round 15, rather than "a question of its own": the writers' "ok
   * thanks, that's all i needed" (the menu, by their labels; out of scope, read alone) taught the
   * model to leave such a closer to that reading, and it was answered "not in the script".
   */
  @Test
  void aThankYouAfterAnAnswer_isStillAnsweredWithTheMenu() {
    YOU.after("T1", "explain the rds analogy", "analogy")
        .ask("ok thanks, that is all i needed")
        .isTheMenu();

    YOU.after("T2", "do we need both", "need-both").ask("cool thanks thats all").isTheMenu();
  }
}
