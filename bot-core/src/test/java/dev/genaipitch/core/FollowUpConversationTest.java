package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.match.Shown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A follow-up is read in the context of the answer before it, in its own conversation only. */
final class FollowUpConversationTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void followUps_getWhatTheyAskFor_afterTheAnswerBefore() {
    Conversation.Chat thread = YOU.in("C1:1700000000.000100");

    thread.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    thread.ask("and sagemaker?").isAnsweredWith("when-sagemaker");
    thread
        .ask("shorter")
        .isAnsweredWith("when-sagemaker")
        .isBrief(
            "SageMaker is for organizations that want to own their models, not just consume them.",
            "executive-summary");
    thread.ask("and for the cfo?").isAnsweredWith("executive-summary");
  }

  @Test
  void thanks_afterAnAnswer_getsTheMenu_evenWithWordsTheScriptNeverUses() {
    Conversation.Chat dm = YOU.in("D4");

    dm.ask("when to use sagemaker").isAnsweredWith("when-sagemaker");
    dm.ask("cheers, that was really valuable").isTheMenu();
  }

  @Test
  void followUp_readAlone_isNotUnderstood_butInItsThread_itIs() {
    YOU.ask("and sagemaker?").isOutOfScope();

    Conversation.Chat thread = YOU.in("D1");
    thread.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    thread.ask("and sagemaker?").isAnsweredWith("when-sagemaker");
  }

  @Test
  void narrowerCase_afterAnAnswer_getsTheSectionThatCoversIt() {
    Conversation.Chat dm = YOU.in("D2");

    dm.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    dm.ask("and for an insurer?").isAnsweredWith("when-sagemaker");
  }

  @Test
  void reasonBehindIt_afterAnAnswer_isThatAnswersReason_notTheScriptsOwn() {
    YOU.ask("why though").isAnsweredWith("why-it-works");

    Conversation.Chat dm = YOU.in("D3");
    dm.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    dm.ask("why though").isAnsweredWith("when-bedrock");
  }

  @Test
  void partOfTheAnswer_namedInAFollowUp_getsTheSectionThatHoldsItInFull() {
    Conversation.Chat thread = YOU.in("P1");

    thread.ask("stage table").isAnsweredWith("not-competing");
    thread
        .ask("the production genai apps row, what kind of apps are those")
        .isAnsweredWith("when-bedrock");

    Conversation.Chat dm = YOU.in("P2");
    dm.ask("stage table").isAnsweredWith("not-competing");
    dm.ask("more on the 'training & data science' row").isAnsweredWith("when-sagemaker");
  }

  @Test
  void sectionItself_namedWithOneOfItsParts_isNotAPart() {
    Conversation.Chat thread = YOU.in("P3");

    thread.ask("the analogy").isAnsweredWith("analogy");
    thread.ask("and the rds side, actual use cases?").isAnsweredWith("when-bedrock");
    thread.ask("whats the rds analogy again").isAnsweredWith("analogy");
  }

  @Test
  void completeQuestion_isAnsweredAsItself_whateverCameBefore() {
    Conversation.Chat thread = YOU.in("T1");

    thread.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    thread.ask("whats the rds analogy").isAnsweredWith("analogy");
    thread.ask("do we need both?").isAnsweredWith("need-both");
  }

  @Test
  void completeQuestion_repeatedRightAfterItsOwnAnswer_isAnsweredAsItselfAgain() {
    // Regression: the follow-up model gives every kind ~0 here, and the share of the answer just
    // shown that goes to the kinds was split by those ~0s, so noise chose where most of it went
    // (a Teams chat once answered the second question below "not in the script").
    Conversation.Chat chat = YOU.in("T8");

    chat.ask("do we need both?").isAnsweredWith("need-both");
    chat.ask("do we need both?").isAnsweredWith("need-both");
    chat.ask("<script>alert(1)</script> do we need both?").isAnsweredWith("need-both");
    chat.ask("when to use sagemaker").isAnsweredWith("when-sagemaker");
    chat.ask("when to use sagemaker").isAnsweredWith("when-sagemaker");
  }

  @Test
  void sectionNamedByItsNumber_isTheSectionWhoseHeadingCarriesIt() {
    YOU.ask("whats in section 9").isAnsweredWith("why-it-works");
    YOU.ask("whats the point of section 6").isAnsweredWith("not-competing");
    YOU.ask("ok start at step 1").isAnsweredWith("opening");
    // Next to a section is not that section.
    YOU.ask("the preamble before section 1, what does it say").isAnsweredWith("overview");
  }

  @Test
  void numberAlone_inAConversation_continuesARunOfSections_butAloneAsksNothing() {
    YOU.ask("4").isOutOfScope();

    Conversation.Chat thread = YOU.in("N1");
    thread.ask("whats section 2").isAnsweredWith("definitions");
    thread.ask("3?").isAnsweredWith("analogy");
    thread.ask("4").isAnsweredWith("when-bedrock");
    thread.ask("and section 7?").isAnsweredWith("need-both");
    thread.ask("and 8").isAnsweredWith("executive-summary");
  }

  @Test
  void outOfScopeFollowUp_staysOutOfScope() {
    Conversation.Chat thread = YOU.in("T2");

    thread.ask("do we need both?").isAnsweredWith("need-both");
    thread.ask("and what does that cost a month?").isOutOfScope();
  }

  @Test
  void followUp_inWordsTheScriptNeverUses_stillFollowsTheAnswer() {
    Conversation.Chat thread = YOU.in("T10");

    thread.ask("do we need both?").isAnsweredWith("need-both");
    thread.ask("shorter, for slack").isAnsweredWith("need-both");
    thread.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    thread.ask("shorter, 3 bullets max").isAnsweredWith("when-bedrock");
    thread.ask("gimme sagemaker use cases").isAnsweredWith("when-sagemaker");
    thread.ask("does fine-tuning fall under that").isAnsweredWith("when-sagemaker");
  }

  @Test
  void outOfScopeFollowUp_namingTheAnswersSubject_staysOutOfScope() {
    Conversation.Chat thread = YOU.in("T9");

    thread.ask("sm governance").isAnsweredWith("when-sagemaker");
    thread.ask("how would i set up datazone for that").isOutOfScope();
    thread.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    thread.ask("ok and what would 300 seats of that cost per month?").isOutOfScope();
    thread.ask("and for an insurer?").isAnsweredWith("when-sagemaker");
  }

  @Test
  void followUp_inAnotherConversation_doesNotSeeThisOnesAnswers() {
    YOU.in("T3").ask("when to use bedrock").isAnsweredWith("when-bedrock");

    YOU.in("T4").ask("and sagemaker?").isOutOfScope();
  }

  @Test
  void clickedButton_isContextToo() {
    Conversation.Chat thread = YOU.in("T5");

    thread.click("when-bedrock").isAnsweredWith("when-bedrock");
    thread.ask("and sagemaker?").isAnsweredWith("when-sagemaker");
  }

  @Test
  void theMenu_isNoContext_theAnswerBeforeItStillIs() {
    Conversation.Chat thread = YOU.in("T6");

    thread.ask("when to use bedrock").isAnsweredWith("when-bedrock");
    thread.ask("hi").isTheMenu();
    thread.ask("and sagemaker?").isAnsweredWith("when-sagemaker");
  }

  @Test
  void idleConversation_isForgotten_andAFollowUpIsReadAlone() throws ContentException {
    ConversationStoreTest.FakeClock clock = new ConversationStoreTest.FakeClock();
    PitchBot bot =
        PitchBot.create(
            GuideLoader.builtIn(),
            BotListener.NONE,
            ConversationStore.inMemory(100, Duration.ofMinutes(30), clock));

    bot.ask("when to use bedrock", "test", "T7");
    clock.advance(Duration.ofMinutes(31));

    assertThat(bot.ask("and sagemaker?", "test", "T7").intent()).isEqualTo("none");
  }

  @Test
  void storeOutOfReach_costsTheContextNotTheAnswer() throws ContentException {
    ConversationStore broken =
        new ConversationStore() {
          @Override
          public List<Shown> recent(String conversation) {
            throw new IllegalStateException("connection refused");
          }

          @Override
          public void shown(String conversation, Shown shown) {
            throw new IllegalStateException("connection refused");
          }
        };
    PitchBot bot = PitchBot.create(GuideLoader.builtIn(), BotListener.NONE, broken);

    assertThat(bot.ask("do we need both?", "test", "T8").intent()).isEqualTo("need-both");
    assertThat(bot.open("analogy", "T8").intent()).isEqualTo("analogy");
  }

  @Test
  void store_keepsSectionsShownOnly_neverWhatWasTyped() throws ContentException {
    List<Object> stored = new ArrayList<>();
    ConversationStore recording =
        new ConversationStore() {
          @Override
          public List<Shown> recent(String conversation) {
            return List.of();
          }

          @Override
          public void shown(String conversation, Shown shown) {
            stored.add(conversation);
            stored.add(shown);
          }
        };
    PitchBot bot = PitchBot.create(GuideLoader.builtIn(), BotListener.NONE, recording);

    bot.ask("my customer Acme asked: do we need both?", "test", "T9");
    bot.ask("what's the weather in Paris", "test", "T9");

    assertThat(stored).hasSize(2);
    assertThat(stored.get(1)).isInstanceOf(Shown.class);
    assertThat(((Shown) stored.get(1)).section()).isEqualTo("need-both");
    assertThat(stored.toString()).doesNotContain("Acme").doesNotContain("Paris");
  }

  @Test
  void noConversationKey_remembersNothing() {
    YOU.bot.ask("when to use bedrock", "slack", null);

    YOU.ask("and sagemaker?").isOutOfScope();
  }
}
