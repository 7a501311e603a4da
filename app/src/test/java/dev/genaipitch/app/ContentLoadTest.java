package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What serve's content load, on its own thread, gives the service: what loading it here gave. */
final class ContentLoadTest {

  @TempDir Path dir;

  @Test
  void start_withoutGuideDir_loadsTheBuiltInGuideAndWatchesNothing() throws Exception {
    ContentLoad load = ContentLoad.start(BotConfig.load(Map.of()));

    assertThat(load.prepared().guide().origin()).isEqualTo("built-in");
    assertThat(load.prepared().guide().sections()).hasSameSizeAs(GuideLoader.builtIn().sections());
    assertThat(load.reloading()).isFalse();
    assertThat(load.fingerprint()).isEmpty();
  }

  @Test
  void start_guideDirWithReloading_loadsItAndFingerprintsWhatItLoaded() throws Exception {
    Fixtures.guideIn(dir);

    ContentLoad load = ContentLoad.start(BotConfig.load(Map.of("GUIDE_DIR", dir.toString())));

    assertThat(load.prepared().guide().origin()).isEqualTo(dir.toString());
    assertThat(load.reloading()).isTrue();
    assertThat(load.fingerprint()).isEqualTo(ContentLoad.fingerprint(dir));
    assertThat(load.fingerprint()).doesNotStartWith("unreadable");
  }

  @Test
  void start_guideDirWithoutReloading_takesNoFingerprint() throws Exception {
    Fixtures.guideIn(dir);

    ContentLoad load =
        ContentLoad.start(
            BotConfig.load(Map.of("GUIDE_DIR", dir.toString(), "RELOAD_INTERVAL", "0")));

    assertThat(load.reloading()).isFalse();
    assertThat(load.fingerprint()).isEmpty();
  }

  @Test
  void prepared_brokenGuide_throwsTheLoadersProblemsOnTheWaitingThread() throws Exception {
    Fixtures.guideIn(dir);
    Fixtures.replaceLine(
        dir.resolve("07-need-both.md"), "  - not-competing\n", "  - no-such-section\n");

    ContentLoad load = ContentLoad.start(BotConfig.load(Map.of("GUIDE_DIR", dir.toString())));

    assertThatThrownBy(load::prepared)
        .isInstanceOf(ContentException.class)
        .hasMessageContaining("07-need-both.md:6: follow-up 'no-such-section' is not a known")
        .hasMessage(messageOf(dir));
  }

  private static String messageOf(Path dir) {
    try {
      GuideLoader.load(dir);
      throw new AssertionError("the guide should be broken");
    } catch (ContentException e) {
      return e.getMessage();
    }
  }
}
