package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Alerts page in headless Chromium: budgets and alerts as the token may see them.
 * Screenshots go to {@code target/screenshots/alerts-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsDashboardBrowserTest {

  private AlertsFixture fixture;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private Path profile;

  @BeforeAll
  void start() throws IOException {
    String driverPath = locate("LEDGER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    String chromiumPath = locate("LEDGER_TEST_CHROMIUM", "/usr/bin/chromium");
    Assumptions.assumeTrue(
        driverPath != null && chromiumPath != null,
        "browser test skipped: no ChromeDriver/Chromium (set LEDGER_TEST_CHROMEDRIVER and"
            + " LEDGER_TEST_CHROMIUM)");
    fixture = new AlertsFixture();
    profile = Files.createTempDirectory("ledger-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromiumPath);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--user-data-dir=" + profile,
        "--window-size=1366,900");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort()
                .build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(Path.of("target", "screenshots"));
  }

  @AfterAll
  void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (fixture != null) {
      fixture.close();
    }
    if (profile != null) {
      try (var paths = Files.walk(profile)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String locate(String variable, String fallback) {
    String configured = System.getenv(variable);
    if (configured != null && !configured.isBlank() && new File(configured).canExecute()) {
      return configured;
    }
    return new File(fallback).canExecute() ? fallback : null;
  }

  private Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(code, arguments);
  }

  private void openAlertsAs(String token) {
    browser.get("about:blank");
    browser.get(fixture.http.base() + "/");
    script("localStorage.setItem('lambda-ledger.token', arguments[0])", token);
    browser.get(fixture.http.base() + "/#/alerts");
    wait.until(d -> "alerts".equals(script("return document.body.dataset.page")));
  }

  private List<String> rows(String table, String attribute) {
    return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
        .map(row -> row.getAttribute(attribute))
        .toList();
  }

  private void screenshot(String name) throws IOException {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(),
        Path.of("target", "screenshots", name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void the_alerts_page_shows_budgets_and_alerts_within_the_tokens_scope() throws IOException {
    fixture.stored.put(
        "payments",
        new io.lambdaledger.core.alerting.Budget(
            "payments", "111111111111", null, null, new java.math.BigDecimal("250"), "USD", "api"));

    openAlertsAs(AlertsFixture.ADMIN);
    assertThat(rows("budgets-table", "data-budget")).containsExactly("configured", "payments");
    assertThat(rows("alerts-table", "data-key"))
        .containsExactly("budget:all:2026-10", "anomaly:222222222222/us-east-1/f:2026-10-14:spike");
    WebElement failed =
        browser.findElement(
            By.cssSelector("[data-key='anomaly:222222222222/us-east-1/f:2026-10-14:spike']"));
    assertThat(failed.getText()).contains("cost spike", "Cost spike", "$50.00", "$10.00", "failed");
    assertThat(browser.findElement(By.cssSelector("[data-budget=payments]")).getText())
        .contains("account 111111111111", "$250.00", "API");
    assertThat(browser.findElement(By.cssSelector("[data-nav=alerts]")).getAttribute("class"))
        .contains("active");
    screenshot("alerts-admin-1366");

    openAlertsAs(AlertsFixture.SCOPED);
    assertThat(rows("budgets-table", "data-budget")).containsExactly("configured");
    assertThat(rows("alerts-table", "data-key"))
        .containsExactly("anomaly:222222222222/us-east-1/f:2026-10-14:spike");
    screenshot("alerts-scoped-1366");

    fixture.stored.clear();
  }
}
