package dev.genaipitch.core;

import org.junit.jupiter.api.Test;

/**
 * Round 13's reading, as conversations: a follow-up that points back at the answer just shown and
 * asks how it holds up for an audience or an industry ("which of those would a CFO care about",
 * "does that cover a bank") stays on the section shown, where its audience word alone would send it
 * to the executive summary, the other service or out of scope. What it leaves alone: asking how to
 * say the answer to an executive goes to the executive summary, and a bare industry follow-up goes
 * by the guide's relations.
 */
final class AboutAnAudienceTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void aQuestionAboutHowTheAnswerLandsWithAnAudience_staysOnIt() {
    YOU.after("A1", "when would a customer pick sagemaker", "when-sagemaker")
        .ask("which of those would their auditors care about")
        .isAnsweredWith("when-sagemaker");

    YOU.after("A2", "when should i recommend bedrock", "when-bedrock")
        .ask("which of those matter to a cfo")
        .isAnsweredWith("when-bedrock");

    YOU.after("A3", "when would a customer pick sagemaker", "when-sagemaker")
        .ask("does that cover hospitals too")
        .isAnsweredWith("when-sagemaker");

    YOU.after("A4", "explain bedrock vs sagemaker with the rds and ec2 comparison", "analogy")
        .ask("is that too techy for a ciso")
        .isAnsweredWith("analogy");
  }

  @Test
  void whatTheReadingLeavesAlone() {
    YOU.after("L1", "when would a customer pick sagemaker", "when-sagemaker")
        .ask("how do i say that to their cfo")
        .isAnsweredWith("executive-summary");

    YOU.after("L2", "when should i recommend bedrock", "when-bedrock")
        .ask("and for a hospital that wants to train its own model on patient data?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("L3", "when would a customer pick sagemaker", "when-sagemaker")
        .ask("what would that cost a bank a month")
        .isOutOfScope();
  }
}
