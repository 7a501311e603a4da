package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.FollowUpExample;
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
    TrainedModel matcher = shippedMatcher(guide);

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
    TrainedModel matcher = shippedMatcher(guide);
    FollowUps.Settings averaged = FollowUps.Settings.DEFAULT;
    FollowUps.Settings one = defaultsWith(1, averaged.readShownUpTo());
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
    return FollowUps.build(guide, shippedMatcher(guide), FollowUps.Settings.DEFAULT);
  }

  /**
   * Round 23: a short message is read with the section shown before it. "boil it down to one
   * sentence" after the stage table reads as the `one-line` kind, after when-bedrock as another; a
   * message with more subject words than {@link FollowUps.Settings#readShownUpTo} reads the same
   * after any section, and a model that never reads the section shown reads the short one alike
   * after both.
   */
  @Test
  void followUpModel_readsTheSectionShownBeforeAShortMessage() throws ContentException {
    Guide guide = GuideLoader.builtIn();
    TrainedModel matcher = shippedMatcher(guide);
    FollowUps.Settings d = FollowUps.Settings.DEFAULT;
    FollowUps reads = FollowUps.build(guide, matcher, d);
    String short_ = "boil it down to one sentence";
    assertThat(IntentMatcher.likeliest(reads.probabilities(short_, "not-competing")))
        .isEqualTo(reads.kinds().indexOf("one-line"));
    assertThat(IntentMatcher.likeliest(reads.probabilities(short_, "when-bedrock")))
        .isNotEqualTo(reads.kinds().indexOf("one-line"));
    String long_ = "which customers in healthcare should i pitch sagemaker training to first";
    assertThat(reads.probabilities(long_, "need-both"))
        .containsExactly(reads.probabilities(long_, "analogy"), within(0.0));

    FollowUps never = FollowUps.train(guide, matcher, defaultsWith(d.members(), -1));
    assertThat(never.probabilities(short_, "not-competing"))
        .containsExactly(never.probabilities(short_, "when-bedrock"), within(0.0));
  }

  /**
   * Round 23: only the features of the section shown learn from the messages read with it, so a
   * message read as if nothing came before (the matcher sure of it alone, or too many subject words
   * of its own) reads exactly as by a model that never reads the section shown, round 22's. Trained
   * together, the section's features had taken over part of what the others learned: round 22's
   * "does fine-tuning fall under that" after when-sagemaker, which the matcher reads alone as out
   * of scope, went out of scope (FollowUpConversationTest).
   */
  @Test
  void followUpModel_readsAMessageWithoutTheSectionShown_asOneThatNeverReadsIt()
      throws ContentException {
    Guide guide = GuideLoader.builtIn();
    TrainedModel matcher = shippedMatcher(guide);
    FollowUps.Settings d = FollowUps.Settings.DEFAULT;
    FollowUps reads = FollowUps.build(guide, matcher, d);
    FollowUps never = FollowUps.train(guide, matcher, defaultsWith(d.members(), -1));

    assertThat(guide.followUpExamples()).hasSizeGreaterThan(1000);
    int readOtherwiseAfter = 0;
    for (FollowUpExample example : guide.followUpExamples()) {
      String message = example.message();
      assertThat(reads.probabilities(message))
          .as(message)
          .containsExactly(never.probabilities(message), within(0.0));
      if (!Arrays.equals(
          reads.probabilities(message, example.after()), never.probabilities(message))) {
        readOtherwiseAfter++;
      }
    }
    assertThat(readOtherwiseAfter).isGreaterThan(1000);
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

  /** The matcher's model shipped for {@code guide}. */
  private static TrainedModel shippedMatcher(Guide guide) {
    return ModelCache.lookup(ModelCache.fingerprint(guide, Tuning.DEFAULT)).orElseThrow();
  }

  /** The default settings with {@code members} and {@code readShownUpTo} of their own. */
  private static FollowUps.Settings defaultsWith(int members, int readShownUpTo) {
    FollowUps.Settings d = FollowUps.Settings.DEFAULT;
    return new FollowUps.Settings(
        d.phrasingWeight(),
        d.epochs(),
        d.rate(),
        d.floor(),
        d.decay(),
        d.again(),
        d.partCoverage(),
        d.conversationWeight(),
        d.evidence(),
        d.againDoubt(),
        d.outOfScope(),
        members,
        readShownUpTo,
        d.readShownBelow());
  }
}
