package dev.genaipitch.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a careful coach catches and a keyword count does not: paraphrase, the services swapped,
 * negation, one wrong mapping, word lists. Answers here are written for these tests (none is from a
 * graded set).
 */
final class AnswerGraderTest {

  private static AnswerGrader grader;

  @BeforeAll
  static void load() throws ContentException {
    grader = AnswerGrader.of(GuideLoader.builtIn().practice());
  }

  @Test
  void grade_scriptsOwnWords_isStrongWithEveryPoint() {
    Grade g =
        grade(
            "need-both",
            "Most enterprises start with Bedrock to prove value quickly. As maturity grows,"
                + " SageMaker comes in where deeper customization or governance is required.");

    assertThat(g.level()).isEqualTo(Grade.Level.STRONG);
    assertThat(g.carried()).contains("start-bedrock", "sagemaker-later");
    assertThat(g.mistakes()).isEmpty();
    assertThat(g.score()).isGreaterThan(0.6);
  }

  @Test
  void grade_paraphrase_consumeForUseAndOwnForControl_isStrong() {
    Grade g =
        grade(
            "definitions",
            "Bedrock lets a team consume ready-made foundation models safely, nobody on their side"
                + " runs GPUs or servers. SageMaker is where a team develops and tailors models on"
                + " its own data and owns the whole lifecycle.");

    assertThat(g.level()).isEqualTo(Grade.Level.STRONG);
  }

  @Test
  void grade_managedLikeRds_carriesTheAnalogy() {
    Grade g =
        grade(
            "analogy",
            "bedrock's managed like RDS: pick a model, configure it and call it, the engine stays"
                + " AWS's problem. sagemaker is EC2 with a data science platform on top where you"
                + " decide how models are trained and evaluated.");

    assertThat(g.level()).isEqualTo(Grade.Level.STRONG);
  }

  @Test
  void grade_servicesSwappedInAnOtherwisePerfectAnswer_isOff() {
    Grade g =
        grade(
            "need-both",
            "Most enterprises start with SageMaker to prove value quickly. As maturity grows,"
                + " Bedrock comes in where deeper customization or governance is required.");

    assertThat(g.level()).isEqualTo(Grade.Level.OFF);
    assertThat(g.mistakes()).extracting(Grade.Mistake::kind).contains(Grade.Mistake.Kind.SWAPPED);
  }

  @Test
  void grade_definitionsSwapped_isOffWithNothingCarried() {
    Grade g =
        grade(
            "definitions",
            "SageMaker is for teams that want to use foundation models securely without worrying"
                + " about GPUs. Bedrock is for teams that build and customize models on their own"
                + " data with full control over training.");

    assertThat(g.level()).isEqualTo(Grade.Level.OFF);
    assertThat(g.carried()).isEmpty();
  }

  @Test
  void grade_negatedKeyPoint_isOff() {
    Grade g =
        grade(
            "need-both",
            "You don't need to start with Bedrock at all; skip it and go straight to SageMaker.");

    assertThat(g.level()).isEqualTo(Grade.Level.OFF);
    assertThat(g.carried()).doesNotContain("start-bedrock");
  }

  @Test
  void grade_negatedControl_isAMistakeNotACarriedPoint() {
    Grade g =
        grade(
            "definitions",
            "Bedrock is for using foundation models. SageMaker is not about control or"
                + " governance.");

    assertThat(g.carried()).doesNotContain("sagemaker-control");
    assertThat(g.mistakes())
        .contains(new Grade.Mistake("sagemaker-control", Grade.Mistake.Kind.CONTRADICTED));
  }

  @Test
  void grade_oneWrongMappingInARightMessage_isPartial() {
    Grade g =
        grade(
            "analogy",
            "Bedrock is like RDS for AI models: you choose one and call it by API, never touching"
                + " the engine. SageMaker is like Lambda, you don't manage anything.");

    assertThat(g.level()).isEqualTo(Grade.Level.PARTIAL);
    assertThat(g.carried()).contains("bedrock-rds", "bedrock-no-engine");
    assertThat(g.missed()).contains("sagemaker-ec2");
  }

