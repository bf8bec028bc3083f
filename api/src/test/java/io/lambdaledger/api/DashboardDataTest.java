package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * What the dashboard needs beyond costs: the months with usage, and a function's own figures over a
 * window (its rounding bound, its provisioned concurrency), each response checked against the
 * server's openapi.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardDataTest {

  private static final String DETAIL = "/api/v1/functions/{account}/{region}/{name}";
  private static final String CHECKOUT = "/api/v1/functions/111111111111/us-east-1/checkout-api";
  private static final String PROVISIONED = "/api/v1/functions/333333333333/us-west-2/pc-api";

  @RegisterExtension
  static final LedgerServer ledger =
      new LedgerServer(LedgerFixture::seededWithProvisionedConcurrency);

  private JsonNode get(String template, String pathAndQuery, String token) {
    return ledger.contract().get(ledger.fixture().http, template, pathAndQuery, token, 200);
  }

  @Test
  void months_list_every_month_with_usage_newest_first_counting_only_the_callers_functions() {
    JsonNode all = get("/api/v1/months", "/api/v1/months", LedgerFixture.VIEWER);
    assertThat(all.get("current").asString()).isEqualTo("2026-10");
    assertThat(all.get("items"))
        .extracting(i -> i.get("month").asString())
        .containsExactly("2026-10", "2026-09");
    assertThat(all.get("items")).extracting(i -> i.get("functions").asInt()).containsExactly(6, 6);

    JsonNode scoped = get("/api/v1/months", "/api/v1/months", LedgerFixture.SCOPED);
    assertThat(scoped.get("items"))
        .extracting(i -> i.get("functions").asInt())
        .containsExactly(2, 2);
  }

  @Test
  void the_current_month_is_listed_even_without_usage() {
    try (LedgerFixture empty = LedgerFixture.empty(false)) {
      JsonNode body =
          ledger
              .contract()
              .check(
                  "GET",
                  "/api/v1/months",
                  200,
                  "application/json",
                  empty.http.get("/api/v1/months").body());
      assertThat(body.get("items")).hasSize(1);
      assertThat(body.get("items").get(0).get("month").asString()).isEqualTo("2026-10");
      assertThat(body.get("items").get(0).get("functions").asInt()).isZero();
    }
  }

  @Test
  void a_functions_rounding_bound_is_its_own_extra_milliseconds_at_the_first_tier_rate() {
    JsonNode detail = get(DETAIL, CHECKOUT + "?window=month", LedgerFixture.VIEWER);

    LedgerFixture.Seeded checkout = LedgerFixture.FUNCTIONS.get(0);
    long requests = 0;
    BigDecimal durationSum = BigDecimal.ZERO;
    for (Instant hour = Instant.parse("2026-10-01T00:00:00Z");
        hour.isBefore(LedgerFixture.DATA_END);
        hour = hour.plus(1, ChronoUnit.HOURS)) {
      long n = LedgerFixture.requestsIn(checkout, hour);
      requests += n;
      durationSum =
          durationSum.add(BigDecimal.valueOf(checkout.averageMs()).multiply(BigDecimal.valueOf(n)));
    }
    long extraMs =
        durationSum.setScale(0, RoundingMode.FLOOR).longValueExact()
            + requests
            - durationSum.setScale(0, RoundingMode.CEILING).longValueExact();
    BigDecimal rate =
        PriceBooks.bundled()
            .inForce(YearMonth.of(2026, 10))
            .rates("us-east-1", Architecture.X86_64)
            .firstTierDuration();
    BigDecimal expected =
        BigDecimal.valueOf(extraMs)
            .multiply(BigDecimal.valueOf(1024))
            .divide(BigDecimal.valueOf(1_024_000), 20, RoundingMode.UP)
            .multiply(rate)
            .setScale(2, RoundingMode.CEILING);
    BigDecimal cost = new BigDecimal(detail.get("cost").asString());
    JsonNode bound = detail.get("costBound");
    assertThat(new BigDecimal(bound.get("upTo").asString())).isEqualByComparingTo(expected);
    assertThat(new BigDecimal(bound.get("atMost").asString()))
        .isEqualByComparingTo(cost.add(expected));
    JsonNode costs =
        get(
            "/api/v1/costs",
            "/api/v1/costs?window=month&aggregate=function&filter=function:checkout-api",
            LedgerFixture.VIEWER);
    assertThat(detail.get("cost").asString())
        .isEqualTo(costs.get("items").get(0).get("total").asString());
    assertThat(detail.get("warnings"))
        .extracting(w -> w.get("code").asString())
        .containsExactly("INIT_NOT_IN_METRICS", "DURATION_ROUNDING_BOUND");
    assertThat(detail.get("warnings").get(1).get("message").asString())
        .contains("up to $" + expected.toPlainString() + " higher")
        .contains("(at most $" + cost.add(expected).toPlainString() + ")");
  }

  @Test
  void a_provisioned_function_shows_what_was_allocated_used_and_served() {
    JsonNode detail = get(DETAIL, PROVISIONED + "?window=2026-09", LedgerFixture.VIEWER);

    assertThat(detail.get("provisionedConcurrency").get(0).get("allocated").asInt())
        .isEqualTo(LedgerFixture.PROVISIONED_ALLOCATED);
    JsonNode used = detail.get("provisionedUsage");
    long hours = 30 * 24;
    assertThat(new BigDecimal(used.get("concurrencySeconds").asString()))
        .isEqualByComparingTo(
            BigDecimal.valueOf(LedgerFixture.PROVISIONED_ALLOCATED * 3600L * hours));
    long requests = 0;
    BigDecimal busySeconds = BigDecimal.ZERO;
    LedgerFixture.Seeded seeded =
        new LedgerFixture.Seeded(
            LedgerFixture.PROVISIONED, "java21", java.util.Map.of(), null, 40_000, 600);
    for (Instant hour = LedgerFixture.DATA_START;
        hour.isBefore(Instant.parse("2026-10-01T00:00:00Z"));
        hour = hour.plus(1, ChronoUnit.HOURS)) {
      long n = LedgerFixture.requestsIn(seeded, hour);
      requests += n;
      busySeconds = busySeconds.add(BigDecimal.valueOf(n * 600L).movePointLeft(3));
    }
    assertThat(used.get("requests").asLong()).isEqualTo(requests);
    BigDecimal utilization = new BigDecimal(used.get("utilization").asString());
    assertThat(utilization)
        .isCloseTo(
            busySeconds.divide(
                BigDecimal.valueOf(LedgerFixture.PROVISIONED_ALLOCATED * 3600L * hours),
                6,
                RoundingMode.HALF_UP),
            org.assertj.core.data.Offset.offset(new BigDecimal("0.000002")));
    assertThat(utilization).isBetween(new BigDecimal("0.1"), BigDecimal.ONE);

    JsonNode unprovisioned = get(DETAIL, CHECKOUT, LedgerFixture.VIEWER);
    assertThat(unprovisioned.get("provisionedUsage").has("utilization")).isFalse();
  }
}
