package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.match.MatchResult;
import dev.genaipitch.core.match.Shown;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Shorter" right after a section is that section's short form, the script's own line (its front
 * matter's {@code brief}), with the whole section and the 60-second summary one click away; never
 * the same long text again, and never words of the bot's own.
 */
final class ShorterFormTest {

  private static final Conversation YOU = new Conversation();

  private static final String SAGEMAKER_KEY =
      "SageMaker is for organizations that want to own their models, not just consume them.";

  @Test
  void shorter_afterWhenToUseSageMaker_isItsKeyMessage_alone() {
    Conversation.Chat dm = YOU.in("B1");
    dm.ask("when should I use sagemaker").isAnsweredWith("when-sagemaker").isWhole();

    Answer brief =
        dm.ask("shorter")
            .isAnsweredWith("when-sagemaker")
            .isBrief(SAGEMAKER_KEY, "executive-summary")
            .answer();

    assertThat(brief.heading()).isEqualTo(YOU.bot.open("when-sagemaker").heading());
    assertThat(brief.blocks())
        .singleElement()
        .isInstanceOf(Block.Quote.class)
        .extracting(Block::plainText)
        .isEqualTo(SAGEMAKER_KEY);
    assertThat(brief.plainText()).doesNotContain("Typical SageMaker Use Cases", "Auditability");
    assertThat(brief.keyLine()).isEmpty();
  }

  @Test
  void theBriefsRef_opensTheSameBrief_andTheSectionsId_theWholeSection() {
    Conversation.Chat dm = YOU.in("B2");
    dm.ask("when should I use sagemaker");
    Answer brief = dm.ask("tl;dr").isBrief(SAGEMAKER_KEY, "executive-summary").answer();

    Answer again = dm.click(brief.ref()).isBrief(SAGEMAKER_KEY, "executive-summary").answer();
    assertThat(again.blocks()).isEqualTo(brief.blocks());

    dm.click(brief.followUps().get(0).id())
        .isAnsweredWith("when-sagemaker")
        .isWhole()
        .says("Typical SageMaker Use Cases")
        .says(SAGEMAKER_KEY);
    dm.click(brief.followUps().get(1).id()).isAnsweredWith("executive-summary").isWhole();
  }

  @Test
  void everySectionThatKeepsShorter_answersItWithItsOwnBrief() {
    record Case(String question, String section, String words) {}
    for (Case c :
        List.of(
            new Case("when to use bedrock", "when-bedrock", "Bedrock is ideal when GenAI is a"),
            new Case("do we need both", "need-both", "Most enterprises start with Bedrock"),
            new Case("explain the rds analogy", "analogy", "Think of Bedrock like Amazon RDS"),
            new Case(
                "are bedrock and sagemaker competing",
                "not-competing",
                "not competing services"))) {
      Conversation.Chat chat = YOU.in("B3-" + c.section());
      chat.ask(c.question()).isAnsweredWith(c.section());
      chat.ask("shorter").isAnsweredWith(c.section()).isBrief(c.words(), "executive-summary");
    }
  }

  @Test
  void needBoth_inBrief_leavesItsCompanionToTheWholeAnswer() {
    Conversation.Chat dm = YOU.in("B4");
    dm.ask("do we need both").isAnsweredWith("need-both").says("Think of Bedrock like Amazon RDS");

    dm.ask("shorter")
        .isBrief("As maturity grows, SageMaker comes in", "executive-summary")
        .answer();
    assertThat(dm.ask("shorter").answer().plainText()).doesNotContain("Amazon RDS");
  }

  @Test
  void shorter_afterTheOverview_isItsCoreDifferentiation_alone() {
    YOU.after("B5", "what's the difference between bedrock and sagemaker", "overview")
        .ask("shorter")
        .isAnsweredWith("overview")
        .isBrief("Bedrock serves as the consumption layer", "executive-summary");
  }

  /**
   * The 60-second summary's short form is its own one-liner; the whole summary is the one click
   * away, since the summary is what its {@code executive} relation names. "In one line" after it
   * still asks for the two one-line definitions (its {@code one-line} relation), whole.
   */
  @Test
  void shorter_afterTheExecutiveSummary_isItsOwnOneLiner_alone() {
    Answer brief =
        YOU.after("B6", "give me the 60 second version", "executive-summary")
            .ask("shorter")
            .isAnsweredWith("executive-summary")
            .answer();

    assertThat(brief.brief()).isTrue();
    assertThat(brief.plainText())
        .contains("Bedrock helps you move fast, SageMaker helps you go deep.")
        .doesNotContain("intentionally split into two layers");
    assertThat(brief.parts()).isEmpty();
    assertThat(brief.followUps()).extracting(Topic::id).containsExactly("executive-summary");
    assertThat(brief.ref()).isEqualTo("executive-summary!brief");

    YOU.after("B6b", "give me the 60 second version", "executive-summary")
        .ask("in one line?")
        .isAnsweredWith("definitions")
        .isWhole();
  }

  @Test
  void theSameAgain_inOtherWords_isTheWholeSection() {
    YOU.after("B7", "when should I use sagemaker", "when-sagemaker")
        .ask("say that again")
        .isAnsweredWith("when-sagemaker")
        .isWhole();

    YOU.after("B8", "when should I use sagemaker", "when-sagemaker")
        .ask("plainer please")
        .isAnsweredWith("when-sagemaker")
        .isWhole();
  }

  @Test
  void inOneLine_afterASectionWhoseOneLineIsItsOwn_isItsBrief() {
    YOU.after("B9", "how do I open a genai conversation with a customer", "opening")
        .ask("in one line?")
        .isAnsweredWith("opening")
        .isBrief("separated using AI from building and changing AI", "executive-summary");

    YOU.after("B10", "are bedrock and sagemaker competing", "not-competing")
        .ask("in one line pls")
        .isAnsweredWith("not-competing")
        .isBrief("They solve two different stages of the AI journey", "executive-summary");
  }

  @Test
  void inOneLine_afterASectionWhoseOneLineIsAnother_isThatSectionWhole() {
    YOU.after("B11", "when should I use sagemaker", "when-sagemaker")
        .ask("in one line?")
        .isAnsweredWith("definitions")
        .isWhole();
  }

  @Test
  void shorter_outsideAConversation_isNotABrief() {
    assertThat(YOU.ask("shorter").answer().brief()).isFalse();
  }

  /** The evaluation contract is unchanged: the intent of a brief answer is the section. */
  @Test
  void match_inAConversation_saysTheSection_andThatItAsksForItShorter() {
    MatchResult shorter = YOU.bot.match("shorter", List.of(Shown.section("when-sagemaker")));
    assertThat(shorter.intent()).isEqualTo("when-sagemaker");
    assertThat(shorter.brief()).isTrue();

    MatchResult alone = YOU.bot.match("when should I use sagemaker");
    assertThat(alone.brief()).isFalse();
  }
}
