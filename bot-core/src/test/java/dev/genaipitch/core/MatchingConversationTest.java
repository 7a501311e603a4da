package dev.genaipitch.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
