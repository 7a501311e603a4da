package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genaipitch.core.Topic;
import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.SentMessage;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Conversations in Teams with the Emulator-style endpoint (no app id): mentions, chats, cards,
 * clicks.
 */
final class TeamsConversationTest {

  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly.";

  @AutoClose private final EmulatorChat chat = new EmulatorChat();
  private final FakeBotConnector connector = chat.connector;
  private final RunningBot bot = chat.bot;
  private final FakeTeams teams = chat.teams;

  @Test
  void channelMention_repliesWithTheSectionCard() {
    FakeTeams.Response response = teams.channelMessage("<at>genai-pitch</at> do we need both?");

    assertThat(response.status()).isEqualTo(200);
    assertThat(connector.replies())
        .singleElement()
        .satisfies(
            reply -> {
              assertThat(reply.path())
                  .startsWith("/v3/conversations/" + FakeTeams.CHANNEL + "/activities/");
              assertThat(reply.replyToId()).isNotEmpty();
              assertThat(reply.path()).endsWith("/activities/" + reply.replyToId());
              assertThat(reply.card().path("type").asText()).isEqualTo("AdaptiveCard");
              assertThat(reply.card().path("version").asText()).isEqualTo("1.5");
              assertThat(reply.cardText()).contains("Do we need both?").contains(NEED_BOTH);
              assertThat(reply.text()).isEmpty();
            });
    assertThat(bot.heard.questions).containsExactly("do we need both?");
  }

  @Test
  void channelMessage_withoutMention_isNotAnswered() {
    assertThat(teams.channelMessage("do we need both?").status()).isEqualTo(200);

    assertThat(connector.replies()).isEmpty();
    assertThat(bot.heard.questions).isEmpty();
  }

  @Test
  void channelMessage_withAtTagButNoMentionEntity_isNotAnswered() {
    var activity =
        teams.message("<at>genai-pitch</at> do we need both?", "channel", FakeTeams.CHANNEL);
    activity.remove("entities");

    assertThat(teams.post(activity).status()).isEqualTo(200);
    assertThat(connector.replies()).isEmpty();
  }

  @Test
  void mentionMidSentence_isRemovedBeforeMatching() {
    teams.channelMessage("hey <at>genai-pitch</at> do we need both?");

    assertThat(bot.heard.questions).containsExactly("hey do we need both?");
    assertThat(connector.replies())
        .singleElement()
        .satisfies(r -> assertThat(r.cardText()).contains(NEED_BOTH));
  }

  @Test
  void severalMentions_leaveNoAtTagsBehind() {
    teams.channelMessage(
        "<at>genai-pitch</at> <at>Alice</at> asked: give me the analogy <at>genai-pitch</at>");

    assertThat(bot.heard.questions).containsExactly("Alice asked: give me the analogy");
    assertThat(connector.replies())
        .singleElement()
        .satisfies(r -> assertThat(r.cardText()).contains("Amazon RDS for AI models"));
  }

  @Test
  void formattedMessage_losesItsHtmlBeforeMatching() {
    teams.channelMessage("<p><at>genai-pitch</at> do we <strong>need</strong> both &amp; why?</p>");

    assertThat(bot.heard.questions).containsExactly("do we need both & why?");
  }

  @Test
  void groupChatMention_isAnswered_andUnmentionedMessageIsNot() {
    teams.groupChatMessage("what's the exec summary?");
    teams.groupChatMessage("<at>genai-pitch</at> what's the exec summary?");

    assertThat(connector.replies())
        .singleElement()
        .satisfies(
            reply -> {
              assertThat(reply.path())
                  .startsWith("/v3/conversations/" + FakeTeams.GROUP_CHAT + "/activities/");
              assertThat(reply.cardText())
                  .contains("Bedrock helps you move fast, SageMaker helps you go deep");
            });
  }

  @Test
  void personalChat_answersEveryMessage() {
    teams.personalMessage("give me the analogy");
    teams.personalMessage("when should a customer use sagemaker?");

    assertThat(connector.replies()).hasSize(2);
    assertThat(connector.replies().get(0).cardText()).contains("Amazon RDS for AI models");
    assertThat(connector.replies().get(1).cardText())
        .contains("when AI _is core to your business_");
  }

