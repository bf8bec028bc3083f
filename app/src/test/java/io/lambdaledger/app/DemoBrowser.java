package io.lambdaledger.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium driven by ChromeDriver; skipped, with the reason, where absent. */
final class DemoBrowser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final WebDriver driver;
  final WebDriverWait wait;
  private final Path profile;

  private DemoBrowser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  static DemoBrowser open() throws IOException {
    String driverPath = locate("LEDGER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    String chromiumPath = locate("LEDGER_TEST_CHROMIUM", "/usr/bin/chromium");
    Assumptions.assumeTrue(
        driverPath != null && chromiumPath != null,
        "browser test skipped: no ChromeDriver/Chromium (install Debian's chromium and"
            + " chromium-driver, or set LEDGER_TEST_CHROMEDRIVER and LEDGER_TEST_CHROMIUM)");
    Path profile = Files.createTempDirectory("ledger-demo-chromium-");
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
    Files.createDirectories(SCREENSHOTS);
    return new DemoBrowser(new ChromeDriver(service, options), profile);
  }

  void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String locate(String variable, String fallback) {
    String configured = System.getenv(variable);
    if (configured != null && !configured.isBlank() && new File(configured).canExecute()) {
      return configured;
    }
    return new File(fallback).canExecute() ? fallback : null;
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var paths = Files.walk(profile)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
