package io.lambdaledger.core.costing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The free tier per payer: used, the day it ran out, the day it will, and what a scope sees. */
class FreeTierUseTest {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String PAYER = "111111111111";
  static final String MEMBER = "222222222222";
  static final String ALONE = "333333333333";

  /** 100 requests and 100 GB-seconds free, to run out in a few days. */
  static final FreeTierAllowance SMALL =
      new FreeTierAllowance(100, BigDecimal.valueOf(100), "", "");

  static Instant at(String text) {
    return Instant.parse(text);
  }

  /** A payer with a member account that used up its requests on October 2, and a payer alone. */
  final HourlyUsage twoPayers =
      new HourlyUsage()
          .add(at("2026-10-01T05:00:00Z"), PAYER, PAYER, "api", 60)
          .add(at("2026-10-02T07:00:00Z"), MEMBER, PAYER, "worker", 50)
          .add(at("2026-10-03T07:00:00Z"), ALONE, ALONE, "cron", 10);

  @Test
  void a_payer_that_used_its_allowance_ran_out_on_the_day_its_sum_reached_it() {
    FreeTierUse use =
        FreeTierUse.of(twoPayers, MONTH, SMALL, AccountScope.all(), at("2026-10-05T12:30:00Z"));

    assertThat(use.payers()).extracting(FreeTierUse.PayerUse::payer).containsExactly(PAYER, ALONE);
    FreeTierUse.PayerUse payer = use.payers().get(0);
    assertThat(payer.wholePayer()).isTrue();
    assertThat(payer.requests().used()).isEqualByComparingTo("110");
    assertThat(payer.requests().exhaustedOn()).isEqualTo(LocalDate.of(2026, 10, 2));
    assertThat(payer.gbSeconds().used()).isEqualByComparingTo("110");
    assertThat(payer.projectedRunOut()).isEqualTo(LocalDate.of(2026, 10, 2));
  }

  /** The requests of a payer alone that used 10 at {@code used}, as of {@code now}. */
  static FreeTierUse.Use tenRequests(String used, String now) {
    HourlyUsage usage = new HourlyUsage().add(at(used), ALONE, ALONE, "cron", 10);
    return FreeTierUse.of(usage, MONTH, SMALL, AccountScope.all(), at(now))
        .payers()
        .get(0)
        .requests();
  }

  @Test
  void the_run_out_is_projected_at_the_last_days_hourly_rate_within_the_month_only() {
    // 10 requests in the 60 hours so far: the 90 left last 540 hours more at that rate.
    FreeTierUse.Use requests = tenRequests("2026-10-02T00:00:00Z", "2026-10-03T12:00:00Z");

    assertThat(requests.exhaustedOn()).isNull();
    assertThat(requests.runsOutOn()).isEqualTo(LocalDate.of(2026, 10, 26));
    // The same 10 requests in the last 7 days of the month: 1,512 hours more, after its end.
    assertThat(tenRequests("2026-10-29T00:00:00Z", "2026-10-30T12:00:00Z").runsOutOn()).isNull();
  }

  @Test
  void a_scoped_caller_sees_its_accounts_usage_and_no_days_of_a_payer_it_sees_in_part() {
    FreeTierUse use =
        FreeTierUse.of(
            twoPayers, MONTH, SMALL, AccountScope.only(Set.of(MEMBER)), at("2026-10-05T12:30:00Z"));

    assertThat(use.payers()).hasSize(1);
    FreeTierUse.PayerUse payer = use.payers().get(0);
    assertThat(payer.payer()).isEqualTo(PAYER);
    assertThat(payer.wholePayer()).isFalse();
    assertThat(payer.requests().used()).isEqualByComparingTo("50");
    assertThat(payer.requests().exhaustedOn()).isNull();
    assertThat(payer.requests().runsOutOn()).isNull();
    assertThat(payer.projectedRunOut()).isNull();
  }

  @Test
  void a_month_not_started_has_no_payers() {
    HourlyUsage usage = new HourlyUsage().add(at("2026-10-01T05:00:00Z"), PAYER, PAYER, "api", 1);

    assertThat(
            FreeTierUse.of(usage, MONTH, SMALL, AccountScope.all(), at("2026-09-30T23:00:00Z"))
                .payers())
        .isEmpty();
  }
}
