package io.lambdaledger.api;

import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A viewer scoped to the member account 222222222222 learns nothing about the other account of its
 * organization (111111111111) from any number: two ledgers differ only in that other account's
 * usage — refunds-worker, alone in its region and architecture, gets more ephemeral storage from 5
 * September (a second billing configuration, so one more line), provisioned concurrency, errors and
 * throttles, none of which moves the member's share of the free tier — and every response the
 * scoped viewer gets (totals, items, warnings with their counts and bounds, forecasts, free tier,
 * functions, metrics) is the same byte for byte, while the admin's differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedNumbersTest {

  static final Instant CHANGE_FROM = Instant.parse("2026-09-05T00:00:00Z");

  static final List<String> ROUTES =
      List.of(
          "/api/v1/costs?window=month",
          "/api/v1/costs?window=month&aggregate=function",
          "/api/v1/costs?window=month&aggregate=account,region&step=day",
          "/api/v1/costs?window=2026-09&aggregate=tag:team",
          "/api/v1/costs?window=lastmonth&aggregate=architecture&filter=region:us-east-1",
          "/api/v1/costs?window=2026-09-03T05:00:00Z,2026-10-12T17:00:00Z&aggregate=function",
          "/api/v1/costs?window=7d&aggregate=runtime&step=hour",
          "/api/v1/forecast",
          "/api/v1/forecast?aggregate=function",
          "/api/v1/forecast?month=2026-09&aggregate=account",
          "/api/v1/free-tier",
          "/api/v1/free-tier?month=2026-09",
          "/api/v1/functions",
          "/api/v1/functions?window=2026-09",
          "/api/v1/functions/222222222222/us-east-1/search-indexer",
          "/api/v1/functions/222222222222/us-east-1/search-indexer/metrics?window=month",
          "/api/v1/collections",
          "/api/v1/whoami",
          "/api/v1/recommendations?lookbackDays=30");

  private LedgerFixture before;
  private LedgerFixture after;

  @BeforeAll
  void start() {
    before = LedgerFixture.seeded();
    after = LedgerFixture.seeded(ScopedNumbersTest::changeTheOtherAccount);
  }

  @AfterAll
  void stop() {
    before.close();
    after.close();
  }

  /** More usage of the organization's payer account, none of it shared with the member's lines. */
  static void changeTheOtherAccount(DSLContext dsl) {
    long refunds =
        dsl.select(LAMBDA_FUNCTION.ID)
            .from(LAMBDA_FUNCTION)
            .where(LAMBDA_FUNCTION.ACCOUNT_ID.eq(LedgerFixture.ORG_PAYER))
            .and(LAMBDA_FUNCTION.FUNCTION_NAME.eq("refunds-worker"))
            .fetchSingle(LAMBDA_FUNCTION.ID);
    dsl.update(USAGE_HOUR)
        .set(USAGE_HOUR.EPHEMERAL_MB, 4096)
        .set(USAGE_HOUR.PC_ALLOCATED_S, BigDecimal.valueOf(7_200))
        .set(USAGE_HOUR.ERRORS, USAGE_HOUR.ERRORS.plus(7))
        .set(USAGE_HOUR.THROTTLES, USAGE_HOUR.THROTTLES.plus(3))
        .where(USAGE_HOUR.FUNCTION_ID.eq(refunds))
        .and(USAGE_HOUR.HOUR_START.ge(CHANGE_FROM))
        .execute();
    dsl.update(USAGE_DAY)
        .set(USAGE_DAY.EPHEMERAL_MB, 4096)
        .set(USAGE_DAY.PC_ALLOCATED_S, BigDecimal.valueOf(7_200 * 24))
        .set(USAGE_DAY.ERRORS, USAGE_DAY.ERRORS.plus(7 * 24))
        .set(USAGE_DAY.THROTTLES, USAGE_DAY.THROTTLES.plus(3 * 24))
        .where(USAGE_DAY.FUNCTION_ID.eq(refunds))
        .and(USAGE_DAY.DAY_START.ge(CHANGE_FROM))
        .execute();
  }

  @Test
  void the_change_shows_to_the_admin() {
    for (String path :
        List.of(
            "/api/v1/costs?window=month",
            "/api/v1/costs?window=2026-09&aggregate=tag:team",
            "/api/v1/forecast")) {
      assertThat(after.http.get(path, LedgerFixture.ADMIN).body())
          .as(path)
          .isNotEqualTo(before.http.get(path, LedgerFixture.ADMIN).body());
    }
    assertThat(after.http.get("/api/v1/costs?window=month", LedgerFixture.ADMIN).body())
        .contains("DURATION_ROUNDING_BOUND");
  }

  @Test
  void no_number_a_scoped_viewer_gets_depends_on_the_other_accounts_usage() {
    for (String path : ROUTES) {
      HttpResponse<String> one = before.http.get(path, LedgerFixture.SCOPED);
      HttpResponse<String> two = after.http.get(path, LedgerFixture.SCOPED);
      assertThat(one.statusCode()).as(path).isEqualTo(200);
      assertThat(two.statusCode()).as(path).isEqualTo(200);
      assertThat(two.body()).as(path).isEqualTo(one.body());
    }
  }

  @Test
  void a_scoped_viewer_gets_its_own_rounding_bound_and_line_count() {
    String body = before.http.get("/api/v1/costs?window=month", LedgerFixture.SCOPED).body();
    assertThat(body)
        .contains("DURATION_ROUNDING_BOUND")
        .contains("3 lines price duration from CloudWatch sums");
  }
}
