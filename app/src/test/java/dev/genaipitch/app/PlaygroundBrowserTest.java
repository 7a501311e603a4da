package dev.genaipitch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.genaipitch.app.cli.ServeCommand;
import dev.genaipitch.config.BotConfig;
import dev.genaipitch.core.Topic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real headless Chromium: the service assembled as {@code serve} assembles it
 * (no credentials: Slack off, Teams unauthenticated), a question typed and submitted, buttons in
 * both panes clicked, the topic menu opened. Waits are explicit, never sleeps.
 */
final class PlaygroundBrowserTest {

  private static final String NEED_BOTH =
      "Most enterprises start with Bedrock to prove value quickly";
  private static final String EXECUTIVE_SUMMARY =
      "Bedrock helps you move fast, SageMaker helps you go deep";

  @TempDir static Path profile;

  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static PitchService service;
  private static ChromeDriver browser;
  private static WebDriverWait wait;

  /** Why the browser cannot run here; empty when it can. */
  private static Optional<String> unavailable;

  @BeforeAll
  static void start() throws Exception {
    unavailable = HeadlessChromium.unavailable();
    if (unavailable.isPresent()) {
      return;
    }
    BotConfig config = BotConfig.load(Map.of("PORT", "0", "ADMIN_PORT", "0"));
    service = PitchService.create(config, ServeCommand::routes, Clock.systemUTC(), SCHEDULER);
    service.start();
    browser = HeadlessChromium.start(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    SCHEDULER.shutdownNow();
  }

  @BeforeEach
  void openThePage() {
    // Each test is reported as skipped, with the reason, when the browser is missing.
    assumeTrue(unavailable.isEmpty(), () -> unavailable.orElseThrow());
    browser.get("http://127.0.0.1:" + service.port() + "/");
    wait.until(ExpectedConditions.attributeContains(By.tagName("body"), "class", "ready"));
  }

  @Test
  void askFollowUpAndMenu_showTheSectionsInBothPanes() {
    WebElement question = browser.findElement(By.id("question"));
    question.sendKeys("do we need both?", Keys.ENTER);

    awaitInBothPanes(NEED_BOTH);
    assertThat(browser.findElement(By.id("answer-title")).getText()).isEqualTo("Do we need both?");
    assertThat(browser.switchTo().activeElement())
        .as("typing again needs no click")
        .isEqualTo(question);

    slackButton("The 60-second executive summary").click();

    awaitInBothPanes(EXECUTIVE_SUMMARY);
    assertThat(browser.findElement(By.id("answer-title")).getText())
        .isEqualTo("The 60-second executive summary");
    assertThat(browser.findElement(By.id("slack-blocks")).getText()).doesNotContain(NEED_BOTH);

    teamsButton("Why this earns respect").click();

    wait.until(ExpectedConditions.textToBe(By.id("answer-title"), "Why this earns respect"));
    assertThat(browser.switchTo().activeElement().getAttribute("id"))
        .as("focus follows the answer")
        .isEqualTo("answer-title");

    browser.findElement(By.id("topics-button")).click();

    wait.until(ExpectedConditions.textToBe(By.id("answer-title"), "Topics"));
    List<String> titles = service.bot().topics().stream().map(Topic::title).toList();
    assertThat(titles).hasSize(10);
    for (String title : titles) {
      assertThat(browser.findElement(By.id("slack-blocks")).getText()).contains(title);
      assertThat(browser.findElement(By.id("teams-card")).getText()).contains(title);
    }
    assertNoConsoleErrors();
  }

  @Test
  void followUp_isReadAfterTheAnswerBefore_inThisTabsConversation() {
    browser.executeScript("window.sessionStorage.clear()"); // a new conversation
    browser.navigate().refresh();
    wait.until(ExpectedConditions.attributeContains(By.tagName("body"), "class", "ready"));
    WebElement question = browser.findElement(By.id("question"));
    question.sendKeys("when to use bedrock", Keys.ENTER);
    wait.until(ExpectedConditions.textToBe(By.id("answer-title"), "When to use Bedrock"));

    question.clear();
    question.sendKeys("and sagemaker?", Keys.ENTER);

    wait.until(ExpectedConditions.textToBe(By.id("answer-title"), "When to use SageMaker"));
    assertNoConsoleErrors();
  }

  @Test
  void practiceTab_aRound_gradeThenScriptThenTryAgain() {
    browser.findElement(By.id("tab-practice")).click();
    browser.findElement(By.id("practice-start")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("practice-prompt")));
    assertThat(browser.findElement(By.id("practice-prompt")).getText()).startsWith("“");
    assertThat(browser.switchTo().activeElement().getAttribute("id"))
        .as("the answer box takes the typing")
        .isEqualTo("practice-answer");

    browser
        .switchTo()
        .activeElement()
        .sendKeys("Bedrock gives you managed foundation models through an API.");
    browser.findElement(By.id("practice-submit")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("practice-grade")));
    assertThat(browser.findElement(By.id("practice-grade")).getText())
        .containsPattern("^(Strong|Partial|Off): \\d of \\d key points carried\\.$");
    assertThat(browser.findElements(By.cssSelector("#practice-actions button"))).hasSize(3);

