package io.lambdaledger.api;

import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Extends usage by a factor: what a run rate adds over the rest of a month. */
final class UsageProjection {

  private UsageProjection() {}

  static FunctionUsage scale(FunctionUsage line, BigDecimal factor) {
    return new FunctionUsage(
        line.function(), line.payerAccountId(), line.configuration(), scale(line.usage(), factor));
  }

  /** The additive quantities times {@code factor}; maxima stay as they are. */
  static UsageTotals scale(UsageTotals usage, BigDecimal factor) {
    return new UsageTotals(
        times(usage.requests(), factor),
        usage.durationMsSum().multiply(factor),
        times(usage.billedMsLower(), factor),
        times(usage.billedMsUpper(), factor),
        usage.gbSecondsLower().multiply(factor),
        usage.gbSecondsUpper().multiply(factor),
        usage.storageGbSecondsLower().multiply(factor),
        usage.storageGbSecondsUpper().multiply(factor),
        usage.provisionedConcurrencySeconds().multiply(factor),
        usage.provisionedConcurrencyGbSeconds().multiply(factor),
        times(usage.provisionedRequests(), factor),
        times(usage.provisionedSpilloverRequests(), factor),
        usage.provisionedDurationMsEstimate().multiply(factor),
        times(usage.errors(), factor),
        times(usage.throttles(), factor),
        times(usage.deadLetterErrors(), factor),
        usage.iteratorAgeMaxMs(),
        usage.concurrentExecutionsMax());
  }

  private static long times(long value, BigDecimal factor) {
    return BigDecimal.valueOf(value).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValue();
  }
}
