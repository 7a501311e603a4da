package dev.genaipitch.core.match;

import static org.assertj.core.api.Assertions.assertThat;

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
