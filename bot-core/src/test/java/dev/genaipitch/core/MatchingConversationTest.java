package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What people really type, and what the bot makes of it. */
final class MatchingConversationTest {

  private static final Conversation YOU = new Conversation();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          analogy                                  | analogy
          rds                                      | analogy
          tl;dr                                    | executive-summary
          elevator pitch                           | executive-summary
          stage table                              | not-competing
          """)
  void ask_bareKeyword_opensItsSection(String question, String section) {
    YOU.ask(question).isAnsweredWith(section);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          when is sagmaker the right choice                       | when-sagemaker
          whats bedrok                                            | definitions
          give me the anology                                     | analogy
          exectuive sumary please                                 | executive-summary
          """)
  void ask_withTypos_stillFindsTheSection(String question, String section) {
    YOU.ask(question).isAnsweredWith(section);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          DO WE NEED BOTH???                                                        | need-both
          🤔 do we need both? 🙏                                                    | need-both
          My customer asked whether Bedrock and SageMaker are competing services   | not-competing
          my customer wants to fine-tune a model on their proprietary claims data  | when-sagemaker
          they want an internal copilot for HR policy questions, what do I suggest | when-bedrock
          """)
  void ask_customerVoicedCapitalsAndEmoji_findsTheSection(String question, String section) {
    YOU.ask(question).isAnsweredWith(section);
  }

  @Test
  void ask_longRamblingMessage_findsTheQuestionInIt() {
    YOU.ask(
            "hey! quick one before my 3pm with a big insurer. their CTO keeps saying they'll have"
                + " to buy two AI platforms and he hates that. is it really one or the other, or do"
                + " they need both? thanks a lot, the last answer was super helpful")
        .isAnsweredWith("need-both");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"hi", "hello there", "help", "menu", "what can you do?", "   ", "🚀🚀🚀"})
  void ask_greetingOrMenuRequestOrNothing_showsTheMenu(String question) {
    YOU.ask(question).isTheMenu();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "is Redshift serverless?",
        "how do I migrate RDS to Aurora?",
        "how much does SageMaker cost per hour?",
        "is Bedrock available in eu-west-3?",
        "write me a haiku about the cloud",
        "what's the weather tomorrow?",
        "tell me about Kubernetes",
        "give me an analogy for explaining Kubernetes to my CFO"
      })
  void ask_outOfScopeOrNearMiss_saysItIsNotInTheScript(String question) {
    YOU.ask(question).isOutOfScope();
  }

  @Test
  void ask_ambiguousBetweenTwoSections_offersTheRunnerUp() {
    Answer answer = YOU.ask("explain bedrock vs sagemaker to an executive").answer();

    assertThat(answer.kind()).isEqualTo(Answer.Kind.SECTION);
    assertThat(answer.alternatives())
        .extracting(Topic::id)
        .isNotEmpty()
        .doesNotContain(answer.intent());
  }

  @Test
  void ask_twoThingsTheScriptCovers_answersBoth_inTheOrderAsked() {
    Answer answer =
        YOU.ask("need both? also give me the RDS line").isAnsweredWith("need-both").answer();

    // The analogy was asked for: it comes whole, not as need-both's companion quotes only.
    assertThat(answer.parts())
        .extracting(Part::intent, Part::role)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("analogy", Part.Role.ALSO_ASKED));
    assertThat(answer.parts().get(0).blocks()).hasSizeGreaterThan(2);
    assertThat(answer.notCovered()).isEmpty();
    assertThat(answer.followUps()).extracting(Topic::id).doesNotContain("analogy");
  }

  @Test
  void ask_onePartNotCovered_answersTheCoveredPart_andNamesTheOther() {
    Answer answer =
        YOU.ask("60-sec version + which regions is bedrock in?")
            .isAnsweredWith("executive-summary")
            .answer();

    assertThat(answer.notCovered()).containsExactly("which regions is bedrock in?");
    assertThat(answer.parts()).isEmpty();
  }

  @Test
  void ask_everyPartOutOfScope_isOutOfScope() {
    YOU.ask("how much does bedrock cost per token? and which regions is it in?").isOutOfScope();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          the one-line definitions and the stage table | definitions | not-competing |
          the elevator pitch, and the context window for claude | executive-summary | | the context window for claude
          the rds analogy & the latest titan model version | analogy | | the latest titan model version
          """)
  void ask_twoAsksJoinedByAndOrAmpersand_areAnsweredPartByPart(
      String question, String intent, String also, String notCovered) {
    Answer answer = YOU.ask(question).isAnsweredWith(intent).answer();

    assertThat(answer.parts().stream().filter(p -> p.role() == Part.Role.ALSO_ASKED))
        .extracting(Part::intent)
        .containsExactlyElementsOf(also == null ? List.of() : List.of(also));
    assertThat(answer.notCovered())
        .containsExactlyElementsOf(notCovered == null ? List.of() : List.of(notCovered));
  }

  @Test
  void ask_oneQuestionWithAmpersandInIt_isNotSplit() {
    Answer answer =
        YOU.ask("bedrock & sagemaker one-liners").isAnsweredWith("definitions").answer();

    assertThat(answer.parts()).allMatch(p -> p.role() == Part.Role.COMPANION);
    assertThat(answer.notCovered()).isEmpty();
  }

  @Test
  void ask_oneQuestionWithAndInIt_isNotSplit() {
    Answer answer = YOU.ask("what's the difference between bedrock and sagemaker").answer();

    assertThat(answer.parts()).allMatch(p -> p.role() == Part.Role.COMPANION);
    assertThat(answer.notCovered()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          do teams need ML expertise for bedrock?    | No ML expertise required
          is experiment tracking a sagemaker thing   | Experiment tracking
          """)
  void ask_aboutOneFact_showsTheScriptsLineFirst(String question, String line) {
    Answer answer = YOU.ask(question).answer();

    assertThat(answer.keyLine()).isEqualTo(line);
    assertThat(answer.ref())
        .endsWith(
            "#" + YOU.bot.guide().section(answer.intent()).orElseThrow().lines().indexOf(line));
  }

  @Test
  void open_aRefOfAnAnswerShownBefore_showsTheSameAnswer() {
    Answer asked = YOU.ask("need both? also give me the RDS line").answer();

    Answer reopened = YOU.bot.open(asked.ref());

    assertThat(reopened.intent()).isEqualTo(asked.intent());
    assertThat(reopened.parts()).isEqualTo(asked.parts());
    assertThat(reopened.keyLine()).isEqualTo(asked.keyLine());
  }
}
