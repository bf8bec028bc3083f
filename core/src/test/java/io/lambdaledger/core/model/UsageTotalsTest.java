package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsageTotalsTest {

  private static UsageTotals totals(long requests, String durationMs, String iteratorAge) {
    BigDecimal d = new BigDecimal(durationMs);
    return UsageTotals.builder()
        .requests(requests)
        .durationMsSum(d)
        .provisionedConcurrencySeconds(new BigDecimal("60"))
        .provisionedConcurrencyGbSeconds(new BigDecimal("7.5"))
        .provisionedRequests(requests / 2)
        .provisionedSpilloverRequests(1)
        .provisionedDurationMsEstimate(d)
        .errors(2)
        .throttles(3)
        .deadLetterErrors(4)
        .iteratorAgeMaxMs(iteratorAge == null ? null : new BigDecimal(iteratorAge))
        .build();
  }

  @Test
  void plusAddsEveryCounterAndKeepsTheLargerMaximum() {
    UsageTotals sum = totals(4, "100.5", "30").plus(totals(6, "200.25", "12"));

    assertThat(sum.requests()).isEqualTo(10);
    assertThat(sum.durationMsSum()).isEqualByComparingTo("300.75");
    assertThat(sum.provisionedConcurrencySeconds()).isEqualByComparingTo("120");
    assertThat(sum.provisionedConcurrencyGbSeconds()).isEqualByComparingTo("15");
    assertThat(sum.provisionedRequests()).isEqualTo(5);
    assertThat(sum.provisionedSpilloverRequests()).isEqualTo(2);
    assertThat(sum.errors()).isEqualTo(4);
    assertThat(sum.throttles()).isEqualTo(6);
    assertThat(sum.deadLetterErrors()).isEqualTo(8);
    assertThat(sum.iteratorAgeMaxMs()).isEqualByComparingTo("30");
  }

  @Test
  void anUnknownMaximumDoesNotHideAKnownOne() {
    UsageTotals sum = totals(1, "1", null).plus(totals(1, "1", "5"));

    assertThat(sum.iteratorAgeMaxMs()).isEqualByComparingTo("5");
    assertThat(totals(1, "1", null).plus(totals(1, "1", null)).iteratorAgeMaxMs()).isNull();
  }

  @Test
  void zeroIsTheNeutralElement() {
    UsageTotals some = totals(6, "42.5", "7");

    assertThat(UsageTotals.ZERO.plus(some)).isEqualTo(some);
  }

  @Test
  void theBuilderNamesEachQuantityAndLeavesTheOthersAtZero() {
    UsageTotals totals = UsageTotals.builder().requests(3).errors(1).build();

    assertThat(totals.requests()).isEqualTo(3);
    assertThat(totals.errors()).isEqualTo(1);
    assertThat(totals.durationMsSum()).isZero();
    assertThat(totals.provisionedConcurrencyGbSeconds()).isZero();
    assertThat(totals.iteratorAgeMaxMs()).isNull();
    assertThat(totals.toBuilder().throttles(2).build())
        .isEqualTo(UsageTotals.builder().requests(3).errors(1).throttles(2).build());
  }
}
