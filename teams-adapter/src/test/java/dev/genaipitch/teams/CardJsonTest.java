package dev.genaipitch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genaipitch.core.Answer;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.Section;
import dev.genaipitch.core.practice.Coaching;
import dev.genaipitch.core.practice.PracticeQuestion;
import dev.genaipitch.core.practice.PracticeStore;
import dev.genaipitch.core.practice.Rehearsal;
import dev.genaipitch.core.practice.ScriptAnswer;
import dev.genaipitch.teams.AdaptiveCard.ActionSet;
import dev.genaipitch.teams.AdaptiveCard.Cell;
import dev.genaipitch.teams.AdaptiveCard.Column;
import dev.genaipitch.teams.AdaptiveCard.Container;
import dev.genaipitch.teams.AdaptiveCard.Fact;
import dev.genaipitch.teams.AdaptiveCard.FactSet;
import dev.genaipitch.teams.AdaptiveCard.MsTeams;
import dev.genaipitch.teams.AdaptiveCard.RichTextBlock;
import dev.genaipitch.teams.AdaptiveCard.Row;
import dev.genaipitch.teams.AdaptiveCard.Submit;
import dev.genaipitch.teams.AdaptiveCard.Table;
import dev.genaipitch.teams.AdaptiveCard.TextBlock;
import dev.genaipitch.teams.AdaptiveCard.TextRun;
import dev.genaipitch.teams.IncomingActivity.Account;
import dev.genaipitch.teams.IncomingActivity.Conversation;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link CardJson} writes exactly the bytes Jackson's reflective writer gives for the card and
 * activity records: every section's card (opened and asked), the menu, the practice cards, the
 * search results, and cards and activities with every optional field set and left out.
 */
final class CardJsonTest {

  private static final ObjectMapper REFLECTIVE = Json.reflective().build();

  private static final String STRONG =
      "Most enterprises start with Bedrock to prove value quickly, and as maturity grows"
          + " SageMaker comes in where deeper customization or governance is needed.";

  @Test
  void card_everySectionOpenedAndAsked_isWhatTheReflectiveWriterWrites() throws Exception {
    PitchBot bot = RunningBot.sharedBotForTests();
    List<Section> sections = bot.guide().sections();
    assertThat(sections).isNotEmpty();
    for (Section section : sections) {
      assertSame(AnswerCards.card(bot.open(section.id())));
      assertSame(AnswerCards.card(bot.open(section.id(), "card-json-test:" + section.id())));
      Answer asked = bot.ask(section.title(), "teams");
      assertSame(AnswerCards.card(asked));
      for (String example : section.examples().subList(0, Math.min(3, section.examples().size()))) {
        assertSame(AnswerCards.card(bot.ask(example, "teams", "card-json-test")));
      }
    }
    assertSame(AnswerCards.card(bot.menu()));
    assertSame(AnswerCards.card(bot.ask("help", "teams")));
    assertSame(
        AnswerCards.card(bot.ask("zxqv plorb \"quoted\" \\ <b>*x*</b> \u2028 é 🚀", "teams")));
  }

  @Test
  void card_practiceRounds_isWhatTheReflectiveWriterWrites() throws Exception {
    PitchBot bot = RunningBot.sharedBotForTests();
    Rehearsal rehearsal =
        Rehearsal.create(bot.guide(), PracticeStore.inMemory(100), Clock.systemUTC(), false);
    int rounds = 0;
    for (Section section : bot.guide().sections()) {
      Optional<PracticeQuestion> question = rehearsal.start("rep", section.id());
      if (question.isEmpty()) {
        continue;
      }
      rounds++;
      assertSame(PracticeCards.question(question.get()));
      for (String answer : List.of(STRONG, "I don't know", "Bedrock *is* <b>EC2</b>")) {
        Optional<Coaching> coaching = rehearsal.answer("rep", answer);
        assertThat(coaching).isPresent();
        assertSame(PracticeCards.coaching(coaching.get(), "The next section"));
        assertSame(PracticeCards.coaching(coaching.get(), null));
        rehearsal.tryAgain("rep");
      }
      Optional<ScriptAnswer> script = rehearsal.showAnswer("rep");
      if (script.isPresent()) {
        assertSame(PracticeCards.scriptAnswer(script.get()));
      }
    }
    assertThat(rounds).isPositive();
    assertSame(PracticeCards.unknownSection("**pricing** <b>now</b>", List.of("a", "b")));
  }

  @Test
  void write_searchResultsAndPreview_isWhatTheReflectiveWriterWrites() throws Exception {
    PitchBot bot = RunningBot.sharedBotForTests();
    MessagingExtension search = new MessagingExtension(bot);
    for (String query : Arrays.asList(null, "", "bedrock", "do we need both", "zzzz")) {
      ObjectNode value = JsonNodeFactory.instance.objectNode();
      if (query != null) {
        value.putArray("parameters").addObject().put("name", "query").put("value", query);
      }
      value.putObject("queryOptions").put("count", 25);
      Object response = search.query(value);
      assertThat(Json.write(response)).isEqualTo(REFLECTIVE.writeValueAsString(response));
    }
    Answer answer = bot.open(bot.guide().sections().get(0).id());
    assertThat(TeamsPreview.cardJson(answer))
        .isEqualTo(REFLECTIVE.writeValueAsString(AnswerCards.card(answer)));
  }

