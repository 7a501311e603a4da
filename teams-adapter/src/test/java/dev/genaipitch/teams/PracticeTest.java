package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.SentMessage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A practice round in a Teams 1:1 chat: "practice", the customer's question, the next message
 * graded on an Adaptive Card, and the card's three buttons read back as Action.Submit data.
 */
final class PracticeTest {

  private static final String STRONG =
      "Most enterprises start with Bedrock to prove value quickly, and as maturity grows"
          + " SageMaker comes in where deeper customization or governance is needed.";
  private static final String PARTIAL = "Start with Bedrock, it proves value fast.";
  private static final String MISSED_LINE =
      "As maturity grows, SageMaker comes in where deeper customization or governance is"
          + " required.";

  @AutoClose private final EmulatorChat chat = new EmulatorChat();
  private final FakeBotConnector connector = chat.connector;
  private final RunningBot bot = chat.bot;
  private final FakeTeams teams = chat.teams;

  private SentMessage lastReply() {
    var replies = connector.replies();
    return replies.get(replies.size() - 1);
  }

  @Test
  void practice_asksTheCustomersQuestion_andTheNextMessageIsGradedOnACard() {
    assertThat(teams.personalMessage("practice need-both").status()).isEqualTo(200);

    SentMessage question = lastReply();
    assertThat(question.card().path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(question.cardText()).contains("Practice:", "Do we really need both of these?");

    teams.personalMessage(PARTIAL);

    SentMessage grade = lastReply();
    assertThat(grade.cardText()).contains("Partial", "1 of 3 key points", MISSED_LINE);
    assertThat(grade.buttons())
        .extracting(SentMessage.Button::title)
        .hasSize(3)
        .contains("Try again", "Show the script's answer")
        .anyMatch(t -> t.startsWith("Next question: "));
    assertThat(bot.heard.questions).isEmpty();
  }

  @Test
  void theGradeCardsButtons_askAgain_showTheScript_andMoveOn() {
    teams.personalMessage("practice need-both");
    teams.personalMessage(PARTIAL);
    SentMessage grade = lastReply();

    teams.personalClick(grade.button("Show the script's answer").data());
    assertThat(lastReply().cardText())
        .contains("The script's answer", "Most enterprises start with Bedrock", MISSED_LINE);

    teams.personalClick(grade.button("Try again").data());
    assertThat(lastReply().cardText()).contains("(try 2)", "Do we really need both of these?");

    teams.personalMessage(STRONG);
    SentMessage strong = lastReply();
    assertThat(strong.cardText()).contains("Strong");

    teams.personalClick(strong.buttons().get(0).data());
    assertThat(lastReply().cardText()).contains("Practice:").doesNotContain("Do we really need");
  }

  @Test
  void afterTheGrade_theNextMessageIsAQuestionAgain() {
    teams.personalMessage("practice need-both");
    teams.personalMessage(PARTIAL);

    teams.personalMessage("do we need both?");

    assertThat(lastReply().cardText()).doesNotContain("Partial").contains("Most enterprises");
    assertThat(bot.heard.questions).containsExactly("do we need both?");
  }

  @Test
  void practiceInAChannel_pointsToTheOneToOneChat_andNothingThereIsGraded() {
    teams.personalMessage("practice need-both");

    teams.channelMessage("<at>genai-pitch</at> practice");
    assertThat(lastReply().text()).contains("1:1 chat");
    teams.channelMessage("<at>genai-pitch</at> " + STRONG);

    assertThat(lastReply().cardText()).doesNotContain("Strong:");
  }

  @Test
  void unknownSection_isQuotedAsTyped_escaped() {
    teams.personalMessage("practice **pricing** <b>now</b>");

    SentMessage reply = lastReply();
    assertThat(reply.cardText()).contains("I can't practise", "need-both", "executive-summary");
    assertThat(reply.cardText()).contains("\\*\\*pricing\\*\\*");
  }

  @Test
  void aButtonWithoutARound_saysHowToStartOne() {
    teams.personalClick(
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("action", "practice")
            .put("choice", "answer"));

    assertThat(lastReply().text()).contains("send me “practice”");
  }
}
