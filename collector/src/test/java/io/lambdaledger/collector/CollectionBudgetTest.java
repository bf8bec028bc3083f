package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectionBudgetTest {

  private static final Shard EAST = new Shard("111111111111", "us-east-1");
  private static final Shard WEST = new Shard("111111111111", "us-west-2");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @ParameterizedTest(name = "{0} series, ${1} a month: every {2}, projected ${3}")
  @CsvSource({
    // 1,000 functions of which 649 active (issue #14): 2,147 series; the default budget
    "2147, 15, PT1H5M, 14.27",
    // 5,000 functions: 10,459 series
    "10459, 15, PT5H5M, 14.81",
    // a small estate gets the ceiling of one cycle per period
    "60, 15, PT5M, 5.18",
    // 50,000 active functions cannot be bought daily for $15: the floor, over budget
    "300000, 15, PT24H, 90.00",
  })
  void theIntervalIsTheShortestWholeNumberOfPeriodsTheBudgetPaysFor(
      long series, String budget, String interval, String projected) {
    CollectionBudget plan = new CollectionBudget(new BigDecimal(budget), null, FIVE_MINUTES);
    plan.observed(EAST, series);

    assertThat(plan.interval()).isEqualTo(Duration.parse(interval));
    assertThat(plan.plan().projectedMonthlyUsd()).isEqualByComparingTo(projected);
    assertThat(plan.plan().shards())
        .singleElement()
        .satisfies(shard -> assertThat(shard.activeSeries()).isEqualTo(series));
  }

  @Test
  void theDefaultBudgetKeepsAThousandFunctionEstateUnderTwentyDollars() {
    CollectionBudget plan = CollectionBudget.of(CollectorSettings.defaults());
    plan.observed(EAST, 2_147);

    assertThat(plan.plan().projectedMonthlyUsd()).isLessThanOrEqualTo(new BigDecimal("20"));
    assertThat(plan.plan().warnings()).isEmpty();
  }

  @Test
  void shardsShareTheBudgetInProportionToTheirSeriesSoTheyRunAtOneInterval() {
    CollectionBudget plan = new CollectionBudget(new BigDecimal("15"), null, FIVE_MINUTES);
    plan.observed(EAST, 1_500);
    plan.observed(WEST, 647);

    CollectionBudget.Plan shared = plan.plan();

    assertThat(shared.shards())
        .extracting(CollectionBudget.ShardCadence::interval)
        .containsOnly(Duration.parse("PT1H5M"));
    assertThat(shared.projectedMonthlyUsd()).isLessThanOrEqualTo(new BigDecimal("15"));
    assertThat(shared.shards().get(0).projectedMonthlyUsd())
        .isGreaterThan(shared.shards().get(1).projectedMonthlyUsd());
  }

  @Test
  void whenEvenOneCycleADayIsTooDearItWarnsAndKeepsTheFloor() {
    CollectionBudget plan = new CollectionBudget(new BigDecimal("1"), null, FIVE_MINUTES);
    plan.observed(EAST, 10_000);

    assertThat(plan.interval()).isEqualTo(CollectionBudget.LONGEST);
    assertThat(plan.plan().warnings())
        .singleElement()
        .asString()
        .contains("collector.budget $1 cannot buy the floor of one cycle a day")
        .contains("10000 active series")
        .contains("$3.00");
  }

  @Test
  void anExplicitIntervalWinsAndIsFlaggedWhenItCostsMoreThanTheBudget() {
    CollectionBudget plan = new CollectionBudget(new BigDecimal("15"), FIVE_MINUTES, FIVE_MINUTES);
    plan.observed(EAST, 2_147);

    assertThat(plan.interval()).isEqualTo(FIVE_MINUTES);
    assertThat(plan.plan().projectedMonthlyUsd()).isEqualByComparingTo("185.50");
    assertThat(plan.plan().warnings())
        .singleElement()
        .asString()
        .startsWith("collector.interval PT5M projects $185.50");
  }

  @Test
  void beforeAnyCycleTheShardsRunAtTheCeiling() {
    CollectionBudget plan = new CollectionBudget(new BigDecimal("15"), null, FIVE_MINUTES);
    plan.known(EAST);

    assertThat(plan.interval()).isEqualTo(FIVE_MINUTES);
    assertThat(plan.plan().projectedMonthlyUsd()).isEqualByComparingTo("0");
  }
}