  @Test
  void card_everyOptionalFieldSetAndLeftOut_isWhatTheReflectiveWriterWrites() throws Exception {
    TextBlock bare = new TextBlock("plain", false, null, null, null, null, null);
    TextBlock full = TextBlock.of("**all** \"set\"\n\t").size("Large").bolder().subtle();
    full = full.color("Accent").spacing("None");
    TextBlock notSubtle = new TextBlock("", true, "", "", false, "", "");
    Submit open = new Submit("Open", new CardAction.Open("need-both"));
    Submit helpful = new Submit("👍", new CardAction.Feedback("need-both", true));
    Submit unhelpful = new Submit(null, new CardAction.Feedback("need-both", false));
    Submit practice = new Submit("Again", new CardAction.Practice(CardAction.Practice.AGAIN));
    Submit noData = new Submit("Nothing", null);
    List<AdaptiveCard.Element> elements =
        List.of(
            bare,
            full,
            notSubtle,
            new RichTextBlock(
                List.of(new TextRun("as *typed*", null), new TextRun("quiet", true)), "Small"),
            new RichTextBlock(List.of(new TextRun("", false)), null),
            new RichTextBlock(List.of(), ""),
            new Container(List.of(bare, full), "emphasis", open, "Medium"),
            new Container(List.of(), null, null, null),
            new Container(List.of(notSubtle), "", new Submit("", new CardAction.Open("")), ""),
            new ActionSet(List.of(open, helpful, unhelpful, practice, noData), "Small"),
            new ActionSet(List.of(), null),
            new ActionSet(List.of(new Submit("", new CardAction.Practice(""))), ""),
            new FactSet(List.of(new Fact("Bedrock", "API"), new Fact(null, ""))),
            new FactSet(List.of()),
            new Table(
                List.of(new Column(1), new Column(2)),
                List.of(
                    new Row(List.of(new Cell(List.of(bare)), new Cell(List.of(full)))),
                    new Row(List.of(new Cell(List.of())))),
                true,
                false,
                "accent",
                new FactSet(List.of(new Fact("a", "b")))),
            new Table(List.of(), List.of(), false, true, null, null),
            new Table(List.of(), List.of(new Row(List.of())), false, true, "", null),
            new Table(
                List.of(new Column(0)),
                List.of(),
                false,
                false,
                null,
                new Container(List.of(bare), null, null, null)));
    assertSame(AdaptiveCard.of(elements, "fallback \"text\""));
    assertSame(new AdaptiveCard(elements, null, null));
    assertSame(new AdaptiveCard(List.of(), "", new MsTeams(null)));
  }

  @Test
  void activity_everyShapeOfReply_isWhatTheReflectiveWriterWrites() throws Exception {
    AdaptiveCard card = AdaptiveCard.of(List.of(TextBlock.of("hi")), "hi");
    Conversation full = new Conversation("a:1/2 3", "personal", "tenant-1");
    Conversation bare = new Conversation("c", "", "");
    Account bot = new Account("28:bot", "genai-pitch");
    Account user = new Account("29:user", "Ada \"Quote\"");
    Account nameless = new Account("29:x", "");
    Account none = new Account("", "");
    List<OutgoingMessage> messages = new ArrayList<>();
    for (Conversation conversation : List.of(full, bare)) {
      for (Account to : List.of(user, nameless, none)) {
        messages.add(
            new OutgoingMessage(
                "http://127.0.0.1:1/", "msteams", conversation, bot, to, "id-1", "", "hi", card));
        messages.add(
            new OutgoingMessage(
                "https://smba/", "emulator", conversation, bot, to, "", "short text", "", null));
        messages.add(
            new OutgoingMessage("", "", conversation, none, to, "", "", "", null)
                .intoConversation());
      }
    }
    for (OutgoingMessage message : messages) {
      assertSame(ConnectorReplies.Activity.of(message));
    }
    ConnectorReplies.Activity nulls =
        new ConnectorReplies.Activity(
            "message", null, null, null, null, null, null, null, null, null, List.of());
    assertSame(nulls);
  }

  private static void assertSame(AdaptiveCard card) throws Exception {
    String expected = REFLECTIVE.writeValueAsString(card);
    assertThat(written(json -> CardJson.card(json, card))).isEqualTo(expected);
    assertThat(Json.write(card)).isEqualTo(expected);
    assertThat(Json.bytes(card)).isEqualTo(REFLECTIVE.writeValueAsBytes(card));
  }

  private static void assertSame(ConnectorReplies.Activity activity) throws Exception {
    String expected = REFLECTIVE.writeValueAsString(activity);
    assertThat(written(json -> CardJson.activity(json, activity))).isEqualTo(expected);
    assertThat(new String(Json.bytes(activity), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(Json.bytes(activity)).isEqualTo(REFLECTIVE.writeValueAsBytes(activity));
  }

  /** What the writer itself writes, with a generator of the mapper's factory. */
  private static String written(Writing writing) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = REFLECTIVE.getFactory().createGenerator(out)) {
      writing.write(json);
    }
    return out.toString();
  }

  private interface Writing {
    void write(JsonGenerator json) throws IOException;
  }
}
