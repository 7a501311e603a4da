package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import dev.genaipitch.core.eval.ConversationEvaluation;
import dev.genaipitch.core.eval.LabeledConversation;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The follow-up model the build ships is the one the content and settings train now. */
final class FollowUpsModelTest {

  @Test
  void shippedFollowUpModel_isFoundForTheBuiltInGuide() throws ContentException, IOException {
    Guide guide = GuideLoader.builtIn();
    TrainedModel matcher =
        ModelCache.lookup(ModelCache.fingerprint(guide, Tuning.DEFAULT)).orElseThrow();

    try (InputStream resource = FollowUps.class.getResourceAsStream(FollowUps.RESOURCE)) {
      assertThat(resource).as(FollowUps.RESOURCE).isNotNull();
      DataInputStream in = new DataInputStream(resource);
      in.readInt();
      assertThat(in.readUTF())
          .isEqualTo(FollowUps.fingerprint(guide, matcher, FollowUps.Settings.DEFAULT));
    }
  }

  /**
   * The follow-up model is several models trained on the same samples from seeds of their own and
   * averaged: each class's probability differs from the first member's alone, and still sums to
   * one. Fails if the members are one model trained several times, or not averaged.
   */
  @Test
  void followUpModel_averagesMembersTrainedFromSeedsOfTheirOwn() throws ContentException {
    Guide guide = GuideLoader.builtIn();
    TrainedModel matcher =
        ModelCache.lookup(ModelCache.fingerprint(guide, Tuning.DEFAULT)).orElseThrow();
    FollowUps.Settings averaged = FollowUps.Settings.DEFAULT;
    FollowUps.Settings one =
        new FollowUps.Settings(
            averaged.phrasingWeight(),
            averaged.epochs(),
            averaged.rate(),
            averaged.floor(),
            averaged.decay(),
            averaged.again(),
            averaged.partCoverage(),
            averaged.conversationWeight(),
            averaged.evidence(),
            averaged.againDoubt(),
            averaged.outOfScope(),
            1);
    assertThat(averaged.members()).isGreaterThan(1);
    FollowUps several = FollowUps.train(guide, matcher, averaged);
    FollowUps first = FollowUps.train(guide, matcher, one);

    double apart = 0;
    for (String message : List.of("shorter", "and for a bank?", "why though", "and sm?")) {
      double[] mean = several.probabilities(message);
      double[] alone = first.probabilities(message);
      assertThat(Arrays.stream(mean).sum()).as(message).isCloseTo(1.0, within(1e-9));
      for (int c = 0; c < mean.length; c++) {
        apart = Math.max(apart, Math.abs(mean[c] - alone[c]));
      }
    }
    assertThat(apart).isGreaterThan(1e-3);
  }

  /**
   * A request for the answer just shown again reads as the `same` kind of follow-up, which every
   * section relates to itself; a complete question, "shorter" and "and sm?" do not.
   */
  @Test
  void followUpModel_readsARequestForTheAnswerAgainAsTheSameKind() throws ContentException {
    FollowUps followUps = builtInFollowUps();
    int same = followUps.kinds().indexOf("same");
    assertThat(same).isNotNegative();

    for (String message :
        List.of("run that by me again", "come again?", "what was that again", "one more time?")) {
      assertThat(IntentMatcher.likeliest(followUps.probabilities(message)))
          .as(message)
          .isEqualTo(same);
    }
    for (String message :
        List.of("what's the difference between bedrock and sagemaker", "shorter", "and sm?")) {
      assertThat(IntentMatcher.likeliest(followUps.probabilities(message)))
          .as(message)
          .isNotEqualTo(same);
    }
  }

  /**
   * An out-of-scope follow-up about the answer shown ("which gpu types exactly", none of them a
   * message of the content or of a set) reads as `beyond`, the kind every section relates to none:
   * the writers' out-of-scope follow-ups that the matcher reads right alone teach it since round
   * 18. Before, they taught nothing, and these read as a question of their own or as `same`.
   */
  @Test
  void followUpModel_readsAnOutOfScopeFollowUpAsTheKindThatLeadsOutOfTheScript()
      throws ContentException {
    FollowUps followUps = builtInFollowUps();
    int beyond = followUps.kinds().indexOf("beyond");
    assertThat(beyond).isNotNegative();

    for (String message :
        List.of(
            "which gpu types exactly", "which regions exactly", "what's the token limit exactly")) {
      assertThat(IntentMatcher.likeliest(followUps.probabilities(message)))
          .as(message)
          .isEqualTo(beyond);
    }
  }

  /** The built-in guide's follow-up model, as matching builds it. */
  private static FollowUps builtInFollowUps() throws ContentException {
    Guide guide = GuideLoader.builtIn();
    return FollowUps.build(
        guide,
        ModelCache.lookup(ModelCache.fingerprint(guide, Tuning.DEFAULT)).orElseThrow(),
        FollowUps.Settings.DEFAULT);
  }

  @Test
  void shippedFollowUpModel_readsConversationsExactlyAsOneTrainedNow()
      throws ContentException, IOException {
    Guide guide = GuideLoader.builtIn();
    IntentMatcher shipped = IntentMatcher.build(guide);
    IntentMatcher trainedNow = IntentMatcher.train(guide, Tuning.DEFAULT);

    for (LabeledConversation c :
        ConversationEvaluation.read(Path.of("..", "eval", "conversations", "dev.jsonl"))) {
      List<Shown> context = new ArrayList<>();
      for (LabeledConversation.Turn turn : c.turns()) {
        MatchResult expected = trainedNow.match(turn.question(), context);
        assertThat(shipped.match(turn.question(), context))
            .as("line %d: %s", c.line(), turn.question())
            .isEqualTo(expected);
        if (!expected.intent().equals(Guide.HELP) && !expected.intent().equals(Guide.NONE)) {
          context.add(0, new Shown(expected.intent(), expected.keyLine()));
        }
      }
    }
  }
}
