package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.testing.FakeBotConnector;
import dev.genaipitch.testing.SentMessage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A follow-up in a 1:1 chat or a channel's reply chain is read after the bot's answer before it,
 * over real HTTP into the adapter, with the Bot Connector a loopback fake.
 */
final class TeamsFollowUpTest {

  private static final String SAGEMAKER = "when AI _is core to your business_";

  @AutoClose private final EmulatorChat chat = new EmulatorChat();
  private final FakeBotConnector connector = chat.connector;
  private final FakeTeams teams = chat.teams;

  @Test
  void followUp_inAPersonalChat_isReadAfterTheAnswerBefore() {
    teams.personalMessage("when to use bedrock");

    teams.personalMessage("and sagemaker?");

    assertThat(connector.replies()).hasSize(2);
    assertThat(connector.replies().get(1).cardText()).contains(SAGEMAKER);
  }

  @Test
  void followUp_inAChannelsReplyChain_isReadAfterTheAnswerThere() {
    teams.channelMessage("<at>genai-pitch</at> when to use bedrock");

    teams.channelMessage("<at>genai-pitch</at> shorter");

    assertThat(connector.replies()).hasSize(2);
    assertThat(connector.replies().get(1).cardText())
        .contains("When to Use Amazon Bedrock", "not the core research problem")
        .doesNotContain("Typical Bedrock Use Cases");
  }

  @Test
  void shorter_inAPersonalChat_isTheKeyMessage_andItsButtonsOpenTheWholeSectionOrTheSummary() {
    teams.personalMessage("when should I use sagemaker");

    teams.personalMessage("shorter");

    SentMessage brief = connector.replies().get(1);
    assertThat(brief.cardText())
        .contains("In brief", "their models, not just consume them")
        .doesNotContain("Typical SageMaker Use Cases", SAGEMAKER);

    ObjectNode summary = teams.activity("message", "personal", FakeTeams.PERSONAL);
    summary.set("value", brief.button("The 60-second executive summary").data());
    teams.post(summary);
    assertThat(connector.replies().get(2).cardText())
        .contains("Bedrock helps you move fast, SageMaker helps you go deep.");

    ObjectNode whole = teams.activity("message", "personal", FakeTeams.PERSONAL);
    whole.set("value", brief.button("The whole section").data());
    teams.post(whole);
    assertThat(connector.replies()).hasSize(4);
    assertThat(connector.replies().get(3).cardText())
        .contains(SAGEMAKER, "Typical SageMaker Use Cases", "their models, not just consume them");
  }

  @Test
  void followUp_inAnotherConversation_isReadAlone() {
    teams.personalMessage("when to use bedrock");

    teams.groupChatMessage("<at>genai-pitch</at> and sagemaker?");

    assertThat(connector.replies()).hasSize(2);
    assertThat(connector.replies().get(1).summary()).contains("not in the script");
  }

  @Test
  void buttonClickedInAPersonalChat_isTheContextOfTheNextMessage() {
    teams.personalMessage("give me the analogy");
    SentMessage.Button bedrock = connector.replies().get(0).button("When to use Bedrock");
    ObjectNode click = teams.activity("message", "personal", FakeTeams.PERSONAL);
    click.set("value", bedrock.data());
    teams.post(click);

    teams.personalMessage("and sagemaker?");

    assertThat(connector.replies()).hasSize(3);
    assertThat(connector.replies().get(2).cardText()).contains(SAGEMAKER);
  }

  @Test
  void completeQuestion_inAPersonalChat_isAnsweredAsItself() {
    teams.personalMessage("when to use bedrock");

    teams.personalMessage("do we need both?");

    assertThat(connector.replies().get(1).cardText())
        .contains("Most enterprises start with Bedrock to prove value quickly.");
  }
}