    browser.findElement(By.cssSelector("#practice-actions [data-choice='script']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("practice-script")));
    assertThat(browser.findElement(By.id("practice-script")).getText())
        .startsWith("The script’s answer");

    browser.findElement(By.cssSelector("#practice-actions [data-choice='again']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("practice-question-title"), "(try 2)"));
    assertThat(browser.findElement(By.id("practice-result")).isDisplayed()).isFalse();
    assertNoConsoleErrors();
  }

  @Test
  void menuTopics_openWithTheKeyboardInTeamsAndWithOpenInSlack() {
    browser.findElement(By.id("topics-button")).click();
    wait.until(ExpectedConditions.textToBe(By.id("answer-title"), "Topics"));

    WebElement row =
        browser.findElement(
            By.cssSelector("#teams-card [role='button'][aria-label='Do we need both?']"));
    row.sendKeys(Keys.ENTER);

    awaitInBothPanes(NEED_BOTH);

    browser.findElement(By.id("topics-button")).click();
    wait.until(ExpectedConditions.textToBe(By.id("answer-title"), "Topics"));
    browser
        .findElement(
            By.cssSelector(
                "#slack-blocks button[aria-label='Open: The 60-second executive summary']"))
        .click();

    awaitInBothPanes(EXECUTIVE_SUMMARY);
  }

  @Test
  void theStageTable_isATableInTeams() {
    browser
        .findElement(By.id("question"))
        .sendKeys("are bedrock and sagemaker competing?", Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("teams-card"), "Use AI quickly"));

    List<String> headers =
        browser.findElements(By.cssSelector("#teams-card table th[scope='col']")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(headers).containsExactly("Stage", "Service");
    assertThat(browser.findElements(By.cssSelector("#teams-card table tbody tr"))).hasSize(4);
    assertThat(browser.findElements(By.cssSelector("#slack-blocks blockquote"))).isNotEmpty();
  }

  @Test
  void aQuestionWithMarkup_isShownAsTextNeverAsHtml() {
    String attack = "<img src=x onerror=\"document.title='owned'\"> do we need both?";
    browser.findElement(By.id("question")).sendKeys(attack, Keys.ENTER);

    wait.until(ExpectedConditions.textToBe(By.id("teams-question"), attack));
    assertThat(browser.findElement(By.id("slack-blocks")).getText())
        .contains("You asked: “" + attack + "”");
    assertThat(browser.findElements(By.cssSelector("#answer img"))).isEmpty();
    assertThat(browser.getTitle()).endsWith(" · genai-pitch playground");
  }

  // Regression (issue 10): the asker's words were Slack mrkdwn and Teams Markdown, so what they
  // typed as *bold*, _italics_, `code` or a [link](…) was drawn formatted in both panes.
  @Test
  void typedFormatting_isShownAsTypedInBothPanes() {
    String typed = "which regions is *bedrock* _in_ `now` **really** [click](https://evil.example)";
    browser.findElement(By.id("question")).sendKeys("exec summary + " + typed, Keys.ENTER);

    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("teams-card"), "Not in the script"));
    assertThat(browser.findElement(By.id("slack-blocks")).getText())
        .contains("Not in the script, so no answer here: “" + typed + "”");
    assertThat(browser.findElement(By.id("teams-card")).getText())
        .contains("Not in the script, so no answer here: “" + typed + "”");
    assertThat(
            browser.findElements(
                By.cssSelector(
                    ".slack-context strong, .slack-context em, .slack-context code, #teams-card"
                        + " a")))
        .isEmpty();
  }

  @Test
  void feedback_isThankedAndCountedForTheWeb() {
    browser.findElement(By.id("question")).sendKeys("give me the analogy", Keys.ENTER);
    awaitInBothPanes("Think of Bedrock like Amazon RDS for AI models");

    teamsButton("Helpful 👍").click();

    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("teams-note"), "Thanks for the feedback"));
    assertThat(Fixtures.lines(service.scrape()))
        .contains(
            "genai_pitch_feedback_total{helpful=\"true\",platform=\"web\",section=\"analogy\"}"
                + " 1.0");
    assertThat(browser.findElements(By.cssSelector(".feedback-buttons button")))
        .allMatch(b -> !b.isEnabled());
  }

  @Test
  void anEmptyQuestion_saysWhatToDoWithoutAsking() {
    browser.findElement(By.id("ask-button")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ask-error")));
    assertThat(browser.findElement(By.id("ask-error")).getText())
        .isEqualTo("Type a question first, or open the Topics.");
    assertThat(browser.findElement(By.id("answer")).isDisplayed()).isFalse();
  }

  private static void awaitInBothPanes(String text) {
    wait.until(
        ExpectedConditions.and(
            ExpectedConditions.textToBePresentInElementLocated(By.id("slack-blocks"), text),
            ExpectedConditions.textToBePresentInElementLocated(By.id("teams-card"), text)));
  }

  private static WebElement slackButton(String label) {
    return browser.findElement(
        By.xpath("//div[@id='slack-blocks']//button[normalize-space()='" + label + "']"));
  }

  private static WebElement teamsButton(String label) {
    return browser.findElement(
        By.xpath("//div[@id='teams-card']//button[normalize-space()='" + label + "']"));
  }

  private static void assertNoConsoleErrors() {
    List<String> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(errors)
        .as("errors in the browser console (a blocked file, a script error)")
        .isEmpty();
  }
}
