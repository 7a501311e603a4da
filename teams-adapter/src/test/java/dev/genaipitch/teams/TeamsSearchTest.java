package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genaipitch.core.Topic;
import dev.genaipitch.testing.FakeBotConnector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The search messaging extension, typed into from the compose box. */
final class TeamsSearchTest {

  @AutoClose private final EmulatorChat chat = new EmulatorChat();
  private final FakeBotConnector connector = chat.connector;
  private final RunningBot bot = chat.bot;
  private final FakeTeams teams = chat.teams;

  @Test
  void query_returnsTheBestMatchingSectionsFirst_asAList() {
    FakeTeams.Response response = teams.search("analogy");

    assertThat(response.status()).isEqualTo(200);
    JsonNode result = response.json().path("composeExtension");
    assertThat(result.path("type").asText()).isEqualTo("result");
    assertThat(result.path("attachmentLayout").asText()).isEqualTo("list");
    JsonNode first = result.path("attachments").get(0);
    assertThat(first.path("preview").path("content").path("title").asText())
        .isEqualTo("The RDS/EC2 analogy");
    assertThat(first.path("preview").path("content").path("text").asText())
        .isEqualTo(topic("analogy").summary());
    assertThat(connector.replies()).as("searching posts nothing").isEmpty();
  }

  @Test
  void choosingAResult_insertsTheFullAnswerCard() throws Exception {
    JsonNode chosen =
        teams.search("do we need both").json().path("composeExtension").path("attachments").get(0);

    assertThat(chosen.path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(chosen.path("content"))
        .isEqualTo(new ObjectMapper().readTree(TeamsPreview.cardJson(bot.bot.open("need-both"))));
    assertThat(chosen.path("content").toString())
        .contains("Most enterprises start with Bedrock to prove value quickly.");
  }

  @Test
  void emptyQuery_listsEveryTopic_inTheGuidesOrder() {
    assertThat(titles(teams.openSearch()))
        .containsExactlyElementsOf(bot.bot.topics().stream().map(Topic::title).toList());
    assertThat(titles(teams.search("   "))).hasSize(bot.bot.topics().size());
  }

  @Test
  void query_isNotReportedAsAQuestion() {
    teams.search("do we nee");

    assertThat(bot.heard.questions).isEmpty();
  }

  @Test
  void queryOutsideTheScript_findsNothingRatherThanGuessing() {
    assertThat(titles(teams.search("what is the weather in seattle")))
        .doesNotContain("Do we need both?");
    assertThat(titles(teams.search("pricing"))).isEmpty();
  }

  @Test
  void queryForTheMenu_listsEveryTopic() {
    assertThat(titles(teams.search("topics"))).hasSize(bot.bot.topics().size());
  }

  private Topic topic(String id) {
    return bot.bot.topics().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> titles(FakeTeams.Response response) {
    assertThat(response.status()).isEqualTo(200);
    List<String> titles = new ArrayList<>();
    response
        .json()
        .path("composeExtension")
        .path("attachments")
        .forEach(a -> titles.add(a.path("preview").path("content").path("title").asText()));
    return titles;
  }
}
