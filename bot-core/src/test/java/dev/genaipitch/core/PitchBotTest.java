package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.content.Section;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PitchBotTest {

  private static final Conversation YOU = new Conversation();

  @Test
  void ask_doWeNeedBoth_answersWithSectionSevenAndItsFollowUps() {
    Answer answer = YOU.ask("do we need both?").isAnsweredWith("need-both").answer();

    assertThat(answer.kind()).isEqualTo(Answer.Kind.SECTION);
    assertThat(answer.plainText())
        .contains("Most enterprises start with Bedrock to prove value quickly.");
    assertThat(answer.blocks()).anyMatch(b -> b instanceof Block.Quote);
    assertThat(answer.followUps())
        .extracting(Topic::id)
        .containsExactly("not-competing", "executive-summary");
    assertThat(answer.menu()).isEmpty();
    assertThat(answer.question()).isEqualTo("do we need both?");
  }

  @Test
  void ask_nothing_showsTheMenuWithEveryTopicAndItsSummary() {
    Answer menu = YOU.ask("").isTheMenu().answer();

    assertThat(menu.kind()).isEqualTo(Answer.Kind.HELP);
    assertThat(menu.menu()).allSatisfy(t -> assertThat(t.summary()).isNotBlank());
    assertThat(menu.menu().get(0).id()).isEqualTo("overview");
  }

  @Test
  void ask_outOfScope_saysSoAndOffersTheMenu() {
    Answer none = YOU.ask("what's the weather in Seattle tomorrow?").isOutOfScope().answer();

    assertThat(none.kind()).isEqualTo(Answer.Kind.NONE);
    assertThat(none.heading()).isEqualTo(builtIn().none().heading());
    assertThat(none.menu()).as("the menu is a click away, not listed again").isEmpty();
    assertThat(none.alternatives()).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void ask_nearMiss_offersTheClosestTopicsNotAGuess() {
    Answer none = YOU.ask("how do I migrate RDS to Aurora?").isOutOfScope().answer();

    assertThat(none.followUps()).isEmpty();
    assertThat(none.alternatives()).isNotEmpty();
  }

  @Test
  void open_sectionId_answersThatSectionWithFullConfidence() {
    Answer analogy = YOU.bot.open("analogy");

    assertThat(analogy.intent()).isEqualTo("analogy");
    assertThat(analogy.score()).isEqualTo(1.0);
    assertThat(analogy.plainText()).contains("Think of Bedrock like Amazon RDS for AI models.");
  }

  @Test
  void open_unknownId_fallsBackToTheMenu() {
    assertThat(YOU.bot.open("no-such-section").intent()).isEqualTo("help");
    assertThat(YOU.bot.open(null).intent()).isEqualTo("help");
  }

  @Test
  void ask_tellsTheListenerWhatWasAskedWhereAndHowItWasAnswered() {
    Conversation you = new Conversation();

    you.ask("tl;dr");

    assertThat(you.heard)
        .singleElement()
        .satisfies(
            asked -> {
              assertThat(asked.platform()).isEqualTo("test");
              assertThat(asked.question()).isEqualTo("tl;dr");
              assertThat(asked.answer().intent()).isEqualTo("executive-summary");
              assertThat(asked.nanos()).isPositive();
            });
  }

  @Test
  void ask_listenerThatThrows_stillAnswers() throws ContentException {
    PitchBot bot =
        PitchBot.create(
            GuideLoader.builtIn(),
            new BotListener() {
              @Override
              public void answered(Asked asked) {
                throw new IllegalStateException("listener broke");
              }
            });

    assertThat(bot.ask("do we need both?", "test").intent()).isEqualTo("need-both");
  }

  @Test
  void feedback_reachesTheListener() {
    Conversation you = new Conversation();

    you.bot.feedback("slack", "analogy", true);

    assertThat(you.feedback).containsExactly("slack:analogy:up");
  }

  @Test
  void feedback_onAnAnswersRef_countsUnderItsIntent() {
    Conversation you = new Conversation();

    boolean recorded = you.bot.feedback("teams", "need-both+analogy#2", false);

    assertThat(recorded).isTrue();
    assertThat(you.feedback).containsExactly("teams:need-both:down");
  }

  @Test
  void feedback_onAnIntentTheGuideDoesNotHave_isRefusedAndNeverReachesTheListener() {
    Conversation you = new Conversation();

    // A crafted click (or one drawn before the content changed) must not mint a metric label.
    assertThat(you.bot.feedback("slack", "drop-table", true)).isFalse();
    assertThat(you.bot.feedback("slack", "", true)).isFalse();
    assertThat(you.bot.feedback("slack", null, true)).isFalse();
    assertThat(you.bot.feedback("slack", "none", true)).isTrue();

    assertThat(you.feedback).containsExactly("slack:none:up");
  }

  @Test
  void search_aQuestion_listsTheSectionItMatchesFirst() {
    assertThat(YOU.bot.search("do we need both"))
        .extracting(Topic::id)
        .first()
        .isEqualTo("need-both");
    assertThat(YOU.bot.search("analogy")).extracting(Topic::id).first().isEqualTo("analogy");
  }

  @Test
  void search_blankOrTheMenu_listsEveryTopicInTheGuidesOrder() {
    assertThat(YOU.bot.search("")).isEqualTo(YOU.bot.topics());
    assertThat(YOU.bot.search("   ")).isEqualTo(YOU.bot.topics());
    assertThat(YOU.bot.search(null)).isEqualTo(YOU.bot.topics());
    assertThat(YOU.bot.search("topics")).isEqualTo(YOU.bot.topics());
  }

  @Test
  void search_outsideTheScript_listsOnlyRealMatchesNotTheClosestTopics() {
    assertThat(YOU.bot.search("pricing")).isEmpty();
    assertThat(YOU.bot.search("what is the weather in seattle"))
        .extracting(Topic::id)
        .doesNotContain("need-both");
  }

  @Test
  void search_isNotAnAskedQuestion() {
    Conversation you = new Conversation();

    you.bot.search("do we nee");

    assertThat(you.heard).isEmpty();
  }

  @Test
  void replaceGuide_answersFromTheNewContentFromThenOn() throws ContentException {
    Conversation you = new Conversation();
    Guide builtIn = GuideLoader.builtIn();
    Section analogy = builtIn.section("analogy").orElseThrow();
    Section renamed =
        new Section(
            analogy.id(),
            "A renamed analogy",
            analogy.summary(),
            analogy.heading(),
            analogy.blocks(),
            analogy.followUps(),
            analogy.companions(),
            analogy.keywords(),
            analogy.examples(),
            analogy.source());
    List<Section> sections =
        builtIn.sections().stream().map(s -> s.id().equals("analogy") ? renamed : s).toList();

    you.bot.replaceGuide(
        new Guide(sections, builtIn.help(), builtIn.none(), builtIn.synonyms(), "edited"));

    assertThat(you.bot.open("analogy").title()).isEqualTo("A renamed analogy");
    assertThat(you.bot.guide().origin()).isEqualTo("edited");
  }

  @Test
  void create_fromAPreparedGuide_answersAsABotMadeFromTheGuide() {
    Guide guide = builtIn();
    PitchBot.Prepared prepared = PitchBot.prepare(guide);
    PitchBot fromPrepared =
        PitchBot.create(
            prepared,
            BotListener.NONE,
            ConversationStore.inMemory(
                ConversationStore.MAX_CONVERSATIONS, ConversationStore.IDLE, Clock.systemUTC()));
    PitchBot fromGuide = PitchBot.create(guide);

    assertThat(prepared.guide()).isSameAs(guide);
    assertThat(fromPrepared.guide()).isSameAs(guide);
    for (String question :
        List.of(
            "do we need both?",
            "whats bedrok",
            "what's the weather in Seattle tomorrow?",
            "can I fine-tune on sagemaker?")) {
      Answer prepared1 = fromPrepared.ask(question, "test");
      Answer direct = fromGuide.ask(question, "test");
      assertThat(prepared1.kind()).as(question).isEqualTo(direct.kind());
      assertThat(prepared1.heading()).as(question).isEqualTo(direct.heading());
      assertThat(prepared1.plainText()).as(question).isEqualTo(direct.plainText());
    }
  }

  private static Guide builtIn() {
    try {
      return GuideLoader.builtIn();
    } catch (ContentException e) {
      throw new AssertionError(e);
    }
  }
}
