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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /api/v1/reconciliation} over the seeded ledger with a small imported September bill: the
 * shape, causes that add up to the variance, scoping like {@code /costs}, and its 4xx answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private LedgerFixture fixture;

  @BeforeAll
  void start() {
    fixture = LedgerFixture.seeded();
    SeptemberBill.importInto(
        fixture,
        sink -> {
          sink.add(
              1,
              1,
              line(
                  LedgerFixture.MEMBER,
                  "arn:aws:lambda:us-east-1:222222222222:function:search-indexer",
                  ChargeKind.DURATION,
                  LineType.USAGE,
                  "3.00"));
          sink.add(
              1,
              2,
              line(
                  LedgerFixture.ORG_PAYER,
                  "arn:aws:lambda:us-east-1:111111111111:function:checkout-api",
                  ChargeKind.REQUESTS,
                  LineType.USAGE,
                  "2.00"));
          sink.add(
              1,
              3,
              line(LedgerFixture.ORG_PAYER, null, ChargeKind.OTHER, LineType.CREDIT, "-1.00"));
        });
  }

  private static BillLine line(
      String account, String arn, ChargeKind kind, LineType type, String billed) {
    BigDecimal cost = new BigDecimal(billed);
    return new BillLine(
        LedgerFixture.ORG_PAYER,
        account,
        "us-east-1",
        arn,
        LocalDate.of(2026, 9, 30),
        kind,
        type,
        "USE1-Lambda-GB-Second",
        BigDecimal.TEN,
        cost.max(BigDecimal.ZERO),
        cost,
        cost,
        "1234567890");
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  private JsonNode get(String path, String token) throws Exception {
    HttpResponse<String> response = fixture.http.get(path, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void theMonthSaysEstimatedBilledNetAndCausesThatAddUpToTheVariance() throws Exception {
    JsonNode body = get("/api/v1/reconciliation?month=2026-09", LedgerFixture.ADMIN);

    assertThat(body.path("month").asText()).isEqualTo("2026-09");
    assertThat(body.path("currency").asText()).isEqualTo("USD");
    assertThat(body.path("billed").path("total").asText()).isEqualTo("4.00");
    assertThat(body.path("billedDays").path("through").asText()).isEqualTo("2026-09-30");
    BigDecimal variance = new BigDecimal(body.path("variance").path("amount").asText());
    BigDecimal estimated = new BigDecimal(body.path("estimated").path("total").asText());
    assertThat(estimated).isPositive();
    assertThat(variance).isEqualByComparingTo(new BigDecimal("4.00").subtract(estimated));
    BigDecimal explained = BigDecimal.ZERO;
    for (JsonNode cause : body.path("explained")) {
      explained = explained.add(new BigDecimal(cause.path("amount").asText()));
      if (cause.path("code").asText().equals("CREDITS_REFUNDS")) {
        assertThat(cause.path("amount").asText()).isEqualTo("-1.00");
      }
    }
    assertThat(explained).isEqualByComparingTo(variance);
    assertThat(body.path("items").findValuesAsText("key"))
        .contains("search-indexer", "checkout-api", "(unallocated)");
  }

  @Test
  void aScopedViewerSeesOnlyItsAccountsFunctionsAndBillLines() throws Exception {
    JsonNode body = get("/api/v1/reconciliation?month=2026-09", LedgerFixture.SCOPED);

    assertThat(body.path("billed").path("total").asText()).isEqualTo("3.00");
    assertThat(body.path("items").findValuesAsText("account"))
        .isNotEmpty()
        .containsOnly(LedgerFixture.MEMBER);
    JsonNode byAccount =
        get("/api/v1/reconciliation?month=2026-09&aggregate=account", LedgerFixture.SCOPED);
    assertThat(byAccount.path("items").findValuesAsText("key"))
        .containsExactly(LedgerFixture.MEMBER);
  }

  @Test
  void aMonthWithoutABillIsNotFoundAndABadMonthIsABadRequest() {
    assertThat(
            fixture
                .http
                .get("/api/v1/reconciliation?month=2026-10", LedgerFixture.ADMIN)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            fixture
                .http
                .get("/api/v1/reconciliation?month=october", LedgerFixture.ADMIN)
                .statusCode())
        .isEqualTo(400);
    assertThat(fixture.http.get("/api/v1/reconciliation", LedgerFixture.ADMIN).statusCode())
        .isEqualTo(400);
    assertThat(
            fixture
                .http
                .get("/api/v1/reconciliation?month=2026-09&aggregate=runtime", LedgerFixture.ADMIN)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anAdminImportsTheBillNowAndAViewerMayNot() throws Exception {
    int before = fixture.billImports.get();
    HttpResponse<String> viewer =
        fixture.http.post("/api/v1/bill/imports", null, LedgerFixture.VIEWER);
    HttpResponse<String> admin =
        fixture.http.post("/api/v1/bill/imports", null, LedgerFixture.ADMIN);

    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    assertThat(fixture.billImports.get()).isEqualTo(before + 1);
    assertThat(admin.body())
        .isEqualTo(
            "{\"imports\":[{\"export\":\"s3://bills/cur\",\"billingPeriod\":\"2026-10\","
                + "\"outcome\":\"imported\",\"lines\":42,\"billedTotal\":\"12.35\"}]}");
  }
}
