package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INIT (cold starts), the Savings Plan and the credit in the workload and the truth's bill. */
class InitAndDiscountsTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Instant OCTOBER = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void coldStartsAreARareShareOfBusyFunctionsAndACommonOneOfQuietOnes() {
    Workload workload = new Workload(3, 400, 1, List.of("us-east-1"), OCTOBER.getEpochSecond());
    Rng rng = new Rng(0);
    Minute minute = new Minute();
    long busyInvocations = 0;
    long busyCold = 0;
    long quietInvocations = 0;
    long quietCold = 0;
    long first = OCTOBER.getEpochSecond() / 60;
    for (FunctionProfile f : workload.functions()) {
      if (f.idle() || f.provisionedConcurrency > 0) {
        continue;
      }
      for (long m = first; m < first + 24 * 60; m++) {
        workload.fill(f, m, rng, minute);
        assertThat(minute.coldStarts).isBetween(0L, minute.invocations);
        if (f.baseRate > 100) {
          busyInvocations += minute.invocations;
          busyCold += minute.coldStarts;
        } else if (f.baseRate < 0.5) {
          quietInvocations += minute.invocations;
          quietCold += minute.coldStarts;
        }
      }
    }
    assertThat(busyInvocations).isPositive();
    assertThat(quietInvocations).isPositive();
    assertThat((double) busyCold / busyInvocations).isLessThan(0.01);
    assertThat((double) quietCold / quietInvocations).isGreaterThan(0.05);
  }

  @Test
  void initIsBilledForManagedZipRuntimesOnlyFromAugust2025() {
    Workload workload = new Workload(4, 200, 1, List.of("us-east-1"), 0);
    long july2025 = Instant.parse("2025-07-15T00:00:00Z").getEpochSecond();
    long august2025 = Instant.parse("2025-08-01T00:00:00Z").getEpochSecond();
    int checked = 0;
    for (FunctionProfile f : workload.functions()) {
      boolean customOrImage = f.packageType.equals("Image") || f.runtime.startsWith("provided");
      assertThat(f.initBilledAt(july2025)).isEqualTo(customOrImage);
      assertThat(f.initBilledAt(august2025)).isTrue();
      checked += customOrImage ? 0 : 1;
    }
    assertThat(checked).isPositive();
  }

  @Test
  void initIsNotInTheDurationMetricButIsInTheBillAndShownApart() {
    try (AwsSimulator sim = AwsSimulator.start(TestSettings.at(NOW, 40, 11))) {
      Truth truth = sim.truth(OCTOBER, NOVEMBER);
      long coldStarts = truth.functions().stream().mapToLong(FunctionTruth::coldStarts).sum();
      long initBilledMs = truth.functions().stream().mapToLong(FunctionTruth::initBilledMs).sum();
      assertThat(coldStarts).isPositive();
      assertThat(initBilledMs).isPositive();
      for (FunctionTruth f : truth.functions()) {
        // billedMs is still ceil(Duration) per invocation: INIT is on top, never inside it.
        assertThat(BigDecimal.valueOf(f.billedMs()))
            .isGreaterThanOrEqualTo(f.durationMsSum())
            .isLessThan(f.durationMsSum().add(BigDecimal.valueOf(f.invocations() + 1)));
        assertThat(f.initBilledMs())
            .isEqualTo(f.configs().stream().mapToLong(ConfigUsage::initBilledMs).sum());
      }
      assertThat(truth.initCharge()).isPositive().isLessThan(truth.onDemandTotal());
    }
  }

  @Test
  void theInvoiceIsOnDemandLessTheSavingsPlanDiscountPlusTheCredit() {
    try (AwsSimulator sim =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(60)
                .withAccounts(2)
                .withSeed(12)
                .withClock(new MutableClock(NOW)))) {
      Truth truth = sim.truth(OCTOBER, NOVEMBER);
      MonthlyBill october = truth.bills().get(0);
      assertThat(october.payers()).hasSize(2);
      assertThat(october.savingsPlanCovered()).isNotEmpty();
      for (MonthlyBill.PayerAdjustments p : october.payers()) {
        assertThat(p.savingsPlanArn()).startsWith("arn:aws:savingsplans::" + p.payer() + ":");
        assertThat(p.savingsPlanFee())
            .isEqualByComparingTo(
                p.savingsPlanCovered()
                    .multiply(TruthPricer.SAVINGS_PLAN_RATE)
                    .setScale(2, RoundingMode.HALF_UP));
        assertThat(p.credit().signum()).isLessThanOrEqualTo(0);
      }
      assertThat(truth.savingsPlanDiscount()).isPositive();
      assertThat(truth.credit()).isNegative();
      assertThat(truth.billTotal())
          .isEqualByComparingTo(
              truth.onDemandTotal().subtract(truth.savingsPlanDiscount()).add(truth.credit()))
          .isLessThan(truth.onDemandTotal());
    }
  }
}
