package io.lambdaledger.api;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by ChromeDriver for the dashboard's browser tests, in a throw-away
 * profile, 1366 × 900 px: register it as a static {@code @RegisterExtension} field; it starts
 * before the class's tests (which are skipped, with the reason, where Chromium or ChromeDriver is
 * absent) and quits after them. Screenshots go to {@code target/screenshots/}.
 */
final class HeadlessBrowser implements BeforeAllCallback, AfterAllCallback {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private ChromeDriver driver;
  private WebDriverWait wait;
  private Path profile;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    String driverPath = locate("LEDGER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    String chromiumPath = locate("LEDGER_TEST_CHROMIUM", "/usr/bin/chromium");
    Assumptions.assumeTrue(
        driverPath != null && chromiumPath != null,
        "browser test skipped: no ChromeDriver/Chromium (set LEDGER_TEST_CHROMEDRIVER and"
            + " LEDGER_TEST_CHROMIUM, or install Debian's chromium and chromium-driver)");
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
    Files.createDirectories(SCREENSHOTS);
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var paths = Files.walk(profile)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Waits up to 20 s for a condition. */
  WebDriverWait await() {
    return wait;
  }

  private static String locate(String variable, String fallback) {
    String configured = System.getenv(variable);
    if (configured != null && !configured.isBlank() && new File(configured).canExecute()) {
      return configured;
    }
    return new File(fallback).canExecute() ? fallback : null;
  }

  /** Runs {@code code} in the page and returns its result. */
  Object script(String code, Object... arguments) {
    return driver.executeScript(code, arguments);
  }

  /** Emulates a screen {@code width} px wide (and {@code height} high), as a phone below 600. */
  void viewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  /**
   * Loads the dashboard of the server at {@code base} afresh (nothing kept from the previous page's
   * script) with {@code token} entered, at {@code hash} (like {@code #/alerts}, or empty).
   */
  void openDashboard(String base, String token, String hash) {
    driver.get("about:blank");
    driver.get(base + "/");
    script("localStorage.setItem('lambda-ledger.token', arguments[0])", token);
    driver.get(base + "/" + hash);
  }

  /** What the viewport shows now, as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) throws IOException {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
