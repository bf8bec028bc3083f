package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Never silently wrong, over the real server: usage in a region the price book does not price
 * (eu-west-1, refunds-worker's) is listed with its usage and no cost and warned about everywhere;
 * lines priced with inferred or unknown history, and functions whose provisioned concurrency could
 * not be read, carry a warning naming them — and a scoped viewer is told only about its own lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UncertainLinesApiTest {

  static final String UNPRICED_REGION = "eu-west-1";
  static final FunctionKey CHECKOUT =
      new FunctionKey(LedgerFixture.ORG_PAYER, "us-east-1", "checkout-api");
  static final FunctionKey SEARCH =
      new FunctionKey(LedgerFixture.MEMBER, "us-east-1", "search-indexer");
  static final FunctionKey STREAM =
      new FunctionKey(LedgerFixture.MEMBER, "us-east-1", "stream-consumer");
  static final BigDecimal PC_GB_S_AT_RISK = new BigDecimal("1000000");

  private final ObjectMapper json = new ObjectMapper();
  private LedgerFixture fixture;

  /** The bundled prices without one region. */
  static PriceBooks withoutRegion(String region) {
    PriceBook bundled = PriceBook.bundled();
    return new PriceBooks(
        List.of(
            new PriceBook(
                bundled.version() + "-without-" + region,
                bundled.effectiveDate(),
                "test",
                bundled.freeTier(),
                bundled.prices().stream().filter(p -> !p.region().equals(region)).toList())));
  }

  /** Checkout's PC inferred, search-indexer's history unknown, stream-consumer's PC not read. */
  static final HistoryEvidence EVIDENCE =
      new HistoryEvidence() {
        @Override
        public List<FunctionProvenance> provenance(YearMonth month, AccountScope scope) {
          List<FunctionProvenance> all = new ArrayList<>();
          all.add(new FunctionProvenance(CHECKOUT, month, Provenance.INFERRED, PC_GB_S_AT_RISK));
          all.add(new FunctionProvenance(SEARCH, month, Provenance.UNKNOWN, null));
          all.add(new FunctionProvenance(STREAM, month, Provenance.OBSERVED, BigDecimal.ZERO));
          return all.stream().filter(p -> scope.includes(p.function().accountId())).toList();
        }

        @Override
        public List<NotYetKnown> notYetKnown(AccountScope scope) {
          List<NotYetKnown> all =
              List.of(
                  new NotYetKnown(
                      STREAM,
                      "PROVISIONED_CONCURRENCY",
                      "DENIED",
                      "ListProvisionedConcurrencyConfigs 403 AccessDeniedException"));
          return all.stream().filter(u -> scope.includes(u.function().accountId())).toList();
        }
      };

  @BeforeAll
  void start() {
    fixture = LedgerFixture.seeded(withoutRegion(UNPRICED_REGION), EVIDENCE);
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  private JsonNode get(String path, String token) throws Exception {
    var response = fixture.http.get(path, token);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static JsonNode warning(JsonNode body, String code) {
    return StreamSupport.stream(body.path("warnings").spliterator(), false)
        .filter(w -> w.path("code").asText().equals(code))
        .findFirst()
        .orElse(null);
  }

  private static JsonNode item(JsonNode body, String field, String value) {
    return StreamSupport.stream(body.path("items").spliterator(), false)
        .filter(i -> i.path("key").path(field).asText().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no item " + field + "=" + value + " in " + body));
  }

  /** The named function's entry in a {@code /api/v1/functions} answer. */
  private static JsonNode listedFunction(JsonNode functions, String name) {
    return StreamSupport.stream(functions.path("items").spliterator(), false)
        .filter(f -> f.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void unpricedUsageIsListedWithoutACostInEveryAggregateAndWarnedWithItsUsage() throws Exception {
    JsonNode byFunction = get("/api/v1/costs?window=month&aggregate=function", LedgerFixture.ADMIN);
    JsonNode refunds = item(byFunction, "function", "refunds-worker");
    assertThat(refunds.path("requests").asLong()).isPositive();
    assertThat(new BigDecimal(refunds.path("gbSeconds").asText())).isPositive();
    assertThat(refunds.has("total")).isFalse();
    assertThat(refunds.has("charges")).isFalse();
    assertThat(refunds.path("unpriced").path("requests").asLong())
        .isEqualTo(refunds.path("requests").asLong());
    JsonNode regionWarning = warning(byFunction, "REGION_NOT_PRICED");
    assertThat(regionWarning).isNotNull();
    assertThat(regionWarning.path("message").asText())
        .contains(UNPRICED_REGION)
        .contains(refunds.path("requests").asLong() + " requests")
        .contains("without a cost");
    assertThat(byFunction.path("totals").path("unpriced").path("requests").asLong())
        .isEqualTo(refunds.path("requests").asLong());
    assertThat(byFunction.path("totals").has("total")).isTrue();

    JsonNode byRegion = get("/api/v1/costs?window=month&aggregate=region", LedgerFixture.ADMIN);
    assertThat(item(byRegion, "region", UNPRICED_REGION).has("total")).isFalse();
    assertThat(item(byRegion, "region", "us-east-1").has("total")).isTrue();
    assertThat(warning(byRegion, "REGION_NOT_PRICED")).isNotNull();

    JsonNode byAccount =
        get("/api/v1/costs?window=month&aggregate=account&step=day", LedgerFixture.ADMIN);
    JsonNode payer = item(byAccount, "account", LedgerFixture.ORG_PAYER);
    assertThat(payer.has("total")).isTrue();
    assertThat(payer.path("unpriced").path("requests").asLong())
        .isEqualTo(refunds.path("requests").asLong());
    assertThat(warning(byAccount, "REGION_NOT_PRICED")).isNotNull();

    JsonNode dayOfRegion =
        get("/api/v1/costs?window=month&aggregate=region&step=day", LedgerFixture.ADMIN);
    assertThat(item(dayOfRegion, "region", UNPRICED_REGION).path("series").get(0).has("total"))
        .isFalse();
  }

  @Test
  void forecastFunctionsAndTheFunctionPageShowTheUnpricedUsage() throws Exception {
    JsonNode forecast = get("/api/v1/forecast?aggregate=function", LedgerFixture.ADMIN);
    JsonNode refunds = item(forecast, "function", "refunds-worker");
    assertThat(refunds.has("actual")).isFalse();
    assertThat(refunds.path("unpriced").asBoolean()).isTrue();
    assertThat(warning(forecast, "REGION_NOT_PRICED").path("message").asText())
        .contains(UNPRICED_REGION);

    JsonNode functions = get("/api/v1/functions", LedgerFixture.ADMIN);
    JsonNode listed = listedFunction(functions, "refunds-worker");
    assertThat(listed.has("cost")).isFalse();
    assertThat(listed.path("unpriced").asBoolean()).isTrue();
    assertThat(listed.path("metrics").path("invocations").asLong()).isPositive();
    assertThat(warning(functions, "REGION_NOT_PRICED")).isNotNull();

    JsonNode page =
        get(
            "/api/v1/functions/" + LedgerFixture.ORG_PAYER + "/eu-west-1/refunds-worker",
            LedgerFixture.ADMIN);
    assertThat(page.has("cost")).isFalse();
    assertThat(page.path("unpriced").asBoolean()).isTrue();
    assertThat(warning(page, "REGION_NOT_PRICED").path("message").asText())
        .contains("without a cost");
  }

  @Test
  void linesPricedWithInferredOrUnknownHistoryCarryAWarningWithTheAmountAtRisk() throws Exception {
    BigDecimal rate =
        PriceBook.bundled()
            .rates("us-east-1", Architecture.X86_64)
            .rate(PriceGroup.PROVISIONED_CONCURRENCY);
    String atRisk =
        PC_GB_S_AT_RISK.multiply(rate).setScale(2, RoundingMode.CEILING).toPlainString();

    JsonNode costs = get("/api/v1/costs?window=month&aggregate=function", LedgerFixture.ADMIN);
    assertThat(warning(costs, "HISTORY_INFERRED").path("message").asText())
        .contains("checkout-api")
        .contains("up to $" + atRisk);
    assertThat(warning(costs, "HISTORY_UNKNOWN").path("message").asText())
        .contains("search-indexer");
    assertThat(warning(costs, "NOT_YET_KNOWN").path("message").asText())
        .contains(
            "PC configuration could not be read: ListProvisionedConcurrencyConfigs 403"
                + " AccessDeniedException")
        .contains("stream-consumer");

    assertThat(item(costs, "function", "checkout-api").path("caveats").toString())
        .isEqualTo("[\"HISTORY_INFERRED\"]");
    assertThat(item(costs, "function", "stream-consumer").path("caveats").toString())
        .isEqualTo("[\"NOT_YET_KNOWN\"]");
    assertThat(item(costs, "function", "nightly-report").has("caveats")).isFalse();

    JsonNode forecast = get("/api/v1/forecast", LedgerFixture.ADMIN);
    assertThat(warning(forecast, "HISTORY_INFERRED")).isNotNull();

    JsonNode page =
        get(
            "/api/v1/functions/" + LedgerFixture.ORG_PAYER + "/us-east-1/checkout-api",
            LedgerFixture.ADMIN);
    assertThat(warning(page, "HISTORY_INFERRED").path("message").asText()).contains("$" + atRisk);

    JsonNode functions = get("/api/v1/functions", LedgerFixture.ADMIN);
    JsonNode checkout = listedFunction(functions, "checkout-api");
    assertThat(checkout.path("warnings").get(0).path("code").asText())
        .isEqualTo("HISTORY_INFERRED");
  }

  @Test
  void aScopedViewerIsWarnedAboutItsOwnLinesOnly() throws Exception {
    for (String path :
        List.of(
            "/api/v1/costs?window=month",
            "/api/v1/costs?window=month&aggregate=function&step=day",
            "/api/v1/forecast?aggregate=function",
            "/api/v1/functions")) {
      String body = fixture.http.get(path, LedgerFixture.SCOPED).body();
      assertThat(body)
          .as(path)
          .doesNotContain("REGION_NOT_PRICED")
          .doesNotContain("checkout-api")
          .doesNotContain("HISTORY_INFERRED")
          .contains("HISTORY_UNKNOWN")
          .contains("search-indexer")
          .contains("AccessDeniedException");
    }
  }

  @Test
  void theWarningsComeOutInTheSameOrderEveryTime() throws Exception {
    String path = "/api/v1/costs?window=month&aggregate=function&step=day";
    JsonNode first = get(path, LedgerFixture.ADMIN).path("warnings");
    List<String> codes = new ArrayList<>();
    first.forEach(w -> codes.add(w.path("code").asText()));
    assertThat(codes)
        .containsSubsequence("REGION_NOT_PRICED", "HISTORY_INFERRED", "HISTORY_UNKNOWN")
        .containsSubsequence("NOT_YET_KNOWN", "ESTIMATED");
    for (int i = 0; i < 3; i++) {
      assertThat(get(path, LedgerFixture.ADMIN).path("warnings")).isEqualTo(first);
    }
    // A series is told what the whole window is told: the warnings of the month to date at the
    // window's end, not of whichever day's snapshot a hash map handed out first.
    assertThat(first)
        .isEqualTo(
            get("/api/v1/costs?window=month&aggregate=function", LedgerFixture.ADMIN)
                .path("warnings"));
    assertThat(get("/api/v1/costs?window=lastmonth&step=day", LedgerFixture.ADMIN).path("warnings"))
        .isEqualTo(get("/api/v1/costs?window=lastmonth", LedgerFixture.ADMIN).path("warnings"));
  }
}
