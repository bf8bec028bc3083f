package io.lambdaledger.core.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.core.model.ReportLogDay;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.RegionRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules one by one, on hand-made evidence, priced with the bundled price book. */
class AdviserTest {

  static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-11-11T00:00:00Z");
  static final PriceBook BOOK = PriceBook.bundled();
  static final Adviser ADVISER = new Adviser(BOOK, AdviceSettings.defaults());
  static final BigDecimal TEN_DAYS_TO_MONTH = BigDecimal.valueOf(3);

  static LambdaFunction function(
      String name, String runtime, Architecture arch, int memory, int provisioned) {
    FunctionKey key = new FunctionKey("123456789012", "us-east-1", name);
    return new LambdaFunction(
        key,
        "arn:aws:lambda:us-east-1:123456789012:function:" + name,
        runtime,
        "Zip",
        "123456789012",
        new FunctionConfiguration(memory, arch, 512, 30),
        Map.of(),
        provisioned == 0 ? List.of() : List.of(new ProvisionedConcurrency("live", provisioned)),
        FROM.minusSeconds(86_400 * 100),
        TO,
        null,
        TO);
  }

  /** Totals over the lookback. */
  static UsageTotals totals(
      long requests,
      double durationMs,
      double pcSeconds,
      double pcGbSeconds,
      long provisionedRequests,
      long spillover,
      double provisionedMs,
      long errors) {
    return UsageTotals.builder()
        .requests(requests)
        .durationMsSum(BigDecimal.valueOf(durationMs))
        .provisionedConcurrencySeconds(BigDecimal.valueOf(pcSeconds))
        .provisionedConcurrencyGbSeconds(BigDecimal.valueOf(pcGbSeconds))
        .provisionedRequests(provisionedRequests)
        .provisionedSpilloverRequests(spillover)
        .provisionedDurationMsEstimate(BigDecimal.valueOf(provisionedMs))
        .errors(errors)
        .build();
  }

  /** The lookback's totals spread evenly over its 240 hours. */
  static UsageTotals perHour(UsageTotals total) {
    BigDecimal hours = BigDecimal.valueOf(240);
    return total.toBuilder()
        .requests(total.requests() / 240)
        .durationMsSum(total.durationMsSum().divide(hours, java.math.MathContext.DECIMAL64))
        .provisionedConcurrencySeconds(
            total.provisionedConcurrencySeconds().divide(hours, java.math.MathContext.DECIMAL64))
        .provisionedConcurrencyGbSeconds(
            total.provisionedConcurrencyGbSeconds().divide(hours, java.math.MathContext.DECIMAL64))
        .provisionedRequests(total.provisionedRequests() / 240)
        .provisionedSpilloverRequests(total.provisionedSpilloverRequests() / 240)
        .provisionedDurationMsEstimate(
            total.provisionedDurationMsEstimate().divide(hours, java.math.MathContext.DECIMAL64))
        .build();
  }

  static FunctionEvidence evidence(
      LambdaFunction f, UsageTotals total, List<ReportLogDay> reports) {
    FunctionUsage usage =
        new FunctionUsage(f.key(), f.payerAccountId(), f.configuration().billing(), total);
    UsageTotals hour = perHour(total);
    List<UsageReader.Bucket> hours = new ArrayList<>();
    for (int h = 0; h < 240; h++) {
      hours.add(
          new UsageReader.Bucket(
              FROM.plusSeconds(3_600L * h),
              new FunctionUsage(f.key(), f.payerAccountId(), f.configuration().billing(), hour)));
    }
    return new FunctionEvidence(f, List.of(usage), hours, reports);
  }

  static RegionRates rates(Architecture arch) {
    return BOOK.rates("us-east-1", arch);
  }

  @Test
  void reducesProvisionedConcurrencyToThePeakWithHeadroom() {
    LambdaFunction f = function("pc-half", "python3.12", Architecture.ARM64, 1024, 10);
    // 10 allocated for 10 days, 4 busy every hour (40 %): 4 × 1.2 → 5 needed
    double pcSeconds = 10 * 864_000.0;
    UsageTotals total =
        totals(1_000_000, 3_456_000_000.0, pcSeconds, pcSeconds, 1_000_000, 0, 3_456_000_000.0, 0);
    List<Recommendation> recs = ADVISER.advise(FROM, TO, List.of(evidence(f, total, List.of())));
    assertEquals(1, recs.size(), recs.toString());
    Recommendation r = recs.get(0);
    assertEquals(RecommendationKind.PROVISIONED_CONCURRENCY, r.kind());
    assertEquals("reduce provisioned concurrency from 10 to 5", r.action());
    BigDecimal expected =
        BigDecimal.valueOf(pcSeconds)
            .multiply(rates(Architecture.ARM64).provisionedConcurrency())
            .multiply(new BigDecimal("0.5"))
            .multiply(TEN_DAYS_TO_MONTH)
            .setScale(2, RoundingMode.HALF_EVEN);
    assertEquals(expected, r.monthlySavingExpectedUsd());
  }

