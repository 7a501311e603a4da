package dev.genaipitch.core;

import org.junit.jupiter.api.Test;

/**
 * Round 14's readings, as conversations: a follow-up that asks for another form, phrasing or
 * emphasis of the answer just shown ("plainer please", "which bit do i hammer"), or for it in an
 * industry's terms ("for a telco?"), stays on the section shown; so does one that only points at a
 * row of the table shown ("which row is customize & evolve", "which rows are sagemaker"). Read
 * without them, each of these goes out of scope, to the executive summary, to the opening or to the
 * service its words name. What they leave alone: an industry added as a case ("and for an
 * insurer?"), a side asked for, a slide asked for as a file, the most important line, how to say it
 * to a CFO, and more asked of a row.
 */
final class AnotherFormOfTheAnswerTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void aFollowUpAskingForAnotherFormOfTheAnswer_staysOnIt() {
    YOU.after("F1", "when should i recommend bedrock", "when-bedrock")
        .ask("plainer please")
        .isAnsweredWith("when-bedrock");

    YOU.after("F2", "when should i recommend bedrock", "when-bedrock")
        .ask("in simpler language?")
        .isAnsweredWith("when-bedrock");

    YOU.after("F3", "how do i open the conversation", "opening")
        .ask("which bit do i hammer")
        .isAnsweredWith("opening");

    YOU.after("F4", "do we need both", "need-both")
        .ask("how would i phrase that in plain language")
        .isAnsweredWith("need-both");
  }

  @Test
  void aFollowUpAskingForTheAnswerInAnIndustrysTerms_staysOnIt() {
    YOU.after("I1", "do we need both", "need-both").ask("for a telco?").isAnsweredWith("need-both");

    YOU.after("I2", "when should i recommend bedrock", "when-bedrock")
        .ask("say that for a retailer")
        .isAnsweredWith("when-bedrock");

    YOU.after("I3", "do we need both", "need-both")
        .ask("put that for a hospital")
        .isAnsweredWith("need-both");
  }

  @Test
  void aFollowUpThatOnlyPointsAtARowOfTheTableShown_staysOnTheTable() {
    YOU.after("R1", "show me the stage table", "not-competing")
        .ask("which row is customize & evolve")
        .isAnsweredWith("not-competing");

    YOU.after("R2", "show me the stage table", "not-competing")
        .ask("where does production genai go")
        .isAnsweredWith("not-competing");

    YOU.after("R3", "show me the stage table", "not-competing")
        .ask("which rows are sagemaker")
        .isAnsweredWith("not-competing");

    YOU.after("R4", "show me the stage table", "not-competing")
        .ask("and use ai quickly?")
        .isAnsweredWith("not-competing");
  }

  @Test
  void whatTheReadingsLeaveAlone() {
    YOU.after("L1", "when should i recommend bedrock", "when-bedrock")
        .ask("and for an insurer?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("L2", "do we need both", "need-both")
        .ask("for pharma which side matters?")
        .isAnsweredWith("when-sagemaker");

    YOU.after("L3", "give me the executive summary", "executive-summary")
        .ask("got a slide for that?")
        .isOutOfScope();

    YOU.after("L4", "when should i recommend bedrock", "when-bedrock")
        .ask("what's the most important line")
        .isAnsweredWith("not-competing");

    YOU.after("L5", "when would a customer pick sagemaker", "when-sagemaker")
        .ask("how do i say that to their cfo")
        .isAnsweredWith("executive-summary");

    YOU.after("L6", "show me the stage table", "not-competing")
        .ask("more on the production genai apps row")
        .isAnsweredWith("when-bedrock");

    YOU.after("L7", "show me the stage table", "not-competing")
        .ask("the training & data science row, what kind of work is that")
        .isAnsweredWith("when-sagemaker");
  }
}
