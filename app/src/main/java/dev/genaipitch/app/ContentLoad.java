package dev.genaipitch.app;

import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.PitchBot;
import dev.genaipitch.core.content.ContentException;
import dev.genaipitch.core.content.GuideLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The guide the configuration names, loaded with its matcher built on a thread of its own: the
 * larger part of a start, and it needs nothing else {@code serve} sets up (logging, metrics, the
 * HTTP server), so {@code serve} starts it first, before anything logs, and {@link PitchService}
 * waits for it where it makes the bot. Nothing is served before it is done: {@code /readyz} still
 * means a question can be answered. This class logs nothing, so starting it does not wait for
 * logging's set-up.
 */
public final class ContentLoad {

  private record Loaded(String fingerprint, PitchBot.Prepared prepared) {}

  private final boolean reloading;
  private final FutureTask<Loaded> task;

  private ContentLoad(boolean reloading, FutureTask<Loaded> task) {
    this.reloading = reloading;
    this.task = task;
  }

  /** Starts loading the guide {@code config} names (the built-in one without GUIDE_DIR). */
  public static ContentLoad start(BotConfig config) {
    boolean reloading = config.guideDir().isPresent() && !config.reloadInterval().isZero();
    FutureTask<Loaded> task =
        new FutureTask<>(
            () -> {
              // Fingerprint before loading, so that a change made while loading is noticed on the
              // first poll.
              String fingerprint = reloading ? fingerprint(config.guideDir().get()) : "";
              return new Loaded(fingerprint, PitchBot.prepare(GuideSource.load(config.guideDir())));
            });
    Thread thread = new Thread(task, "content-load");
    thread.setDaemon(true);
    thread.start();
    return new ContentLoad(reloading, task);
  }

  /** Whether the content is watched for changes (GUIDE_DIR with a reload interval). */
  boolean reloading() {
    return reloading;
  }

  /** The fingerprint taken just before loading (empty when not {@link #reloading}). */
  String fingerprint() throws ContentException, InterruptedException {
    return await().fingerprint();
  }

  /**
   * Waits for the load to finish: the guide and its matcher.
   *
   * @throws ContentException when the guide is broken, as loading it on this thread would have
   */
  PitchBot.Prepared prepared() throws ContentException, InterruptedException {
    return await().prepared();
  }

  private Loaded await() throws ContentException, InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ContentException c) {
        throw c;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * A digest of the names and contents of the files the loader reads in {@code dir} (its {@code
   * *.md} files, the example and keyword files, the synonyms, the practice rounds); a fixed marker
   * when the directory cannot be read, which the loader then reports.
   */
  static String fingerprint(Path dir) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : GuideLoader.contentFiles(dir)) {
        digest.update(GuideLoader.relativeName(dir, file).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | UncheckedIOException e) {
      return "unreadable: " + e.getClass().getSimpleName();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
