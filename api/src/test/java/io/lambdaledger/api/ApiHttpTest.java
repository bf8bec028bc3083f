package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the real server, on a seeded H2 database; every response is validated against the
 * server's own openapi.json, and money adds up to the cent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHttpTest {

  static final String CHECKOUT = "/api/v1/functions/111111111111/us-east-1/checkout-api";
  static final String INDEXER = "/api/v1/functions/222222222222/us-east-1/search-indexer";

  @RegisterExtension static final LedgerServer ledger = new LedgerServer(LedgerFixture::seeded);

  /** GET as the all-accounts viewer; asserts the status and validates the body. */
  JsonNode get(String template, String pathAndQuery, int status) {
    return ledger
        .contract()
        .get(ledger.fixture().http, template, pathAndQuery, LedgerFixture.VIEWER, status);
  }

  JsonNode costs(String query) {
    return get("/api/v1/costs", "/api/v1/costs?" + query, 200);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static BigDecimal money(JsonNode node) {
    return new BigDecimal(node.asString());
  }

  /** Items' totals and charges add up to the response totals, to the cent. */
  static void assertItemsAddUp(JsonNode body) {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal credit = BigDecimal.ZERO;
    long requests = 0;
    Map<String, BigDecimal> charges = new java.util.HashMap<>();
    for (JsonNode item : body.get("items")) {
      total = total.add(money(item.get("total")));
      credit = credit.add(money(item.get("freeTierCredit")));
      requests += item.get("requests").asLong();
      BigDecimal itemCharges = BigDecimal.ZERO;
      for (Iterator<Map.Entry<String, JsonNode>> it = item.get("charges").properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> charge = it.next();
        charges.merge(charge.getKey(), money(charge.getValue()), BigDecimal::add);
        itemCharges = itemCharges.add(money(charge.getValue()));
      }
      assertThat(itemCharges).isEqualByComparingTo(money(item.get("total")));
    }
    JsonNode totals = body.get("totals");
    assertThat(total).isEqualByComparingTo(money(totals.get("total")));
    assertThat(credit).isEqualByComparingTo(money(totals.get("freeTierCredit")));
    assertThat(requests).isEqualTo(totals.get("requests").asLong());
    charges.forEach(
        (name, sum) ->
            assertThat(sum).isEqualByComparingTo(money(totals.get("charges").get(name))));
  }

  @Test
  void costs_for_the_month_by_function_add_up_to_the_cent_with_price_version_and_warnings() {
    JsonNode body = costs("window=month&aggregate=function");
    assertThat(body.get("window").get("start").asString()).isEqualTo("2026-10-01T00:00:00Z");
    assertThat(body.get("priceVersion").asString()).isNotBlank().isNotEqualTo("none");
    assertThat(body.get("items")).hasSize(5);
    assertItemsAddUp(body);
    assertThat(money(body.get("totals").get("total"))).isPositive();
    assertThat(money(body.get("totals").get("freeTierCredit"))).isPositive();
    Set<String> codes = new HashSet<>();
    body.get("warnings").forEach(w -> codes.add(w.get("code").asString()));
    assertThat(codes).contains("ESTIMATED", "NOT_FINAL", "MONTH_NOT_OVER");
    JsonNode first = body.get("items").get(0);
    assertThat(first.get("key").get("function").asString()).isEqualTo("search-indexer");
    assertThat(first.get("key").get("account").asString()).isEqualTo("222222222222");
  }

  @Test
  void every_grouping_of_the_same_window_has_the_same_total() {
    BigDecimal expected = money(costs("window=month").get("totals").get("total"));
    for (String aggregate :
        List.of(
            "function",
            "account",
            "region",
            "architecture",
            "runtime",
            "tag:team",
            "account,region",
            "tag:team,architecture")) {
      JsonNode body = costs("window=month&aggregate=" + encode(aggregate));
      assertItemsAddUp(body);
      assertThat(money(body.get("totals").get("total")))
          .as(aggregate)
          .isEqualByComparingTo(expected);
    }
  }

  @Test
  void a_daily_series_adds_up_to_the_window_and_each_item_to_its_total() {
    JsonNode body = costs("window=month&aggregate=account&step=day");
    assertItemsAddUp(body);
    assertThat(body.get("step").asString()).isEqualTo("day");
    BigDecimal seriesSum = BigDecimal.ZERO;
    for (JsonNode point : body.get("series")) {
      seriesSum = seriesSum.add(money(point.get("total")));
    }
    assertThat(seriesSum).isEqualByComparingTo(money(body.get("totals").get("total")));
    assertThat(body.get("series")).hasSize(31);
    for (JsonNode item : body.get("items")) {
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode point : item.get("series")) {
        sum = sum.add(money(point.get("total")));
      }
      assertThat(sum).isEqualByComparingTo(money(item.get("total")));
    }
    JsonNode first = body.get("series").get(0);
    assertThat(money(first.get("total")))
        .as("the free tier covers the first usage of the month")
        .isLessThan(money(body.get("series").get(10).get("total")));
  }

  @Test
  void a_window_across_months_is_the_sum_of_its_parts() {
    BigDecimal september = money(costs("window=2026-09").get("totals").get("total"));
    BigDecimal octoberSoFar =
        money(costs("window=" + encode("2026-10-01,2026-10-16")).get("totals").get("total"));
    JsonNode both =
        costs("window=" + encode("2026-09-01T00:00:00Z,2026-10-16T00:00:00Z") + "&step=month");
    assertThat(money(both.get("totals").get("total")))
        .isEqualByComparingTo(september.add(octoberSoFar));
    assertThat(both.get("series")).hasSize(2);
    assertThat(costs("window=lastmonth").get("totals").get("total").asString())
        .isEqualTo(september.toPlainString());
  }

  @Test
  void part_of_a_month_is_the_difference_of_month_to_date_costs() {
    BigDecimal firstHalf =
        money(costs("window=" + encode("2026-10-01,2026-10-08")).get("totals").get("total"));
    BigDecimal rest =
        money(costs("window=" + encode("2026-10-08,2026-10-16")).get("totals").get("total"));
    BigDecimal whole = money(costs("window=2026-10").get("totals").get("total"));
    assertThat(firstHalf.add(rest)).isEqualByComparingTo(whole);
    JsonNode week = costs("window=7d&aggregate=function&step=hour");
    assertItemsAddUp(week);
    assertThat(week.toString()).contains("PART_OF_MONTH");
  }

  @Test
  void filters_sorting_and_paging_work_on_the_same_numbers() {
    JsonNode payments =
        costs("window=month&aggregate=function&filter=" + encode("tag:team:payments"));
    assertThat(payments.get("items")).hasSize(2);
    assertItemsAddUp(payments);
    JsonNode usEast = costs("window=month&aggregate=function&filter=" + encode("region:us-east-1"));
    assertThat(usEast.get("items")).hasSize(3);
    JsonNode page = costs("window=month&aggregate=function&sort=requests:asc&limit=2&offset=1");
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("paging").get("count").asInt()).isEqualTo(5);
    assertThat(page.get("items").get(0).get("requests").asLong())
        .isLessThanOrEqualTo(page.get("items").get(1).get("requests").asLong());
    JsonNode all = costs("window=month&aggregate=function");
    assertThat(page.get("totals")).isEqualTo(all.get("totals"));
  }

  @Test
  void a_configuration_change_splits_architecture_but_not_function() {
    JsonNode byFunction =
        costs("window=month&aggregate=function&filter=" + encode("function:search-indexer"));
    assertThat(byFunction.get("items")).hasSize(1);
    JsonNode detail = get("/api/v1/functions/{account}/{region}/{name}", INDEXER, 200);
    assertThat(detail.get("configurations")).hasSize(2);
    assertThat(detail.get("configurations").get(0).get("memoryMb").asInt()).isEqualTo(2048);
    assertThat(detail.get("configurations").get(1).get("memoryMb").asInt()).isEqualTo(3008);
    assertThat(detail.get("memoryMb").asInt()).isEqualTo(3008);
  }

  @Test
  void functions_list_their_configuration_tags_metrics_and_cost() {
    JsonNode body = get("/api/v1/functions", "/api/v1/functions?window=month", 200);
    assertThat(body.get("items")).hasSize(6);
    JsonNode top = body.get("items").get(0);
    assertThat(top.get("name").asString()).isEqualTo("search-indexer");
    assertThat(top.get("tags").get("team").asString()).isEqualTo("search");
    assertThat(top.get("metrics").get("invocations").asLong()).isPositive();
    assertThat(top.get("metrics").get("errors").asLong()).isPositive();
    JsonNode costs = costs("window=month&aggregate=function");
    assertThat(top.get("cost").asString())
        .isEqualTo(costs.get("items").get(0).get("total").asString());
    JsonNode sorted =
        get(
            "/api/v1/functions",
            "/api/v1/functions?sort=name:asc&filter=account:333333333333",
            200);
    assertThat(sorted.get("items"))
        .extracting(n -> n.get("name").asString())
        .containsExactly("idle-fn", "nightly-report");
  }

  @Test
  void function_metrics_give_the_six_series_with_units() {
    JsonNode body =
        get(
            "/api/v1/functions/{account}/{region}/{name}/metrics",
            "/api/v1/functions/222222222222/us-east-1/stream-consumer/metrics?window=month&step=day",
            200);
    assertThat(body.get("series")).hasSize(6);
    List<String> metrics = new ArrayList<>();
    body.get("series").forEach(s -> metrics.add(s.get("metric").asString()));
    assertThat(metrics)
        .containsExactly(
            "invocations", "duration", "errors", "throttles", "iteratorAge", "deadLetterErrors");
    JsonNode iteratorAge = body.get("series").get(4);
    assertThat(iteratorAge.get("unit").asString()).isEqualTo("ms");
    assertThat(iteratorAge.get("points").get(3).get("value").asDouble()).isGreaterThan(1500);
    JsonNode hourly =
        get(
            "/api/v1/functions/{account}/{region}/{name}/metrics",
            CHECKOUT + "/metrics?metric=invocations,duration&window=24h",
            200);
    assertThat(hourly.get("step").asString()).isEqualTo("hour");
    assertThat(hourly.get("series")).hasSize(2);
    assertThat(hourly.get("series").get(1).get("points").get(0).get("value").asDouble())
        .isBetween(120.0, 121.0);
  }

  @Test
  void unknown_and_malformed_functions_are_404_and_400() {
    get(
        "/api/v1/functions/{account}/{region}/{name}",
        "/api/v1/functions/111111111111/us-east-1/nope",
        404);
    JsonNode bad =
        get(
            "/api/v1/functions/{account}/{region}/{name}",
            "/api/v1/functions/12/us-east-1/checkout-api",
            400);
    assertThat(bad.get("parameter").asString()).isEqualTo("account");
  }

  @Test
  void free_tier_is_used_up_per_payer_with_the_day_it_ran_out() {
    JsonNode body = get("/api/v1/free-tier", "/api/v1/free-tier?month=2026-10", 200);
    assertThat(body.get("allowance").get("requests").asLong()).isEqualTo(1_000_000);
    assertThat(body.get("payers")).hasSize(2);
    JsonNode org = body.get("payers").get(0);
    assertThat(org.get("payer").asString()).isEqualTo("111111111111");
    assertThat(org.get("wholePayer").asBoolean()).isTrue();
    assertThat(org.get("requests").get("exhaustedOn").asString()).isEqualTo("2026-10-02");
    assertThat(org.get("projectedRunOut").asString()).startsWith("2026-10-0");
    JsonNode standalone = body.get("payers").get(1);
    assertThat(standalone.get("requests").has("exhaustedOn")).isFalse();
    assertThat(standalone.get("requests").get("fraction").asString()).isNotEqualTo("1");
  }

  @Test
  void the_forecast_projects_the_month_and_says_how() {
    JsonNode body =
        get("/api/v1/forecast", "/api/v1/forecast?month=2026-10&aggregate=account", 200);
    assertThat(body.get("method").asString()).startsWith("run-rate");
    BigDecimal actual = money(body.get("totals").get("actual"));
    BigDecimal projected = money(body.get("totals").get("projected"));
    assertThat(projected).isGreaterThan(actual.multiply(new BigDecimal("1.7")));
    assertThat(actual)
        .isEqualByComparingTo(money(costs("window=month").get("totals").get("total")));
    JsonNode closed = get("/api/v1/forecast", "/api/v1/forecast?month=2026-09", 200);
    assertThat(closed.get("totals").get("actual")).isEqualTo(closed.get("totals").get("projected"));
    get("/api/v1/forecast", "/api/v1/forecast?month=2026-12", 400);
  }

  @Test
  void prices_show_the_book_in_force() {
    JsonNode body = get("/api/v1/prices", "/api/v1/prices?region=us-east-1", 200);
    assertThat(body.get("regions")).hasSize(1);
    assertThat(body.get("prices").size()).isGreaterThanOrEqualTo(10);
    assertThat(body.get("freeTier").get("gbSeconds").asString()).isEqualTo("400000");
    get("/api/v1/prices", "/api/v1/prices?region=mars-north-1", 400);
  }

  @Test
  void collections_list_runs_and_this_months_cloudwatch_spend() {
    JsonNode body = get("/api/v1/collections", "/api/v1/collections", 200);
    assertThat(body.get("items")).hasSize(3);
    assertThat(body.get("items").get(0).get("calls").asLong()).isEqualTo(3);
    assertThat(new BigDecimal(body.get("monthToDate").get("cloudWatchCost").asString()))
        .isEqualByComparingTo("0.0036");
    assertThat(body.get("monthToDate").get("metricsRequested").asLong()).isEqualTo(360);
    assertThat(body.get("lastSuccess").asString()).isEqualTo("2026-10-15T12:20:04Z");
    assertThat(body.get("items").get(0).get("seriesListed").asLong()).isEqualTo(120);
    assertThat(body.get("items").get(0).get("seriesWithData").asLong()).isEqualTo(100);
  }

  @Test
  void collections_show_the_budget_the_cadence_it_buys_and_warn_when_it_is_exceeded() {
    JsonNode budget = get("/api/v1/collections", "/api/v1/collections", 200).get("budget");

    assertThat(budget.get("monthlyUsd").asString()).isEqualTo("1.50");
    // the failed run of the third shard is not a cadence; the two others: 0.86 + 1.86
    assertThat(budget.get("projectedMonthlyUsd").asString()).isEqualTo("2.72");
    assertThat(budget.get("shards")).hasSize(2);
    JsonNode first = budget.get("shards").get(0);
    assertThat(first.get("interval").asString()).isEqualTo("PT1H");
    assertThat(first.get("activeSeries").asLong()).isIn(120L, 121L);
    assertThat(budget.get("warnings")).hasSize(1);
    assertThat(budget.get("warnings").get(0).asString())
        .contains("collector.budget $1.50")
        .contains("projected $2.72");
  }

  @Test
  void reports_stream_csv_and_refuse_months_not_final() {
    HttpResponse<String> csv =
        ledger.fixture().http.get("/api/v1/reports/2026-09.csv?format=focus", LedgerFixture.VIEWER);
    assertThat(csv.statusCode()).isEqualTo(200);
    ledger
        .contract()
        .check("GET", "/api/v1/reports/{file}", 200, HttpTestClient.contentType(csv), csv.body());
    assertThat(csv.body()).startsWith("month,format").contains("2026-09,focus,111111111111");
    HttpResponse<String> refused =
        ledger.fixture().http.get("/api/v1/reports/2026-10.csv", LedgerFixture.VIEWER);
    assertThat(refused.statusCode()).isEqualTo(409);
    ledger
        .contract()
        .check(
            "GET",
            "/api/v1/reports/{file}",
            409,
            HttpTestClient.contentType(refused),
            refused.body());
    assertThat(
            ledger
                .fixture()
                .http
                .get("/api/v1/reports/2026-10.csv?allowPartial=true", LedgerFixture.VIEWER)
                .statusCode())
        .isEqualTo(200);
    get("/api/v1/reports/{file}", "/api/v1/reports/2026-10.xlsx", 400);
    get("/api/v1/reports/{file}", "/api/v1/reports/2026-10.csv?format=pdf", 400);
  }

  @Test
  void bad_query_parameters_are_400_naming_the_parameter() {
    Map<String, String> cases =
        Map.of(
            "window=2026-13", "window",
            "aggregate=colour", "aggregate",
            "step=week", "step",
            "filter=colour:red", "filter",
            "sort=price", "sort",
            "limit=0", "limit",
            "offset=-1", "offset",
            "agregate=function", "agregate",
            "window=2026-10&window=2026-09", "window",
            "window=month&step=hour", "step");
    cases.forEach(
        (query, parameter) -> {
          JsonNode problem = get("/api/v1/costs", "/api/v1/costs?" + query, 400);
          assertThat(problem.get("parameter").asString()).as(query).isEqualTo(parameter);
        });
  }

  @Test
  void the_openapi_document_describes_every_route_the_server_has() {
    Set<String> documented = new HashSet<>();
    ledger.contract().document().get("paths").properties().forEach(e -> documented.add(e.getKey()));
    assertThat(documented)
        .contains(
            "/healthz",
            "/readyz",
            "/metrics",
            "/api/v1/openapi.json",
            "/api/v1/about",
            "/api/v1/whoami",
            "/api/v1/costs",
            "/api/v1/free-tier",
            "/api/v1/forecast",
            "/api/v1/functions",
            "/api/v1/functions/{account}/{region}/{name}",
            "/api/v1/functions/{account}/{region}/{name}/metrics",
            "/api/v1/prices",
            "/api/v1/collections",
            "/api/v1/reports/{file}");
    HttpResponse<String> metrics = ledger.fixture().http.get("/metrics");
    for (String path : documented) {
      if (path.startsWith("/api/v1/") && !path.contains("{")) {
        ledger.fixture().http.get(path, LedgerFixture.VIEWER);
      }
    }
    String scraped = ledger.fixture().http.get("/metrics").body();
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(scraped).contains("uri=\"/api/v1/costs\"").contains("uri=\"/api/v1/free-tier\"");
  }
}
