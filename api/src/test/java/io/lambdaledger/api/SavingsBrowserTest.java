package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The dashboard's Savings view in headless Chromium on the seeded server: the total and every row
 * are the API's recommendations, each row opens its evidence and assumptions, and no page scrolls
 * sideways on a phone. Screenshots at 1366 and 390 px go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavingsBrowserTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final int DESKTOP = 1366;
  private static final int PHONE = 390;

  private LedgerFixture fixture;
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
        "--hide-scrollbars",
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

  private void viewport(int width, int height) {
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  private Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(code, arguments);
  }

  private void screenshot(String name, int width) throws IOException {
    viewport(width, 900);
    long height =
        Math.max(
            900, ((Number) script("return document.documentElement.scrollHeight")).longValue());
    viewport(width, (int) Math.min(height, 8000));
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(),
        SCREENSHOTS.resolve(name + "-" + width + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
    viewport(width, 900);
  }

  @Test
  void the_savings_view_shows_the_apis_recommendations_with_their_evidence() throws IOException {
    JsonNode api =
        new ObjectMapper()
            .readTree(fixture.http.get("/api/v1/recommendations", LedgerFixture.VIEWER).body());
    assertThat(api.get("items").size()).isPositive();
    browser.get("about:blank");
    browser.get(fixture.http.base() + "/");
    script("localStorage.setItem('lambda-ledger.token', arguments[0])", LedgerFixture.VIEWER);
    browser.get(fixture.http.base() + "/#/savings");
    wait.until(d -> "savings".equals(script("return document.body.dataset.page")));

    assertThat(browser.findElement(By.id("savings-total")).getAttribute("data-value"))
        .isEqualTo(api.get("monthlySaving").get("expected").asString());
    List<WebElement> rows = browser.findElements(By.cssSelector("#recommendations-table tbody tr"));
    assertThat(rows).hasSize(api.get("items").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode item = api.get("items").get(i);
      assertThat(rows.get(i).getAttribute("data-kind")).isEqualTo(item.get("kind").asString());
      assertThat(rows.get(i).getText()).contains(item.get("functionName").asString());
      assertThat(
              rows.get(i)
                  .findElement(By.cssSelector("[data-expected]"))
                  .getAttribute("data-expected"))
          .isEqualTo(item.get("monthlySaving").get("expected").asString());
    }
    WebElement first = rows.get(0);
    first.findElement(By.tagName("summary")).click();
    String firstEvidence = api.get("items").get(0).get("evidence").get(0).get("name").asString();
    wait.until(d -> first.findElement(By.tagName("details")).getText().contains(firstEvidence));
    assertThat(browser.findElement(By.cssSelector("[data-nav=savings]")).getAttribute("class"))
        .contains("active");

    viewport(PHONE, 900);
    assertThat(((Number) script("return document.documentElement.scrollWidth")).longValue())
        .isLessThanOrEqualTo(PHONE);
    screenshot("8-savings", PHONE);
    screenshot("8-savings", DESKTOP);
  }
}
