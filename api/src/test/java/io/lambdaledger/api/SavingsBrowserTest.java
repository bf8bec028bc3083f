package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The dashboard's Savings view in headless Chromium on the seeded server: the total and every row
 * are the API's recommendations, each row opens its evidence and assumptions, and no page scrolls
 * sideways on a phone. Screenshots at 1366 and 390 px go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavingsBrowserTest {

  @RegisterExtension static final HeadlessBrowser browser = new HeadlessBrowser();

  private static final int DESKTOP = 1366;
  private static final int PHONE = 390;

  @RegisterExtension static final LedgerServer ledger = new LedgerServer(LedgerFixture::seeded);

  private void screenshot(String name, int width) throws IOException {
    browser.viewport(width, 900);
    long height =
        Math.max(
            900,
            ((Number) browser.script("return document.documentElement.scrollHeight")).longValue());
    browser.viewport(width, (int) Math.min(height, 8000));
    browser.screenshot(name + "-" + width);
    browser.viewport(width, 900);
  }

  @Test
  void the_savings_view_shows_the_apis_recommendations_with_their_evidence() throws IOException {
    JsonNode api =
        new ObjectMapper()
            .readTree(
                ledger.fixture().http.get("/api/v1/recommendations", LedgerFixture.VIEWER).body());
    assertThat(api.get("items").size()).isPositive();
    browser.openDashboard(ledger.fixture().http.base(), LedgerFixture.VIEWER, "#/savings");
    browser
        .await()
        .until(d -> "savings".equals(browser.script("return document.body.dataset.page")));

    assertThat(browser.driver().findElement(By.id("savings-total")).getAttribute("data-value"))
        .isEqualTo(api.get("monthlySaving").get("expected").asString());
    List<WebElement> rows =
        browser.driver().findElements(By.cssSelector("#recommendations-table tbody tr"));
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
    browser
        .await()
        .until(d -> first.findElement(By.tagName("details")).getText().contains(firstEvidence));
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("[data-nav=savings]"))
                .getAttribute("class"))
        .contains("active");

    browser.viewport(PHONE, 900);
    assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).longValue())
        .isLessThanOrEqualTo(PHONE);
    screenshot("8-savings", PHONE);
    screenshot("8-savings", DESKTOP);
  }
}