  @Test
  void emptyMention_showsTheTopicMenu() {
    teams.channelMessage("<at>genai-pitch</at>");

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.cardText()).contains("What I can help with");
    assertThat(reply.buttons())
        .extracting(SentMessage.Button::title)
        .containsExactlyElementsOf(bot.bot.topics().stream().map(Topic::title).toList());
  }

  @Test
  void help_showsTheTopicMenu() {
    teams.personalMessage("help");

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.cardText()).contains("What I can help with");
    for (Topic topic : bot.bot.topics()) {
      assertThat(reply.cardText()).contains(Markdown.escape(topic.summary()));
      assertThat(reply.button(topic.title()).data().path("intent").asText()).isEqualTo(topic.id());
    }
  }

  @Test
  void outOfScope_saysPlainlyItIsNotInTheScript_withTheClosestTopicsAndTheMenuAClickAway() {
    teams.personalMessage("what does bedrock cost per token in eu-west-1?");

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.cardText())
        .contains("not in the script")
        .contains("so I won’t guess")
        .doesNotContain(NEED_BOTH);
    List<String> titles = reply.buttons().stream().map(SentMessage.Button::title).toList();
    assertThat(titles).doesNotHaveDuplicates();
    assertThat(reply.button("All topics").data().toString())
        .isEqualTo("{\"action\":\"open\",\"intent\":\"help\"}");
    assertThat(titles)
        .filteredOn(t -> bot.bot.topics().stream().anyMatch(topic -> topic.title().equals(t)))
        .hasSizeLessThanOrEqualTo(2);
    assertThat(reply.summary()).contains("not in the script");
  }

  @Test
  void oneFactQuestion_cardShowsTheScriptsLineFirst() {
    teams.personalMessage("do teams need ML expertise for bedrock?");

    String text = connector.replies().get(0).cardText();
    assertThat(text).contains("The script says:** “No ML expertise required”");
    assertThat(text.indexOf("The script says")).isLessThan(text.indexOf("When to Use"));
  }

  @Test
  void twoPartQuestion_cardAnswersTheCoveredPartAndNamesTheOther() {
    teams.personalMessage("exec summary + which regions is bedrock in?");

    assertThat(connector.replies()).hasSize(1);
    assertThat(connector.replies().get(0).cardText())
        .contains("Bedrock helps you move fast, SageMaker helps you go deep")
        .contains("Not in the script, so no answer here: “which regions is bedrock in?”");
  }

  // Regression (issue 10): the asker's words went into a TextBlock, whose Markdown rendered their
  // **bold**, _italics_ and [links](…) (its backslash escapes are not rendered alike everywhere).
  @Test
  void twoPartQuestion_showsTheUncoveredWordsAsTyped_neverAsMarkdown() {
    // One part: a "?" inside would split it in two (multi-part questions).
    String typed = "which regions is **bedrock** _in_ [click](https://evil.example)";
    teams.personalMessage("exec summary + " + typed);

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.cardText()).contains("Not in the script, so no answer here: “which regions");
    List<JsonNode> runs = reply.elements("TextRun");
    assertThat(runs)
        .singleElement()
        .satisfies(run -> assertThat(run.path("text").asText()).contains(typed));
    assertThat(reply.elements("TextBlock"))
        .noneSatisfy(block -> assertThat(block.path("text").asText()).contains("which regions"));
    // A Teams card mentions only whom its msteams entities name: this one names nobody.
    assertThat(reply.card().path("msteams").has("entities")).isFalse();
  }

  @Test
  void twoPartQuestion_showsControlCharactersAsSymbols() {
    teams.personalMessage("exec summary + which regions\u0007\u001b[2J is bedrock in?");

    assertThat(connector.replies().get(0).cardText())
        .contains("Not in the script, so no answer here: “which regions␇␛[2J is bedrock in?”");
  }

  @Test
  void needBoth_oneCardCarriesTheJourneyAnswerAndTheAnalogy() {
    teams.personalMessage("do we need both?");

    assertThat(connector.replies()).hasSize(1);
    SentMessage reply = connector.replies().get(0);
    String text = reply.cardText();
    assertThat(text)
        .contains("Most enterprises start with Bedrock to prove value quickly.")
        .contains("3️⃣ The Analogy That Makes It Instantly Clear")
        .contains("Think of Bedrock like Amazon RDS for AI models.")
        .contains("SageMaker is like EC2 plus a full data science platform.");
    assertThat(text.indexOf("Most enterprises")).isLessThan(text.indexOf("Amazon RDS"));
    assertThat(reply.elements("Container"))
        .filteredOn(c -> c.path("style").asText().equals("emphasis"))
        .anySatisfy(quote -> assertThat(quote.toString()).contains("Amazon RDS for AI models"));
  }

  @Test
  void sectionCard_setsQuotesApart_andShowsTheStageTable() {
    teams.personalMessage("are bedrock and sagemaker competing?");

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.elements("Container"))
        .filteredOn(c -> c.path("style").asText().equals("emphasis"))
        .anySatisfy(
            quote ->
                assertThat(quote.toString())
                    .contains("Bedrock and SageMaker are not competing services."));
    JsonNode table = reply.elements("Table").get(0);
    assertThat(table.path("firstRowAsHeader").asBoolean()).isTrue();
    assertThat(table.path("rows")).hasSize(5);
    assertThat(table.path("rows").get(1).toString()).contains("Use AI quickly").contains("Bedrock");
    JsonNode facts = table.path("fallback");
    assertThat(facts.path("type").asText()).isEqualTo("FactSet");
    assertThat(facts.path("facts").get(2).path("title").asText())
        .isEqualTo("Customize & evolve AI");
    assertThat(facts.path("facts").get(2).path("value").asText()).isEqualTo("SageMaker");
  }

  @Test
  void sectionCard_offersFollowUpsAndFeedback() {
    teams.personalMessage("do we need both?");

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.button("Not competing: two stages of the journey").data().toString())
        .isEqualTo("{\"action\":\"open\",\"intent\":\"not-competing\"}");
    assertThat(reply.button("The 60-second executive summary").data().path("intent").asText())
        .isEqualTo("executive-summary");
    assertThat(reply.button("Helpful 👍").data().toString())
        .isEqualTo("{\"action\":\"feedback\",\"intent\":\"need-both\",\"helpful\":true}");
    assertThat(reply.button("Not helpful 👎").data().path("helpful").asBoolean()).isFalse();
  }

  @Test
  void nearMiss_offersTheClosestTopics() {
    teams.personalMessage("how do I migrate RDS to Aurora?");

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.cardText()).contains("Closest topics");
    assertThat(reply.button("The RDS/EC2 analogy").data().path("intent").asText())
        .isEqualTo("analogy");
  }

  @Test
  void closeCall_offersDidYouMean() {
    teams.personalMessage("explain bedrock vs sagemaker to an executive");

    // A close call between the analogy and the executive summary: the card offers the runner-up.
    SentMessage reply = connector.replies().get(0);
    assertThat(reply.cardText()).contains("Did you mean");
    String answered = reply.button("Helpful 👍").data().path("intent").asText();
    assertThat(answered).isIn("analogy", "executive-summary");
    String runnerUp =
        answered.equals("analogy") ? "The 60-second executive summary" : "The RDS/EC2 analogy";
    assertThat(reply.button(runnerUp).data().path("action").asText()).isEqualTo("open");
  }

  @Test
  void buttonClick_isAnsweredWithThatSection() {
    teams.channelMessage("<at>genai-pitch</at> do we need both?");
    SentMessage.Button next = connector.replies().get(0).button("The 60-second executive summary");

    teams.click(next.data());

    assertThat(connector.replies()).hasSize(2);
    assertThat(connector.replies().get(1).cardText())
        .contains("The 60-second executive summary")
        .contains("Bedrock helps you move fast, SageMaker helps you go deep");
  }

  @Test
  void clickOnATopicRow_inTheMenu_opensTheTopic() {
    teams.personalMessage("help");
    teams.click(connector.replies().get(0).button("Do we need both?").data());

    assertThat(connector.replies().get(1).cardText()).contains(NEED_BOTH);
  }

  @Test
  void clickForASectionThatNoLongerExists_opensTheMenu() {
    teams.click(
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("action", "open")
            .put("intent", "retired-section"));

    assertThat(connector.replies().get(0).cardText()).contains("What I can help with");
  }

  @Test
  void feedbackClick_isRecordedAndAcknowledged() {
    teams.personalMessage("do we need both?");
    teams.click(connector.replies().get(0).button("Helpful 👍").data());
    teams.click(connector.replies().get(0).button("Not helpful 👎").data());

    assertThat(bot.heard.feedback)
        .containsExactly("teams need-both helpful", "teams need-both not helpful");
    assertThat(connector.replies().get(1).text()).isEqualTo("Thanks for the feedback.");
    assertThat(connector.replies().get(1).card().isMissingNode()).isTrue();
  }

  @Test
  void feedbackClick_forAnIntentTheGuideDoesNotKnow_isAcknowledgedButNotRecorded() {
    teams.click(
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("action", "feedback")
            .put("intent", "made-up-" + System.nanoTime())
            .put("helpful", true));

    assertThat(bot.heard.feedback).isEmpty();
    assertThat(connector.replies().get(0).text()).isEqualTo("Thanks for the feedback.");
  }

  @Test
  void answers_carryAPlainTextFallback() {
    teams.personalMessage("do we need both?");

    SentMessage reply = connector.replies().get(0);
    assertThat(reply.summary())
        .startsWith("7️⃣ Address the Common Customer Confusion")
        .contains(NEED_BOTH)
        .doesNotContain("**");
    assertThat(reply.card().path("fallbackText").asText()).isEqualTo(reply.summary());
  }

  @Test
  void botAddedToATeam_introducesItselfOnce_withTheMenu() {
    teams.botAdded("channel");

    assertThat(connector.replies())
        .singleElement()
        .satisfies(
            welcome -> {
              assertThat(welcome.path())
                  .isEqualTo("/v3/conversations/" + FakeTeams.CHANNEL + "/activities");
              assertThat(welcome.replyToId()).isEmpty();
              assertThat(welcome.cardText()).contains("What I can help with");
              assertThat(welcome.buttons()).hasSize(bot.bot.topics().size());
            });
  }

  @Test
  void botAddedToAPersonalChat_introducesItselfOnce() {
    teams.botAdded("personal");

    assertThat(connector.replies())
        .singleElement()
        .satisfies(
            welcome ->
                assertThat(welcome.path())
                    .isEqualTo("/v3/conversations/" + FakeTeams.PERSONAL + "/activities"));
  }

  @Test
  void botAddedToldTwice_isWelcomedOnce_perConversation() {
    teams.botAdded("channel");
    teams.botAdded("channel");
    teams.botAdded("personal");

    assertThat(connector.replies())
        .extracting(SentMessage::path)
        .containsExactly(
            "/v3/conversations/" + FakeTeams.CHANNEL + "/activities",
            "/v3/conversations/" + FakeTeams.PERSONAL + "/activities");
  }

  @Test
  void someoneElseJoining_isNotWelcomed() {
    assertThat(teams.userJoined().status()).isEqualTo(200);

    assertThat(connector.replies()).isEmpty();
  }

  @Test
  void repliesGoFromTheBotToTheUser_inTheSameConversation() {
    teams.channelMessage("<at>genai-pitch</at> do we need both?");

    JsonNode activity = connector.replies().get(0).activity();
    assertThat(activity.path("type").asText()).isEqualTo("message");
    assertThat(activity.path("from").path("id").asText()).isEqualTo(FakeTeams.BOT_ID);
    assertThat(activity.path("recipient").path("id").asText()).isEqualTo(FakeTeams.USER_ID);
    assertThat(activity.path("conversation").path("id").asText()).isEqualTo(FakeTeams.CHANNEL);
    assertThat(activity.path("attachments").get(0).path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    // Without an app id there is no Azure AD token to send.
    assertThat(connector.replies().get(0).authorization()).isNull();
  }

  @Test
  void everyAnswerCard_staysWithinSchema15() {
    for (String question :
        List.of("help", "do we need both?", "stage table", "pricing?", "sagemaker")) {
      teams.personalMessage(question);
    }

    assertThat(connector.replies())
        .hasSize(5)
        .allSatisfy(
            reply -> {
              assertThat(reply.card().path("version").asText()).isEqualTo("1.5");
              assertThat(reply.card().toString())
                  .doesNotContain("Action.Execute")
                  .doesNotContain("\"version\":\"1.6\"");
            });
  }
}