  @Test
  void grade_keywordSalad_isOff() {
    Grade g =
        grade(
            "not-competing",
            "Stages, journey, competing, Bedrock, SageMaker, training, production, data science,"
                + " apps: that's the whole AWS story.");

    assertThat(g.level()).isEqualTo(Grade.Level.OFF);
  }

  @Test
  void grade_rightContentForAnotherSection_isOff() {
    Grade g =
        grade(
            "executive-summary",
            "Think of Bedrock like RDS for AI models, SageMaker like EC2 plus a data science"
                + " platform.");

    assertThat(g.level()).isEqualTo(Grade.Level.OFF);
  }

  @Test
  void grade_typos_areReadAsTheWordsMeant() {
    Grade g =
        grade(
            "not-competing",
            "theyre not competeing, they solve 2 diffrent stages of the ai jouney: bedrock for"
                + " using ai quikly, sagemaker for customising and trainning");

    assertThat(g.level()).isEqualTo(Grade.Level.STRONG);
  }

  @Test
  void grade_shortButComplete_isStrong() {
    assertThat(
            grade("need-both", "Bedrock first to prove value; SageMaker later for governance.")
                .level())
        .isEqualTo(Grade.Level.STRONG);
  }

  @Test
  void grade_mainMessageOnly_isPartial() {
    Grade g = grade("when-sagemaker", "When AI is core to the business.");

    assertThat(g.level()).isEqualTo(Grade.Level.PARTIAL);
    assertThat(g.carried()).containsExactly("ai-core");
    assertThat(g.missed()).containsExactly("use-cases", "why-sagemaker", "own-models");
  }

  @Test
  void grade_emptyOrBlank_isOffWithEveryPointMissed() {
    for (String answer : new String[] {"", "   ", "\n\n", null}) {
      Grade g = grader.grade("need-both", answer).orElseThrow();

      assertThat(g.level()).isEqualTo(Grade.Level.OFF);
      assertThat(g.score()).isZero();
      assertThat(g.missed()).containsExactly("start-bedrock", "sagemaker-later", "journey");
    }
  }

  @Test
  void grade_tenThousandCharacters_isGraded() {
    String answer =
        "Most enterprises start with Bedrock to prove value quickly. "
            .repeat(170)
            .substring(0, 10_000);

    Grade g = grade("need-both", answer);

    assertThat(g.carried()).contains("start-bedrock");
    assertThat(g.level()).isEqualTo(Grade.Level.PARTIAL);
  }

  @Test
  void grade_anotherLanguage_getsAGradeNotAnError() {
    Grade g =
        grade(
            "need-both",
            "La mayoría de las empresas empiezan con Bedrock para demostrar valor rápidamente.");

    assertThat(g.level()).isNotNull();
    assertThat(g.carried().size() + g.missed().size()).isEqualTo(3);
  }

  @Test
  void grade_binaryAndEmojiNoise_isOff() {
    assertThat(grade("analogy", "\u0000\u0001🤷🤷 \uFFFD\uFFFD ;;; ,,, ...").level())
        .isEqualTo(Grade.Level.OFF);
  }

  @Test
  void grade_unknownSection_isEmpty() {
    assertThat(grader.grade("opening", "anything")).isEmpty();
    assertThat(grader.grade("nowhere", "anything")).isEmpty();
    assertThat(grader.grade(null, "anything")).isEmpty();
  }

  @Test
  void sections_areTheSevenThatStatePositions() {
    assertThat(grader.sections())
        .containsExactly(
            "definitions",
            "analogy",
            "when-bedrock",
            "when-sagemaker",
            "not-competing",
            "need-both",
            "executive-summary");
  }

  private static Grade grade(String section, String answer) {
    return grader.grade(section, answer).orElseThrow();
  }
}
