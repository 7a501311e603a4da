package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genaipitch.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GUIDE_DIR deleted or corrupted under the assembled service while it serves: each broken state is
 * rejected on reload (an ERROR line naming the problem, {@code genai_pitch_content_stale} 1), the
 * last good guide keeps answering Slack and Teams, the service stays ready, and good content put
 * back is served again. Reloads are driven by hand with an injected clock: no waiting for the
 * interval or the quiet period.
 */
final class FaultGuideDirTest {

  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly";
  private static final String SECTION = "07-need-both.md";

  @TempDir static Path root;

  private static MutableClock clock;
  private static Path guide;
  private static RunningService running;

  @BeforeAll
  static void start() throws Exception {
    clock = MutableClock.at("2025-05-01T09:00:00Z");
    guide = Files.createDirectory(root.resolve("guide"));
    Fixtures.guideIn(guide);
    running =
        RunningService.builder()
            .env("GUIDE_DIR", guide.toString())
            .env("RELOAD_INTERVAL", "1h")
            .clock(clock)
            // Reloads move the service's clock by hours; Slack's signatures keep to real time.
            .slackClock(java.time.Clock.systemUTC())
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  @BeforeEach
  void goodContent() throws IOException {
    restoreGuide();
    assertThat(reload()).isIn(GuideReloader.Result.APPLIED, GuideReloader.Result.UNCHANGED);
    running.reset();
  }

  @Test
  void guideDir_deletedWhileServing_isRejected_andTheLastGoodGuideKeepsAnswering()
      throws IOException {
    deleteRecursively(guide);

    assertThat(reload()).isEqualTo(GuideReloader.Result.REJECTED);

    assertThat(rejection()).contains("not a directory");
    assertStillServing();
    restoreGuide();
    assertThat(reload()).isEqualTo(GuideReloader.Result.APPLIED);
    assertThat(metrics()).contains("genai_pitch_content_stale 0.0");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"binary garbage", "not UTF-8", "truncated", "emptied", "every file deleted"})
  void guideFile_corruptedWhileServing_isRejected_andTheLastGoodGuideKeepsAnswering(String damage)
      throws IOException {
    damage(damage);

    assertThat(reload()).isEqualTo(GuideReloader.Result.REJECTED);

    assertThat(rejection()).isNotBlank();
    assertStillServing();
  }

  @Test
  void guideDir_brokenAndRepairedAgainAndAgain_whileRequestsArrive_everyRequestIsAnswered()
      throws Exception {
    AtomicBoolean going = new AtomicBoolean(true);
    List<CompletableFuture<List<String>>> askers = new ArrayList<>();
    askers.add(CompletableFuture.supplyAsync(() -> askUntil(going, true)));
    askers.add(CompletableFuture.supplyAsync(() -> askUntil(going, false)));

    for (String damage : List.of("deleted", "binary garbage", "every file deleted")) {
      if (damage.equals("deleted")) {
        deleteRecursively(guide);
      } else {
        damage(damage);
      }
      assertThat(reload()).as(damage).isEqualTo(GuideReloader.Result.REJECTED);
      restoreGuide();
      assertThat(reload()).as("repaired after " + damage).isEqualTo(GuideReloader.Result.APPLIED);
    }
    going.set(false);

    for (CompletableFuture<List<String>> asker : askers) {
      assertThat(asker.get()).as("answers that were not the script's").isEmpty();
    }
    assertThat(running.wire.get("/readyz").status()).isEqualTo(200);
  }

  // ---- helpers

  /** Two polls with the quiet period between them: what the running service does on its own. */
  private static GuideReloader.Result reload() {
    GuideReloader reloader = running.service.reloader().orElseThrow();
    reloader.poll();
    clock.advance(Duration.ofHours(1));
    return reloader.poll();
  }

  private static String rejection() {
    return running.logs.awaitLine(
        l -> l.startsWith("ERROR") && l.contains("guide reload rejected"), Duration.ofSeconds(5));
  }

  private static void assertStillServing() {
    Wire.Reply slack = running.slack.command("do we need both?");
    assertThat(slack.status()).isEqualTo(200);
    assertThat(slack.body()).contains(NEED_BOTH);
    assertThat(running.teams.post(running.teams.personal("do we need both?")).status())
        .isEqualTo(200);
    assertThat(running.connector.delivered())
        .singleElement()
        .satisfies(r -> assertThat(r.text()).contains(NEED_BOTH));
    assertThat(running.wire.get("/readyz").status()).isEqualTo(200);
    assertThat(metrics())
        .contains("genai_pitch_content_stale 1.0")
        .contains("genai_pitch_content_sections 10.0");
  }

  /** Asks on one platform until told to stop; returns every answer that was not the script's. */
  private static List<String> askUntil(AtomicBoolean going, boolean slack) {
    List<String> wrong = new ArrayList<>();
    while (going.get()) {
      if (slack) {
        Wire.Reply reply = running.slack.command("do we need both?");
        if (reply.status() != 200 || !reply.body().contains(NEED_BOTH)) {
          wrong.add(reply.status() + " " + Verdicts.abbreviate(reply.body()));
        }
      } else {
        Wire.Reply reply = running.teams.post(running.teams.personal("do we need both?"));
        if (reply.status() != 200) {
          wrong.add(reply.status() + " " + Verdicts.abbreviate(reply.body()));
        }
      }
    }
    return wrong;
  }

  private static String metrics() {
    return running.wire.get("/metrics").body();
  }

  private static void damage(String how) throws IOException {
    Path file = guide.resolve(SECTION);
    byte[] good = Files.readAllBytes(file);
    switch (how) {
      case "binary garbage" -> {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Files.write(file, junk);
      }
      case "not UTF-8" ->
          Files.write(
              file, new String(good, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
      case "truncated" -> Files.write(file, java.util.Arrays.copyOf(good, good.length / 3));
      case "emptied" -> Files.write(file, new byte[0]);
      case "every file deleted" -> {
        try (Stream<Path> files = Files.walk(guide)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            Files.delete(f);
          }
        }
      }
      default -> throw new IllegalArgumentException(how);
    }
  }

  private static void restoreGuide() throws IOException {
    deleteRecursively(guide);
    Files.createDirectories(guide);
    Fixtures.guideIn(guide);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
