package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's Alerts page in headless Chromium: budgets and alerts as the token may see them.
 * Screenshots go to {@code target/screenshots/alerts-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsDashboardBrowserTest {

  @RegisterExtension static final HeadlessBrowser browser = new HeadlessBrowser();

  private AlertsFixture fixture;

  @BeforeAll
  void start() throws IOException {
    fixture = new AlertsFixture();
  }

  @AfterAll
  void stop() throws IOException {
    if (fixture != null) {
      fixture.close();
    }
  }

  private void openAlertsAs(String token) {
    browser.openDashboard(fixture.http.base(), token, "#/alerts");
    browser
        .await()
        .until(d -> "alerts".equals(browser.script("return document.body.dataset.page")));
  }

  private List<String> rows(String table, String attribute) {
    return browser.driver().findElements(By.cssSelector("#" + table + " tbody tr")).stream()
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
        browser
            .driver()
            .findElement(
                By.cssSelector("[data-key='anomaly:222222222222/us-east-1/f:2026-10-14:spike']"));
    assertThat(failed.getText()).contains("cost spike", "Cost spike", "$50.00", "$10.00", "failed");
    assertThat(browser.driver().findElement(By.cssSelector("[data-budget=payments]")).getText())
        .contains("account 111111111111", "$250.00", "API");
    assertThat(
            browser.driver().findElement(By.cssSelector("[data-nav=alerts]")).getAttribute("class"))
        .contains("active");
    browser.screenshot("alerts-admin-1366");

    openAlertsAs(AlertsFixture.SCOPED);
    assertThat(rows("budgets-table", "data-budget")).containsExactly("configured");
    assertThat(rows("alerts-table", "data-key"))
        .containsExactly("anomaly:222222222222/us-east-1/f:2026-10-14:spike");
    browser.screenshot("alerts-scoped-1366");

    fixture.stored.clear();
  }
}
