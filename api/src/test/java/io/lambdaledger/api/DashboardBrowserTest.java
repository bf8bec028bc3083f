package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Drives headless Chromium through the dashboard of a seeded server with auth on: token entry, the
 * month picker, the overview's numbers (compared with the API's), a function's page with its own
 * bound and its provisioned concurrency, the functions table, the collection page with and without
 * a budget, the one empty state, stale responses, and the layout at desktop and phone widths.
 * Full-page screenshots of every view at 1366 and 390 px go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  @RegisterExtension static final HeadlessBrowser browser = new HeadlessBrowser();

  private static final int DESKTOP = 1366;
  private static final int PHONE = 390;
  private static final String CHECKOUT = "111111111111/us-east-1/checkout-api";
  private static final String INDEXER = "222222222222/us-east-1/search-indexer";
  private static final String PROVISIONED = "333333333333/us-west-2/pc-api";

  @RegisterExtension
  static final LedgerServer ledger =
      new LedgerServer(LedgerFixture::seededWithProvisionedConcurrency);

  // ---------- helpers ----------

  private long number(String code) {
    return ((Number) browser.script(code)).longValue();
  }

  /** The whole page at the current width, then back to a 900 px high viewport. */
  private void screenshot(String name, int width) throws IOException {
    browser.viewport(width, 900);
    waitForCharts();
    long height = Math.max(900, number("return document.documentElement.scrollHeight"));
    browser.viewport(width, (int) Math.min(height, 8000));
    waitForCharts();
    browser.screenshot(name + "-" + width);
    browser.viewport(width, 900);
  }

  private void screenshots(String name) throws IOException {
    screenshot(name, PHONE);
    screenshot(name, DESKTOP);
  }

  /** Charts resize on the window's resize event: wait until each fits its card again. */
  private void waitForCharts() {
    browser
        .await()
        .until(
            d ->
                (Boolean)
                    browser.script(
                        "return [...document.querySelectorAll('.chart .uplot')].every(u =>"
                            + " u.getBoundingClientRect().right <="
                            + " u.parentElement.getBoundingClientRect().right + 1)"));
  }

  private JsonNode api(String path) {
    return new ObjectMapper()
        .readTree(ledger.fixture().http.get(path, LedgerFixture.VIEWER).body());
  }

  private static String dollars(String decimal) {
    BigDecimal amount = new BigDecimal(decimal);
    return "$" + String.format(java.util.Locale.US, "%,.2f", amount);
  }

  private static String percent(String fraction) {
    return new BigDecimal(fraction).movePointRight(2).setScale(1, RoundingMode.HALF_UP) + " %";
  }

  /** Loads the dashboard afresh at {@code hash} (nothing kept from the previous page's script). */
  private void open(String hash) {
    browser.openDashboard(ledger.fixture().http.base(), LedgerFixture.VIEWER, hash);
  }

  private void waitForPage(String page, String month) {
    browser
        .await()
        .until(
            d ->
                page.equals(browser.script("return document.body.dataset.page"))
                    && month.equals(
                        browser.script(
                            "var m = document.getElementById('page-month');"
                                + " return m && m.dataset.month")));
  }

  private String text(String id) {
    return browser.driver().findElement(By.id(id)).getText();
  }

  // ---------- tests ----------

  @Test
  void functions_without_a_price_or_with_uncertain_history_are_marked() throws IOException {
    LedgerFixture marked =
        LedgerFixture.seeded(
            UncertainLinesApiTest.withoutRegion(UncertainLinesApiTest.UNPRICED_REGION),
            UncertainLinesApiTest.EVIDENCE);
    try {
      browser.openDashboard(marked.http.base(), LedgerFixture.VIEWER, "#/functions");
      browser.await().until(d -> !d.findElements(By.cssSelector("#functions tbody tr")).isEmpty());
      WebElement refunds = row("refunds-worker");
      assertThat(refunds.findElement(By.cssSelector("[data-mark=REGION_NOT_PRICED]")).getText())
          .isEqualTo("no price");
      assertThat(refunds.getText()).contains("no price").doesNotContain("$0.00");
      assertThat(row("checkout-api").findElements(By.cssSelector("[data-mark=HISTORY_INFERRED]")))
          .hasSize(1);
      assertThat(row("search-indexer").findElements(By.cssSelector("[data-mark=HISTORY_UNKNOWN]")))
          .hasSize(1);
      assertThat(row("stream-consumer").findElements(By.cssSelector("[data-mark=NOT_YET_KNOWN]")))
          .hasSize(1);
      assertThat(
              browser
                  .driver()
                  .findElements(By.cssSelector("#warnings li[data-code=REGION_NOT_PRICED]")))
          .hasSize(1);
      screenshot("functions-marked", DESKTOP);

      browser
          .driver()
          .get(
              marked.http.base()
                  + "/#/function/"
                  + LedgerFixture.ORG_PAYER
                  + "/"
                  + UncertainLinesApiTest.UNPRICED_REGION
                  + "/refunds-worker");
      browser
          .await()
          .until(d -> !d.findElements(By.cssSelector("#function-marks [data-mark]")).isEmpty());
      assertThat(text("function-cost")).isEqualTo("no price");
      assertThat(browser.driver().findElement(By.id("chart-cost")).getAttribute("data-rendered"))
          .isEqualTo("unpriced");
      assertThat(
              browser
                  .driver()
                  .findElements(By.cssSelector("#warnings li[data-code=REGION_NOT_PRICED]")))
          .hasSize(1);
      screenshot("function-unpriced", DESKTOP);

      browser.driver().get(marked.http.base() + "/#/function/" + CHECKOUT);
      browser
          .await()
          .until(
              d ->
                  !d.findElements(By.cssSelector("#function-marks [data-mark=HISTORY_INFERRED]"))
                      .isEmpty());
      assertThat(
              browser
                  .driver()
                  .findElements(By.cssSelector("#warnings li[data-code=HISTORY_INFERRED]")))
          .hasSize(1);
    } finally {
      marked.close();
    }
  }

  /** The functions table's row of {@code name}. */
  private WebElement row(String name) {
    return browser.driver().findElements(By.cssSelector("#functions tbody tr")).stream()
        .filter(r -> r.findElement(By.cssSelector("a")).getText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name));
  }

  @Test
  void the_dashboard_asks_for_a_token_then_shows_the_apis_numbers_charts_and_details()
      throws IOException {
    browser.driver().get(ledger.fixture().http.base() + "/");
    browser.script("localStorage.clear()");
    browser.driver().get(ledger.fixture().http.base() + "/#/");
    WebElement input =
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    screenshots("0-sign-in");
    input.sendKeys(LedgerFixture.VIEWER);
    browser.driver().findElement(By.cssSelector("#token-entry button")).click();
    waitForPage("overview", "2026-10");

    JsonNode costs = api("/api/v1/costs?window=2026-10");
    String total = costs.get("totals").get("total").asString();
    WebElement mtd = browser.driver().findElement(By.id("mtd-total"));
    assertThat(mtd.getAttribute("data-value")).isEqualTo(total);
    assertThat(mtd.getText()).isEqualTo(dollars(total));
    JsonNode forecast = api("/api/v1/forecast?month=2026-10");
    assertThat(text("projected-total"))
        .isEqualTo(dollars(forecast.get("totals").get("projected").asString()));
    assertThat(text("free-tier-credit"))
        .isEqualTo(dollars(costs.get("totals").get("freeTierCredit").asString()));
    browser
        .await()
        .until(ExpectedConditions.attributeToBe(By.id("cost-by-day"), "data-rendered", "chart"));
    assertThat(browser.driver().findElements(By.cssSelector("#cost-by-day canvas"))).isNotEmpty();
    List<WebElement> topRows = browser.driver().findElements(By.cssSelector("#top-table tbody tr"));
    assertThat(topRows).hasSize(6);
    JsonNode top = api("/api/v1/costs?window=2026-10&aggregate=function&sort=total:desc&limit=10");
    assertThat(topRows.get(0).getText())
        .contains(top.get("items").get(0).get("key").get("function").asString())
        .contains(dollars(top.get("items").get(0).get("total").asString()));
    assertThat(browser.driver().findElement(By.id("auth-off")).isDisplayed()).isFalse();
    screenshots("1-overview");

    topRows.get(1).findElement(By.cssSelector("a")).click();
    waitForPage("function", "2026-10");
    assertThat(text("function-name"))
        .isEqualTo(top.get("items").get(1).get("key").get("function").asString());
    browser
        .await()
        .until(
            ExpectedConditions.attributeToBe(By.id("chart-invocations"), "data-rendered", "chart"));
    assertThat(text("function-cost"))
        .isEqualTo(dollars(top.get("items").get(1).get("total").asString()));

    open("#/function/" + INDEXER);
    waitForPage("function", "2026-10");
    assertThat(browser.driver().findElements(By.cssSelector("#config-history tbody tr")))
        .hasSize(2);
    screenshots("2-function-detail");

    open("#/functions");
    waitForPage("functions", "2026-10");
    assertThat(browser.driver().findElements(By.cssSelector("#functions tbody tr"))).hasSize(7);
    browser.driver().findElement(By.id("function-filter")).sendKeys("team:search");
    assertThat(browser.driver().findElements(By.cssSelector("#functions tbody tr"))).hasSize(2);
    screenshots("3-functions");

    open("#/collections");
    waitForPage("collections", "2026-10");
    assertThat(browser.driver().findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(4);
    // The budget card shows exactly when the API knows a budget or a shard's cadence.
    JsonNode budget = api("/api/v1/collections").get("budget");
    boolean budgetKnown = !budget.get("monthlyUsd").isNull() || !budget.get("shards").isEmpty();
    assertThat(browser.driver().findElements(By.id("budget"))).hasSize(budgetKnown ? 1 : 0);
    screenshots("4-collections");
  }

  @Test
  void the_month_picker_reaches_a_backfilled_month_on_every_view_and_keeps_it_in_the_hash() {
    open("#/");
    waitForPage("overview", "2026-10");
    Select picker = new Select(browser.driver().findElement(By.id("month-picker")));
    assertThat(picker.getOptions())
        .extracting(o -> o.getAttribute("value"))
        .containsExactly("2026-10", "2026-09");

    picker.selectByValue("2026-09");
    waitForPage("overview", "2026-09");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/?month=2026-09");
    JsonNode september = api("/api/v1/costs?window=2026-09");
    assertThat(browser.driver().findElement(By.id("mtd-total")).getAttribute("data-value"))
        .isEqualTo(september.get("totals").get("total").asString());
    assertThat(september.get("totals").get("total").asString())
        .isNotEqualTo(api("/api/v1/costs?window=2026-10").get("totals").get("total").asString());

    browser.driver().findElement(By.cssSelector("[data-nav=functions]")).click();
    waitForPage("functions", "2026-09");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/functions?month=2026-09");
    JsonNode functions = api("/api/v1/functions?window=2026-09&sort=cost:desc");
    String first = functions.get("items").get(0).get("name").asString();
    WebElement firstRow = browser.driver().findElement(By.cssSelector("#functions tbody tr"));
    assertThat(firstRow.getText())
        .contains(first)
        .contains(dollars(functions.get("items").get(0).get("cost").asString()));

    firstRow.findElement(By.cssSelector("a")).click();
    waitForPage("function", "2026-09");
    assertThat(
            new Select(browser.driver().findElement(By.id("month-picker")))
                .getFirstSelectedOption())
        .extracting(o -> o.getAttribute("value"))
        .isEqualTo("2026-09");
    assertThat(text("function-cost"))
        .isEqualTo(dollars(functions.get("items").get(0).get("cost").asString()));

    browser.driver().findElement(By.cssSelector("[data-nav=collections]")).click();
    waitForPage("collections", "2026-09");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/collections?month=2026-09");
  }

  @Test
  void a_function_page_shows_the_functions_own_bound_and_warnings_not_the_estates() {
    open("#/function/" + CHECKOUT);
    waitForPage("function", "2026-10");

    JsonNode detail = api("/api/v1/functions/" + CHECKOUT + "?window=2026-10");
    JsonNode bound = detail.get("costBound");
    assertThat(text("function-bound"))
        .isEqualTo(
            "up to "
                + dollars(bound.get("upTo").asString())
                + " higher (at most "
                + dollars(bound.get("atMost").asString())
                + ")");
    assertThat(new BigDecimal(bound.get("upTo").asString())).isPositive();
    String estateBound = null;
    for (JsonNode warning : api("/api/v1/costs?window=2026-10").get("warnings")) {
      if (warning.get("code").asString().equals("DURATION_ROUNDING_BOUND")) {
        estateBound = warning.get("message").asString();
      }
    }
    assertThat(estateBound).isNotNull();
    String warnings = text("warnings");
    assertThat(warnings)
        .doesNotContain(estateBound)
        .contains("at most " + dollars(bound.get("atMost").asString()));
  }

  @Test
  void a_provisioned_function_shows_allocated_concurrency_utilization_and_its_pc_costs()
      throws IOException {
    open("#/function/" + PROVISIONED);
    waitForPage("function", "2026-10");

    JsonNode detail = api("/api/v1/functions/" + PROVISIONED + "?window=2026-10");
    JsonNode item =
        api("/api/v1/costs?window=2026-10&aggregate=function&filter=function:pc-api")
            .get("items")
            .get(0);
    assertThat(text("pc-allocated")).isEqualTo(String.valueOf(LedgerFixture.PROVISIONED_ALLOCATED));
    assertThat(text("pc-utilization"))
        .isEqualTo(percent(detail.get("provisionedUsage").get("utilization").asString()));
    String pcCost = item.get("charges").get("provisionedConcurrency").asString();
    assertThat(new BigDecimal(pcCost)).isPositive();
    assertThat(text("pc-cost")).isEqualTo(dollars(pcCost));
    assertThat(text("pc-duration-cost"))
        .isEqualTo(dollars(item.get("charges").get("provisionedDuration").asString()));
    assertThat(text("function-usage")).contains("provisioned");
    screenshots("5-function-provisioned");
  }

  @Test
  void charts_without_values_share_one_empty_state_while_charts_of_zeros_are_drawn() {
    open("#/function/" + INDEXER);
    waitForPage("function", "2026-10");

    List<WebElement> charts =
        browser.driver().findElements(By.cssSelector("#metric-charts .chart"));
    assertThat(charts).hasSize(7);
    for (WebElement chart : charts) {
      String rendered = chart.getAttribute("data-rendered");
      boolean canvas = !chart.findElements(By.cssSelector("canvas")).isEmpty();
      boolean empty = !chart.findElements(By.cssSelector(".empty")).isEmpty();
      assertThat(List.of(rendered, canvas, empty))
          .as(chart.getAttribute("id"))
          .isIn(List.of("chart", true, false), List.of("empty", false, true));
    }
    // search-indexer has no iterator age at all, and zero throttles and dead-letter errors.
    assertThat(
            browser.driver().findElement(By.id("chart-iteratorAge")).getAttribute("data-rendered"))
        .isEqualTo("empty");
    assertThat(browser.driver().findElement(By.id("chart-throttles")).getAttribute("data-rendered"))
        .isEqualTo("chart");
    assertThat(
            browser
                .driver()
                .findElement(By.id("chart-deadLetterErrors"))
                .getAttribute("data-rendered"))
        .isEqualTo("chart");
    List<String> emptyLooks = new ArrayList<>();
    for (WebElement empty : browser.driver().findElements(By.cssSelector(".empty"))) {
      emptyLooks.add(empty.getAttribute("class") + "|" + empty.getCssValue("padding-top"));
    }
    assertThat(emptyLooks).isNotEmpty();
    assertThat(emptyLooks.stream().distinct()).hasSize(1);
  }

  @Test
  void tables_fit_or_scroll_inside_their_card_and_no_page_scrolls_sideways_on_a_phone() {
    for (int width : new int[] {1920, DESKTOP}) {
      browser.viewport(width, 900);
      open("#/functions");
      waitForPage("functions", "2026-10");
      assertThat(
              number(
                  "var w = document.getElementById('functions-table'); return w.scrollWidth -"
                      + " w.clientWidth"))
          .as("functions table overflow at %d px", width)
          .isLessThanOrEqualTo(0);
    }
    browser.viewport(PHONE, 844);
    for (String hash :
        List.of(
            "#/",
            "#/functions",
            "#/function/" + CHECKOUT,
            "#/function/" + PROVISIONED,
            "#/collections")) {
      open(hash);
      browser.await().until(d -> browser.script("return document.body.dataset.page") != null);
      waitForCharts();
      assertThat(number("return document.documentElement.scrollWidth - window.innerWidth"))
          .as("sideways scroll of %s at %d px", hash, PHONE)
          .isLessThanOrEqualTo(0);
    }
    open("#/functions");
    waitForPage("functions", "2026-10");
    browser.script(
        "var w = document.getElementById('functions-table'); w.scrollLeft = w.scrollWidth;");
    assertThat(
            number(
                "var w = document.getElementById('functions-table').getBoundingClientRect();"
                    + " var th = [...document.querySelectorAll('#functions th')].pop()"
                    + ".getBoundingClientRect(); return Math.round(th.right - w.right)"))
        .as("the last column can be scrolled into the card")
        .isLessThanOrEqualTo(1);
    browser.viewport(DESKTOP, 900);
  }

  @Test
  void collection_windows_show_both_dates_or_their_length_and_no_separator_dangles() {
    open("#/collections");
    waitForPage("collections", "2026-10");

    List<String> windows = new ArrayList<>();
    browser
        .driver()
        .findElements(By.cssSelector("#runs-table td.window"))
        .forEach(td -> windows.add(td.getText()));
    assertThat(windows).hasSize(4);
    assertThat(windows)
        .contains("2026-10-14 00:00 – 2026-10-15 00:00 UTC (24 h)")
        .allMatch(
            w ->
                w.matches(
                    "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(–\\d{2}:\\d{2}| – \\d{4}-\\d{2}-\\d{2}"
                        + " \\d{2}:\\d{2}) UTC \\(\\d+ (min|h)\\)"));

    for (String hash :
        List.of("#/", "#/collections", "#/function/333333333333/us-west-2/nightly-report")) {
      open(hash);
      browser.await().until(d -> browser.script("return document.body.dataset.page") != null);
      String page = browser.driver().findElement(By.tagName("main")).getText();
      assertThat(page).as(hash).doesNotContainPattern("·\\s*·").doesNotContainPattern("·\\s*$");
      for (String line : page.split("\n")) {
        assertThat(line.strip()).as(hash).doesNotStartWith("·").doesNotEndWith("·");
      }
    }
  }

  @Test
  void a_slow_response_for_an_older_navigation_never_overwrites_the_newer_view() {
    open("#/");
    waitForPage("overview", "2026-10");
    browser.script(
        "window.__delayed = 0; const realFetch = window.fetch;"
            + " window.fetch = async (url, options) => {"
            + "  if (String(url).includes('2026-09')) {"
            + "    await new Promise(r => setTimeout(r, 1500));"
            + "    try { return await realFetch(url, options); } finally { window.__delayed++; }"
            + "  }"
            + "  return realFetch(url, options); };");

    browser.script("location.hash = '#/?month=2026-09'");
    browser
        .await()
        .until(
            d ->
                "2026-09"
                    .equals(
                        browser.script("return document.getElementById('month-picker').value")));
    browser.script("location.hash = '#/functions'");
    waitForPage("functions", "2026-10");
    browser.await().until(d -> number("return window.__delayed") >= 5);

    assertThat(browser.script("return document.body.dataset.page")).isEqualTo("functions");
    assertThat(browser.driver().findElements(By.id("functions"))).hasSize(1);
    assertThat(browser.driver().findElements(By.id("mtd-total"))).isEmpty();
  }

  @Test
  void the_collection_page_shows_the_collectors_budget_when_the_api_gives_one() throws IOException {
    open("#/");
    waitForPage("overview", "2026-10");
    browser.script(
        "const realFetch = window.fetch;"
            + " window.fetch = async (url, options) => {"
            + "  const response = await realFetch(url, options);"
            + "  if (!String(url).includes('/collections')) return response;"
            + "  const body = await response.json();"
            + "  body.budget = {monthlyUsd: '10.00', projectedMonthlyUsd: '7.42',"
            + "    warnings: [{code: 'OVER_BUDGET_SHARD', message: 'us-west-2 runs hourly to stay"
            + " in budget'}],"
            + "    shards: [{account: '111111111111', region: 'us-east-1', interval: 'PT5M',"
            + " activeSeries: 1200, projectedMonthlyUsd: '5.18'},"
            + "     {account: '333333333333', region: 'us-west-2', interval: 3600,"
            + " activeSeries: 80, projectedMonthlyUsd: '2.24'}]};"
            + "  return new Response(JSON.stringify(body), {status: response.status,"
            + "    headers: {'Content-Type': 'application/json'}}); };");
    browser.script("location.hash = '#/collections'");
    waitForPage("collections", "2026-10");

    assertThat(text("budget-monthly")).isEqualTo("$10.00");
    assertThat(text("budget-projected")).isEqualTo("$7.42");
    assertThat(text("budget")).contains("us-west-2 runs hourly to stay in budget");
    List<WebElement> shards =
        browser.driver().findElements(By.cssSelector("#budget-shards tbody tr"));
    assertThat(shards).hasSize(2);
    assertThat(shards.get(0).getText())
        .contains("111111111111")
        .contains("5 min")
        .contains("1,200")
        .contains("$5.18");
    assertThat(shards.get(1).getText()).contains("1 h");
    screenshots("6-collections-budget");
  }

  @Test
  void with_auth_off_and_no_data_the_dashboard_says_so() throws IOException {
    try (LedgerFixture empty = LedgerFixture.empty(false)) {
      browser.driver().get(empty.http.base() + "/");
      browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("mtd-total")));
      assertThat(browser.driver().findElement(By.id("auth-off")).isDisplayed()).isTrue();
      assertThat(text("mtd-total")).isEqualTo("$0.00");
      assertThat(text("top-functions")).contains("No functions with usage yet");
      browser
          .await()
          .until(ExpectedConditions.attributeToBe(By.id("cost-by-day"), "data-rendered", "empty"));
      screenshots("7-empty-auth-off");
    }
  }

  @Test
  void the_estimate_vs_bill_view_shows_the_variance_its_causes_and_the_functions_that_differ_most()
      throws IOException {
    io.lambdaledger.db.BillStore bills =
        new io.lambdaledger.db.BillStore(ledger.fixture().db.dsl());
    io.lambdaledger.core.bill.BillImport header =
        new io.lambdaledger.core.bill.BillImport(
            "s3://bills/cur", "2026-09", "CUR2", "v1", 0, BigDecimal.ZERO, java.time.Instant.EPOCH);
    bills.replace(
        header,
        sink -> {
          for (int day = 1; day <= 30; day++) {
            sink.add(
                1,
                day,
                new io.lambdaledger.core.bill.BillLine(
                    LedgerFixture.ORG_PAYER,
                    LedgerFixture.MEMBER,
                    "us-east-1",
                    "arn:aws:lambda:us-east-1:222222222222:function:search-indexer",
                    java.time.LocalDate.of(2026, 9, day),
                    io.lambdaledger.core.bill.ChargeKind.DURATION,
                    io.lambdaledger.core.bill.LineType.USAGE,
                    "USE1-Lambda-GB-Second",
                    new BigDecimal("60000"),
                    new BigDecimal("1.00"),
                    new BigDecimal("1.00"),
                    new BigDecimal("1.00"),
                    "1234567890"));
          }
        });
    try {
      JsonNode reconciliation = api("/api/v1/reconciliation?month=2026-09");
      open("#/bill?month=2026-09");
      waitForPage("bill", "2026-09");

      assertThat(text("bill-billed"))
          .isEqualTo(dollars(reconciliation.path("billed").path("total").asString()));
      assertThat(text("bill-estimated"))
          .isEqualTo(dollars(reconciliation.path("estimated").path("total").asString()));
      assertThat(browser.driver().findElements(By.cssSelector("#variance-chart .variance-row")))
          .isNotEmpty();
      assertThat(browser.driver().findElement(By.id("bill-functions")).getText())
          .contains("search-indexer");
      screenshots("8-estimate-vs-bill");

      open("#/bill?month=2026-10");
      waitForPage("bill", "2026-10");
      assertThat(browser.driver().findElement(By.id("no-bill")).getText())
          .contains("No bill imported for this month");
    } finally {
      bills.replace(header, sink -> {});
    }
  }
}
