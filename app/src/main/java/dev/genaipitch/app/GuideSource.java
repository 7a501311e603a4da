package dev.genaipitch.app;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import java.nio.file.Path;
import java.util.Optional;

/** Where the guide comes from: the directory named by GUIDE_DIR, or the built-in guide. */
public final class GuideSource {

  private GuideSource() {}

  public static Guide load(Optional<Path> dir) throws ContentException {
    return dir.isPresent() ? GuideLoader.load(dir.get()) : GuideLoader.builtIn();
  }
}
