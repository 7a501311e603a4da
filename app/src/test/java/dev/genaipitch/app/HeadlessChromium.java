package dev.genaipitch.app;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and chromedriver, headless, for browser tests. Both executables are named
 * explicitly, so Selenium Manager never runs (it would try to download a browser or driver, and
 * this machine has no network). Chromium runs as root here, offline, with a fresh empty profile.
 *
 * <p>When the executables are missing, {@link #unavailable()} fails the test if {@code
 * REQUIRE_BROWSER=1} (CI sets it) and otherwise says how to install them, for the test to skip.
 */
final class HeadlessChromium {

  /** Debian's paths; {@code CHROMIUM_BIN} and {@code CHROMEDRIVER} name others (say, on a Mac). */
  private static final String CHROMIUM = env("CHROMIUM_BIN", "/usr/bin/chromium");

  private static final String CHROMEDRIVER = env("CHROMEDRIVER", "/usr/bin/chromedriver");

  /**
   * Selenium warns that it has no DevTools protocol classes for this Chromium's version; these
   * tests use WebDriver only. Held here because java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger CDP_LOG =
      quiet("org.openqa.selenium.devtools.CdpVersionFinder");

  private HeadlessChromium() {}

  /**
   * Why browser tests cannot run here (Chromium or chromedriver missing, and how to install them),
   * or empty when they can. With {@code REQUIRE_BROWSER=1} a missing browser fails the caller.
   */
  static Optional<String> unavailable() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      missing.add("Chromium (" + CHROMIUM + ")");
    }
    if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
      missing.add("chromedriver (" + CHROMEDRIVER + ")");
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String message =
        "the playground's browser test needs "
            + String.join(" and ", missing)
            + ". Install them with `sudo apt-get install chromium chromium-driver` (Debian,"
            + " Ubuntu), or set CHROMIUM_BIN and CHROMEDRIVER to a Chromium or Chrome and its"
            + " matching chromedriver.";
    if ("1".equals(System.getenv("REQUIRE_BROWSER"))) {
      fail(message + " REQUIRE_BROWSER=1 makes this a failure.");
    }
    return Optional.of(message);
  }

  /**
   * Starts a headless Chromium with an empty profile in {@code profile}, recording the browser's
   * console so that tests can check that the page logged no errors.
   */
  static ChromeDriver start(Path profile) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(20))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(service, options);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