  @Test
  void addsProvisionedConcurrencyWhereBusyAndSpillingEveryDay() {
    LambdaFunction f = function("pc-full", "python3.12", Architecture.X86_64, 1024, 10);
    double pcSeconds = 10 * 864_000.0;
    // 95 % busy, and 30 % of invocations spill over on every day
    UsageTotals total =
        totals(
            1_000_000,
            11_700_000_000.0,
            pcSeconds,
            pcSeconds,
            700_000,
            300_000,
            8_208_000_000.0,
            0);
    List<Recommendation> recs = ADVISER.advise(FROM, TO, List.of(evidence(f, total, List.of())));
    Recommendation pc =
        recs.stream()
            .filter(r -> r.kind() == RecommendationKind.PROVISIONED_CONCURRENCY)
            .findFirst()
            .orElseThrow(() -> new AssertionError(recs.toString()));
    assertTrue(pc.action().startsWith("add 5 provisioned concurrency"), pc.action());
    assertTrue(pc.monthlySavingExpectedUsd().signum() > 0);
  }

  @Test
  void failuresAreCostedBetweenFailingAtOnceAndRunningAsLongAsTheAverage() {
    LambdaFunction f = function("flaky", "nodejs22.x", Architecture.ARM64, 2048, 0);
    UsageTotals total = totals(10_000_000, 5_000_000_000.0, 0, 0, 0, 0, 0, 1_000_000);
    List<ReportLogDay> reports =
        List.of(
            new ReportLogDay(
                f.key(),
                LocalDate.of(2026, 11, 3),
                1_000_000,
                2048,
                1900,
                BigDecimal.valueOf(500_000_000),
                0,
                BigDecimal.ZERO,
                1_000));
    List<Recommendation> recs = ADVISER.advise(FROM, TO, List.of(evidence(f, total, reports)));
    Recommendation failures =
        recs.stream()
            .filter(r -> r.kind() == RecommendationKind.FAILURES)
            .findFirst()
            .orElseThrow();
    RegionRates arm = rates(Architecture.ARM64);
    BigDecimal perTimeout =
        BigDecimal.valueOf(30 * 2).multiply(arm.firstTierDuration()).add(arm.request());
    BigDecimal low =
        arm.request()
            .multiply(BigDecimal.valueOf(999_000))
            .add(perTimeout.multiply(BigDecimal.valueOf(1_000)))
            .multiply(TEN_DAYS_TO_MONTH)
            .setScale(2, RoundingMode.HALF_EVEN);
    assertEquals(low, failures.monthlySavingLowUsd());
    assertTrue(failures.monthlySavingHighUsd().compareTo(low) > 0);
    // 1,900 MB used of 2,048: no memory advice
    assertTrue(recs.stream().noneMatch(r -> r.kind() == RecommendationKind.MEMORY));
  }

  @Test
  void smallSavingsAndHealthyFunctionsGetNoRecommendation() {
    LambdaFunction tiny = function("tiny", "python3.12", Architecture.X86_64, 128, 0);
    UsageTotals small = totals(1_000, 100_000, 0, 0, 0, 0, 0, 1);
    LambdaFunction image = function("image", null, Architecture.X86_64, 1024, 0);
    UsageTotals big = totals(10_000_000, 5_000_000_000.0, 0, 0, 0, 0, 0, 0);
    assertEquals(
        List.of(),
        ADVISER.advise(
            FROM, TO, List.of(evidence(tiny, small, List.of()), evidence(image, big, List.of()))));
  }

  @Test
  void theRightMemorySizeIsTheLargestUsePlusHeadroomRoundedUpTo64Mb() {
    assertEquals(384, Adviser.targetMemory(300, 0.2));
    assertEquals(128, Adviser.targetMemory(40, 0.2));
    assertEquals(576, Adviser.targetMemory(457, 0.2));
    assertEquals(10_240, Adviser.targetMemory(10_000, 0.2));
  }
}
