package dev.genaipitch.core.match;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: trains the matcher and its follow-up model on the built-in guide and writes them
 * where the class path will find them, so that a start with the built-in guide loads the models
 * instead of training. The build runs it after compiling bot-core; nothing else should.
 */
public final class BuiltInModel {

  private BuiltInModel() {}

  /**
   * @param args the classes directory to write {@value ModelCache#RESOURCE} under
   */
  public static void main(String[] args) throws IOException, ContentException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BuiltInModel <classes directory>");
    }
    Guide guide = GuideLoader.builtIn();
    Tuning tuning = Tuning.DEFAULT;
    TrainedModel model = Training.train(guide, tuning, ModelCache.fingerprint(guide, tuning));
    Path file = Path.of(args[0], ModelCache.RESOURCE.substring(1));
    Files.createDirectories(file.getParent());
    try (OutputStream raw = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      model.write(out);
    }
    System.out.printf("built-in model: %d features, %s%n", model.featureIndex().size(), file);
    FollowUps.Settings settings = FollowUps.Settings.DEFAULT;
    FollowUps followUps = FollowUps.train(guide, model, settings);
    Path followUpFile = Path.of(args[0], FollowUps.RESOURCE.substring(1));
    try (OutputStream raw = Files.newOutputStream(followUpFile);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      followUps.write(FollowUps.fingerprint(guide, model, settings), out);
    }
    System.out.printf(
        "built-in follow-ups: %d kinds, %s%n", followUps.kinds().size(), followUpFile);
  }
}
