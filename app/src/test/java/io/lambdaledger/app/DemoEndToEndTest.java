package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.collector.CycleReport;
import io.lambdaledger.sim.Truth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole product through {@code demo}: simulator, collector, database, API and reports in one
 * process. Checks that what the collector stored, what the API prices and what the report writes
 * agree with each other and with the simulator's ground truth.
 */
class DemoEndToEndTest {
  static Path folder;
  static DemoCommand.Running demo;
  static CycleReport backfill;
  static String console;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The demo runs on a clock that starts on the 3rd of a month, early enough that its 12 functions
   * sit inside the free tier (every day costs $0.00), and moves on in real time from there.
   */
  static final Instant DEMO_START = Instant.parse("2026-11-03T09:00:00Z");

  static final Clock CLOCK =
      Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DEMO_START));

  @BeforeAll
  static void startDemo() throws Exception {
    folder = Files.createTempDirectory("ledger-demo-test-");
    DemoCommand command = new DemoCommand();
    command.main = new Main(Map.of());
    command.functions = 12;
    command.seed = 7;
    command.port = 0;
    command.host = "127.0.0.1";
    command.db = folder;
    command.clock = CLOCK;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    demo = command.start(new PrintStream(out, true, StandardCharsets.UTF_8));
    backfill = demo.backfill().get(10, TimeUnit.MINUTES);
    console = out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.runtime().port() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static YearMonth lastMonth() {
    return YearMonth.now(CLOCK.withZone(ZoneOffset.UTC)).minusMonths(1);
  }

  @Test
  void theDemoSaysWhereItServesThatAuthIsOffAndFinishesItsBackfill() {
    assertThat(console).contains("Ready in").contains("http://127.0.0.1:").contains("OFF");
    assertThat(backfill.succeeded()).as(backfill.failures().toString()).isTrue();
    assertThat(backfill.shards()).isNotEmpty();
  }

  @Test
  void requestsOfLastMonthPerFunctionEqualTheSimulatorsTruth() throws Exception {
    YearMonth month = lastMonth();
    Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    long truth = demo.simulator().truth(from, to).invocations();
    JsonNode costs = get("/api/v1/costs?window=" + month + "&aggregate=function");
    assertThat(costs.path("totals").path("requests").asLong()).isEqualTo(truth).isPositive();
  }

  @Test
  void theMonthlyReportTotalEqualsTheApiTotalToTheCent() throws Exception {
    YearMonth month = lastMonth();
    // The report takes the demo's imported bill where it has one, as /costs does by default.
    billImported(month);
    JsonNode costs = get("/api/v1/costs?window=" + month + "&aggregate=function");
    BigDecimal apiTotal = new BigDecimal(costs.path("totals").path("total").asText());
    assertThat(apiTotal).isPositive();
    BigDecimal itemSum =
        JSON.convertValue(costs.path("items"), JsonNode[].class).length == 0
            ? BigDecimal.ZERO
            : sumItems(costs.path("items"));
    assertThat(itemSum).isEqualByComparingTo(apiTotal);

    Path file = folder.resolve("report.csv");
    CommandRun report =
        MigrateCommandTest.run(
            Map.of(
                "LEDGER_DB_URL",
                "jdbc:h2:file:" + folder.resolve("lambda-ledger") + ";AUTO_SERVER=TRUE"),
            "report",
            "--month",
            month.toString(),
            "--output",
            file.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    BigDecimal reportTotal = BigDecimal.ZERO;
    int rows = 0;
    for (CSVRecord row :
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(Files.readString(file)))) {
      reportTotal = reportTotal.add(new BigDecimal(row.get("total_cost")));
      rows++;
    }
    assertThat(rows).isPositive();
    assertThat(reportTotal).isEqualByComparingTo(apiTotal);
  }

  /**
   * The demo imports its simulator's export at start, beside the backfill: waits (bounded, not a
   * timed assertion) until last month's bill is in.
   */
  static JsonNode billImported(YearMonth month) throws Exception {
    String path = "/api/v1/reconciliation?month=" + month;
    for (int attempt = 0; attempt < 600; attempt++) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.runtime().port() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return JSON.readTree(response.body());
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
      Thread.sleep(500);
    }
    throw new AssertionError("the demo did not import the bill of " + month);
  }

  @Test
  void theFirstStartFillsEstimateVsBillWithTheSimulatorsBill() throws Exception {
    YearMonth month = lastMonth();
    Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    JsonNode reconciliation = billImported(month);

    BigDecimal billed = new BigDecimal(reconciliation.path("billed").path("total").asText());
    assertThat(billed).isPositive();
    // The demo runs on the 3rd: last month's export is complete but not closed yet, so it has
    // every charge of the simulator's bill except the credit AWS adds at month close.
    Truth truth = demo.simulator().truth(from, to);
    assertThat(billed).isEqualByComparingTo(truth.billTotal().subtract(truth.credit()));
    assertThat(new BigDecimal(reconciliation.path("estimated").path("total").asText()))
        .isPositive();
    assertThat(reconciliation.path("items").size()).isPositive();
  }

  @Test
  void theDashboardAndHealthAreServed() throws Exception {
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.runtime().port() + "/"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("<html");
    assertThat(get("/healthz").isObject()).isTrue();
  }

  @Test
  void theDashboardShowsTheApisNumbersWithChartsAndOpensAFunction() throws Exception {
    try (DemoBrowser browser = DemoBrowser.open()) {
      browser.driver.get("http://127.0.0.1:" + demo.runtime().port() + "/");
      browser.wait.until(
          ExpectedConditions.attributeToBe(By.id("cost-by-day"), "data-rendered", "chart"));
      JsonNode costs = get("/api/v1/costs?window=month");
      // Early in the month the demo's usage sits inside the free tier: days with requests that
      // cost $0.00 are drawn as days (the wait above), not as "no data".
      assertThat(costs.path("totals").path("requests").asLong()).isPositive();
      assertThat(new BigDecimal(costs.path("totals").path("total").asText())).isZero();
      WebElement monthToDate = browser.driver.findElement(By.id("mtd-total"));
      assertThat(monthToDate.getAttribute("data-value"))
          .isEqualTo(costs.path("totals").path("total").asText());
      assertThat(browser.driver.findElement(By.id("auth-off")).isDisplayed()).isTrue();
      assertThat(browser.driver.findElements(By.cssSelector("#cost-by-day canvas"))).isNotEmpty();
      List<WebElement> top = browser.driver.findElements(By.cssSelector("#top-table tbody tr a"));
      assertThat(top).isNotEmpty();
      browser.screenshot("demo-1-overview");
      String name = top.getFirst().getText();
      top.getFirst().click();
      browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("function-name")));
      assertThat(browser.driver.findElement(By.id("function-name")).getText()).contains(name);
      browser.wait.until(
          ExpectedConditions.attributeToBe(By.id("chart-invocations"), "data-rendered", "chart"));
      browser.screenshot("demo-2-function-detail");
    }
  }

  private static BigDecimal sumItems(JsonNode items) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode item : items) {
      sum = sum.add(new BigDecimal(item.path("total").asText()));
    }
    return sum;
  }
}
