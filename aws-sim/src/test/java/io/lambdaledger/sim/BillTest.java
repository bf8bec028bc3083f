package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.cost.Charges;
import io.lambdaledger.core.cost.CostReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The truth's bill, priced by the cost engine with the bundled price book. */
class BillTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Instant OCTOBER = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");

  static AwsSimulator start(SimulatorSettings settings) {
    return AwsSimulator.start(settings.withClock(new MutableClock(NOW)));
  }

  @Test
  void aSimpleEstateIsBilledAsThePublishedUsEast1RatesSay() {
    // Find a small estate whose functions are all x86_64 on-demand with a fixed configuration, so
    // the bill is requests + duration + storage at the tier-1 rates, after the free tier.
    long seed = 0;
    Workload workload;
    do {
      seed++;
      workload = new Workload(seed, 6, 1, List.of("us-east-1"), OCTOBER.getEpochSecond());
    } while (!workload.functions().stream()
            .allMatch(
                f ->
                    !f.changes
                        && f.provisionedConcurrency == 0
                        && f.configAt(0).architecture().equals("x86_64"))
        || workload.functions().stream().allMatch(FunctionProfile::idle));

    try (AwsSimulator sim = start(SimulatorSettings.defaults().withFunctions(6).withSeed(seed))) {
      Truth october = sim.truth(OCTOBER, NOVEMBER);
      long requests = 0;
      BigDecimal gbSeconds = BigDecimal.ZERO;
      BigDecimal storageGbSeconds = BigDecimal.ZERO;
      for (FunctionTruth f : october.functions()) {
        for (ConfigUsage c : f.configs()) {
          requests += c.invocations();
          // Billed INIT is on-demand duration too (it is not in CloudWatch's Duration).
          BigDecimal seconds = BigDecimal.valueOf(c.billedMs() + c.initBilledMs()).movePointLeft(3);
          gbSeconds =
              gbSeconds.add(
                  seconds
                      .multiply(BigDecimal.valueOf(c.memoryMb()))
                      .divide(BigDecimal.valueOf(1024)));
          storageGbSeconds =
              storageGbSeconds.add(
                  seconds
                      .multiply(BigDecimal.valueOf(c.ephemeralStorageMb() - 512))
                      .divide(BigDecimal.valueOf(1024)));
        }
      }
      BigDecimal requestCharge =
          cents(
              BigDecimal.valueOf(Math.max(0, requests - 1_000_000))
                  .multiply(new BigDecimal("0.0000002")));
      BigDecimal durationCharge =
          cents(
              gbSeconds
                  .subtract(BigDecimal.valueOf(400_000))
                  .max(BigDecimal.ZERO)
                  .multiply(new BigDecimal("0.0000166667")));
      BigDecimal storageCharge = cents(storageGbSeconds.multiply(new BigDecimal("0.0000000309")));

      assertThat(october.bills()).hasSize(1);
      CostReport report = october.bills().get(0).report();
      assertThat(october.bills().get(0).month()).isEqualTo(YearMonth.of(2026, 10));
      assertThat(report.charges().requests()).isEqualByComparingTo(requestCharge);
      assertThat(report.charges().duration()).isEqualByComparingTo(durationCharge);
      assertThat(report.charges().ephemeralStorage()).isEqualByComparingTo(storageCharge);
      assertThat(report.total())
          .isEqualByComparingTo(requestCharge.add(durationCharge).add(storageCharge))
          .isPositive();
    }
  }

  static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  @Test
  void functionCostsAddUpToTheBillToTheCent() {
    try (AwsSimulator sim =
        start(
            SimulatorSettings.defaults()
                .withFunctions(80)
                .withAccounts(2)
                .withRegions(List.of("us-east-1", "eu-west-1")))) {
      Truth truth = sim.truth(Instant.parse("2026-10-20T00:00:00Z"), NOW);
      assertThat(truth.bills())
          .extracting(MonthlyBill::month)
          .containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11));
      BigDecimal sum =
          truth.functions().stream().map(truth::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(sum).isEqualByComparingTo(truth.onDemandTotal());
      assertThat(truth.billTotal())
          .isEqualByComparingTo(
              truth.onDemandTotal().subtract(truth.savingsPlanDiscount()).add(truth.credit()))
          .isPositive();
      assertThat(truth.bills().get(0).report().payers()).hasSize(2);
      // Provisioned concurrency is billed for the whole window, invoked or not.
      assertThat(
              truth.bills().stream()
                  .map(b -> b.report().charges())
                  .reduce(Charges::plus)
                  .get()
                  .provisionedConcurrency())
          .isPositive();
    }
  }

  @Test
  void underConsolidatedBillingTheFreeTierIsUsedOnceSoTheBillIsNotLower() {
    SimulatorSettings settings =
        SimulatorSettings.defaults().withFunctions(12).withAccounts(3).withSeed(5);
    Truth separate;
    Truth consolidated;
    try (AwsSimulator sim = start(settings)) {
      separate = sim.truth(OCTOBER, NOVEMBER);
    }
    try (AwsSimulator sim = start(settings.withConsolidatedBilling(true))) {
      consolidated = sim.truth(OCTOBER, NOVEMBER);
    }
    assertThat(consolidated.invocations()).isEqualTo(separate.invocations());
    assertThat(consolidated.bills().get(0).report().payers()).hasSize(1);
    assertThat(separate.bills().get(0).report().payers().size()).isGreaterThan(1);
    assertThat(consolidated.billTotal()).isGreaterThanOrEqualTo(separate.billTotal());
  }

  @Test
  void aRegionOutsideThePriceBookIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> start(SimulatorSettings.defaults().withRegions(List.of("xx-north-9"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xx-north-9");
  }
}
