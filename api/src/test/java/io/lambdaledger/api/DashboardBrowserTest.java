package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Drives headless Chromium through the dashboard of a seeded server with auth on: token entry, the
 * overview's charts and numbers (compared with the API's), a function's detail page, the functions
 * table and the collection page. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private LedgerFixture fixture;
  private WebDriver browser;
  private WebDriverWait wait;
  private Path profile;

  @BeforeAll
  void start() throws IOException {
    String driverPath = locate("LEDGER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    String chromiumPath = locate("LEDGER_TEST_CHROMIUM", "/usr/bin/chromium");
    Assumptions.assumeTrue(
        driverPath != null && chromiumPath != null,
        "browser test skipped: no ChromeDriver/Chromium (set LEDGER_TEST_CHROMEDRIVER and"
            + " LEDGER_TEST_CHROMIUM, or install Debian's chromium and chromium-driver)");
    fixture = LedgerFixture.seeded();
    profile = Files.createTempDirectory("ledger-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromiumPath);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=1366,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driverPath))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
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

  private void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private JsonNode api(String path) {
    return new ObjectMapper().readTree(fixture.http.get(path, LedgerFixture.VIEWER).body());
  }

  private static String dollars(String decimal) {
    BigDecimal amount = new BigDecimal(decimal);
    return "$" + String.format(java.util.Locale.US, "%,.2f", amount);
  }

  private void signIn() {
    browser.get(fixture.http.base() + "/");
    WebElement input =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    input.sendKeys(LedgerFixture.VIEWER);
    browser.findElement(By.cssSelector("#token-entry button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mtd-total")));
  }

  @Test
  void the_dashboard_asks_for_a_token_then_shows_the_apis_numbers_charts_and_details()
      throws IOException {
    browser.get(fixture.http.base() + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    screenshot("0-sign-in");
    signIn();

    JsonNode costs = api("/api/v1/costs?window=month");
    String total = costs.get("totals").get("total").asString();
    WebElement mtd = browser.findElement(By.id("mtd-total"));
    assertThat(mtd.getAttribute("data-value")).isEqualTo(total);
    assertThat(mtd.getText()).isEqualTo(dollars(total));
    JsonNode forecast = api("/api/v1/forecast?month=month");
    assertThat(browser.findElement(By.id("projected-total")).getText())
        .isEqualTo(dollars(forecast.get("totals").get("projected").asString()));
    assertThat(browser.findElement(By.id("free-tier-credit")).getText())
        .isEqualTo(dollars(costs.get("totals").get("freeTierCredit").asString()));

    wait.until(ExpectedConditions.attributeToBe(By.id("cost-by-day"), "data-rendered", "chart"));
    assertThat(browser.findElements(By.cssSelector("#cost-by-day canvas"))).isNotEmpty();
    List<WebElement> topRows = browser.findElements(By.cssSelector("#top-table tbody tr"));
    assertThat(topRows).hasSize(5);
    JsonNode top = api("/api/v1/costs?window=month&aggregate=function&sort=total:desc&limit=10");
    assertThat(topRows.get(0).getText())
        .contains(top.get("items").get(0).get("key").get("function").asString())
        .contains(dollars(top.get("items").get(0).get("total").asString()));
    assertThat(browser.findElement(By.id("auth-off")).isDisplayed()).isFalse();
    screenshot("1-overview");

    topRows.get(0).findElement(By.cssSelector("a")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("function-name")));
    assertThat(browser.findElement(By.id("function-name")).getText())
        .isEqualTo(top.get("items").get(0).get("key").get("function").asString());
    wait.until(
        ExpectedConditions.attributeToBe(By.id("chart-invocations"), "data-rendered", "chart"));
    assertThat(browser.findElements(By.cssSelector("#metric-charts canvas")).size())
        .isGreaterThanOrEqualTo(5);
    assertThat(browser.findElement(By.id("function-cost")).getText())
        .isEqualTo(dollars(top.get("items").get(0).get("total").asString()));
    assertThat(browser.findElements(By.cssSelector("#config-history tbody tr"))).hasSize(2);
    screenshot("2-function-detail");

    browser.get(fixture.http.base() + "/#/functions");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("functions")));
    assertThat(browser.findElements(By.cssSelector("#functions tbody tr"))).hasSize(6);
    browser.findElement(By.id("function-filter")).sendKeys("team:search");
    assertThat(browser.findElements(By.cssSelector("#functions tbody tr"))).hasSize(2);
    screenshot("3-functions");

    browser.get(fixture.http.base() + "/#/collections");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("runs-table")));
    assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(3);
    screenshot("4-collections");
  }

  @Test
  void with_auth_off_and_no_data_the_dashboard_says_so() throws IOException {
    try (LedgerFixture empty = LedgerFixture.empty(false)) {
      browser.get(empty.http.base() + "/");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mtd-total")));
      assertThat(browser.findElement(By.id("auth-off")).isDisplayed()).isTrue();
      assertThat(browser.findElement(By.id("mtd-total")).getText()).isEqualTo("$0.00");
      assertThat(browser.findElement(By.id("top-functions")).getText())
          .contains("No functions with usage yet");
      wait.until(ExpectedConditions.attributeToBe(By.id("cost-by-day"), "data-rendered", "empty"));
      screenshot("5-empty-auth-off");
    }
  }
}
