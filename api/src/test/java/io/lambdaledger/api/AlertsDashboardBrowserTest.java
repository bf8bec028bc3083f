package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Alerts page in headless Chromium: budgets and alerts as the token may see them.
 * Screenshots go to {@code target/screenshots/alerts-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsDashboardBrowserTest {

  private AlertsFixture fixture;
  private HeadlessBrowser headless;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  void start() throws IOException {
    headless = HeadlessBrowser.open();
    browser = headless.driver;
    wait = headless.wait;
    fixture = new AlertsFixture();
  }

  @AfterAll
  void stop() throws IOException {
    if (headless != null) {
      headless.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private void openAlertsAs(String token) {
    headless.openDashboard(fixture.http.base(), token, "#/alerts");
    wait.until(d -> "alerts".equals(headless.script("return document.body.dataset.page")));
  }

  private List<String> rows(String table, String attribute) {
    return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
        .map(row -> row.getAttribute(attribute))
        .toList();
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
    headless.screenshot("alerts-admin-1366");

    openAlertsAs(AlertsFixture.SCOPED);
    assertThat(rows("budgets-table", "data-budget")).containsExactly("configured");
    assertThat(rows("alerts-table", "data-key"))
        .containsExactly("anomaly:222222222222/us-east-1/f:2026-10-14:spike");
    headless.screenshot("alerts-scoped-1366");

    fixture.stored.clear();
  }
}
