package dev.genaipitch.app;

import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.ContentProblem;
import dev.genaipitch.core.content.Guide;
import dev.genaipitch.core.content.GuideLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the guide when the files in GUIDE_DIR change. Each {@link #poll()} fingerprints the
 * directory's {@code *.md} files by content; once a new fingerprint has stayed the same for the
 * quiet period (so a save in progress, or several files copied one by one, is not loaded half
 * done), the guide is loaded and validated. Valid content replaces the served guide; broken content
 * is rejected with one error line naming each problem's file and line, and the last good content
 * keeps serving until the files change again.
 *
 * <p>Polling rather than a {@code WatchService}: it also sees changes on network and container
 * mounts and Kubernetes ConfigMap symlink swaps, and with an injected clock tests need no sleeps.
 * {@code poll} is meant to be called from one thread at a time.
 */
final class GuideReloader {

  /** What a poll did. */
  enum Result {
    UNCHANGED,
    WAITING,
    APPLIED,
    REJECTED
  }

  /** Hears reload outcomes, for metrics. */
  interface Outcomes {
    void applied(Guide guide);

    void rejected(List<ContentProblem> problems);
  }

  private static final Logger LOG = LoggerFactory.getLogger(GuideReloader.class);

  private final Path dir;
  private final Clock clock;
  private final Duration quiet;
  private final Consumer<Guide> apply;
  private final Outcomes outcomes;
  private String seen;
  private Instant seenAt;
  private String settled;
  private volatile boolean stale;

  /**
   * @param initial the fingerprint of the content being served, taken (with {@link #fingerprint})
   *     before it was loaded, so that a change made during start-up is still noticed
   * @param quiet how long a change must stay unchanged before it is loaded
   * @param apply serves a new guide (for example {@code PitchBot::replaceGuide})
   */
  GuideReloader(
      Path dir,
      String initial,
      Clock clock,
      Duration quiet,
      Consumer<Guide> apply,
      Outcomes outcomes) {
    this.dir = dir;
    this.clock = clock;
    this.quiet = quiet;
    this.apply = apply;
    this.outcomes = outcomes;
    this.seen = initial;
    this.seenAt = clock.instant();
    this.settled = initial;
  }

  /** Whether the files on disk are broken and older content is being served. */
  boolean stale() {
    return stale;
  }

  /** Checks the directory once; loads the content when a change has settled. */
  Result poll() {
    String now = ContentLoad.fingerprint(dir);
    if (!now.equals(seen)) {
      seen = now;
      seenAt = clock.instant();
      return Result.WAITING;
    }
    if (now.equals(settled)) {
      return Result.UNCHANGED;
    }
    if (Duration.between(seenAt, clock.instant()).compareTo(quiet) < 0) {
      return Result.WAITING;
    }
    settled = now;
    try {
      Guide guide = GuideLoader.load(dir);
      apply.accept(guide);
      stale = false;
      LOG.atInfo()
          .addKeyValue("dir", dir)
          .addKeyValue("sections", guide.sections().size())
          .log("guide reloaded");
      outcomes.applied(guide);
      return Result.APPLIED;
    } catch (ContentException e) {
      stale = true;
      LOG.atError()
          .addKeyValue("dir", dir)
          .addKeyValue("problems", e.problems().size())
          .log(
              "guide reload rejected, still serving the previous content: {}",
              e.problems().stream()
                  .map(ContentProblem::toString)
                  .collect(Collectors.joining("; ")));
      outcomes.rejected(e.problems());
      return Result.REJECTED;
    }
  }
}
