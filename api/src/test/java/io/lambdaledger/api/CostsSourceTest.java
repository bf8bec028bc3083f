package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /costs?source=}: with a bill imported for 1–10 September (search-indexer only, and a
 * credit without a function), {@code best} equals the bill for those days and the estimate after,
 * to the cent, and says which days came from where; {@code estimate} ignores the bill.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostsSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEARCH = "search-indexer";
  private LedgerFixture fixture;

  @BeforeAll
  void start() {
    fixture = LedgerFixture.seeded();
    SeptemberBill.importInto(
        fixture,
        sink -> {
          int line = SeptemberBill.addSearchIndexerDays(sink);
          sink.add(
              1,
              ++line,
              new BillLine(
                  LedgerFixture.ORG_PAYER,
                  LedgerFixture.MEMBER,
                  "",
                  null,
                  LocalDate.of(2026, 9, 1),
                  ChargeKind.OTHER,
                  LineType.CREDIT,
                  "",
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  new BigDecimal("-0.50"),
                  new BigDecimal("-0.50"),
                  null));
        });
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = fixture.http.get(path, LedgerFixture.ADMIN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static Map<String, BigDecimal> totals(JsonNode body) {
    Map<String, BigDecimal> out = new HashMap<>();
    for (JsonNode item : body.path("items")) {
      out.put(
          item.path("key").path("function").asText(), new BigDecimal(item.path("total").asText()));
    }
    return out;
  }

  @Test
  void bestIsTheBillForTheDaysItCoversAndTheEstimateAfterToTheCent() throws Exception {
    JsonNode best = get("/api/v1/costs?window=2026-09&aggregate=function");
    JsonNode after =
        get(
            "/api/v1/costs?window=2026-09-11T00:00:00Z,2026-10-01T00:00:00Z"
                + "&aggregate=function&source=estimate");

    Map<String, BigDecimal> bestTotals = totals(best);
    Map<String, BigDecimal> afterTotals = totals(after);
    assertThat(bestTotals.get(SEARCH))
        .isEqualByComparingTo(new BigDecimal("11.70").add(afterTotals.get(SEARCH)));
    assertThat(bestTotals.keySet()).containsAll(afterTotals.keySet());
    afterTotals.forEach(
        (function, total) -> {
          if (!function.equals(SEARCH)) {
            assertThat(bestTotals.get(function)).as(function).isEqualByComparingTo(total);
          }
        });
    assertThat(
            best.path("items").findValues("key").stream()
                .filter(k -> k.path("function").asText().equals(SEARCH))
                .count())
        .isEqualTo(1);
    assertThat(best.path("sources").toString())
        .isEqualTo(
            "[{\"source\":\"billed\",\"start\":\"2026-09-01T00:00:00Z\",\"end\":\"2026-09-11T00:00:00Z\"},"
                + "{\"source\":\"estimate\",\"start\":\"2026-09-11T00:00:00Z\",\"end\":\"2026-10-01T00:00:00Z\"}]");
    assertThat(best.path("warnings").findValuesAsText("code"))
        .contains("FROM_BILL", "BILL_LINES_NOT_IN_COSTS")
        .doesNotContain("ESTIMATED");
  }

  @Test
  void billedIsTheBillAloneAndEstimateIgnoresIt() throws Exception {
    JsonNode billed = get("/api/v1/costs?window=2026-09&aggregate=function&source=billed");
    JsonNode estimate = get("/api/v1/costs?window=2026-09&aggregate=function&source=estimate");
    JsonNode daily = get("/api/v1/costs?window=2026-09&source=best&step=day");

    assertThat(billed.path("totals").path("total").asText()).isEqualTo("11.70");
    assertThat(billed.path("totals").path("requests").asLong()).isEqualTo(10_000);
    assertThat(estimate.path("sources").toString())
        .isEqualTo(
            "[{\"source\":\"estimate\",\"start\":\"2026-09-01T00:00:00Z\",\"end\":\"2026-10-01T00:00:00Z\"}]");
    assertThat(estimate.path("warnings").findValuesAsText("code")).contains("ESTIMATED");
    assertThat(daily.path("series").get(0).path("total").asText()).isEqualTo("1.17");
    assertThat(
            fixture
                .http
                .get("/api/v1/costs?window=2026-09&source=invoice", LedgerFixture.ADMIN)
                .statusCode())
        .isEqualTo(400);
  }
}
