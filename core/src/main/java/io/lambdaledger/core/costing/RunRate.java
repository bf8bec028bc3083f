package io.lambdaledger.core.costing;

import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The month-end forecast's usage: each function configuration's usage over a recent span, extended
 * at the same hourly rate over the rest of the month and added to the month-to-date usage. The
 * projected month is then priced as a whole ({@link MonthPricing}), so volume tiers and the free
 * tier apply as they will on the bill.
 */
public final class RunRate {

  private RunRate() {}

  /**
   * @param monthToDate usage from the month's start
   * @param recent usage of the last {@code recentHours} (a tail of {@code monthToDate})
   * @param remainingHours hours left in the month
   */
  public static List<FunctionUsage> projectedMonth(
      List<FunctionUsage> monthToDate,
      List<FunctionUsage> recent,
      long recentHours,
      long remainingHours) {
    if (recentHours <= 0 || remainingHours <= 0) {
      return monthToDate;
    }
    BigDecimal factor =
        BigDecimal.valueOf(remainingHours)
            .divide(BigDecimal.valueOf(recentHours), MathContext.DECIMAL64);
    Map<Line, FunctionUsage> projected = new HashMap<>();
    for (FunctionUsage line : monthToDate) {
      projected.merge(Line.of(line), line, RunRate::add);
    }
    for (FunctionUsage line : recent) {
      projected.merge(Line.of(line), scale(line, factor), RunRate::add);
    }
    return List.copyOf(projected.values());
  }

  /** One function configuration of one payer. */
  private record Line(FunctionKey function, BillingConfiguration configuration, String payer) {
    static Line of(FunctionUsage usage) {
      return new Line(usage.function(), usage.configuration(), usage.payerAccountId());
    }
  }

  private static FunctionUsage add(FunctionUsage a, FunctionUsage b) {
    return new FunctionUsage(
        a.function(), a.payerAccountId(), a.configuration(), a.usage().plus(b.usage()));
  }

  private static FunctionUsage scale(FunctionUsage line, BigDecimal factor) {
    return new FunctionUsage(
        line.function(), line.payerAccountId(), line.configuration(), scale(line.usage(), factor));
  }

  /** The additive quantities times {@code factor}; maxima stay as they are. */
  static UsageTotals scale(UsageTotals usage, BigDecimal factor) {
    return usage.toBuilder()
        .requests(times(usage.requests(), factor))
        .durationMsSum(usage.durationMsSum().multiply(factor))
        .provisionedConcurrencySeconds(usage.provisionedConcurrencySeconds().multiply(factor))
        .provisionedConcurrencyGbSeconds(usage.provisionedConcurrencyGbSeconds().multiply(factor))
        .provisionedRequests(times(usage.provisionedRequests(), factor))
        .provisionedSpilloverRequests(times(usage.provisionedSpilloverRequests(), factor))
        .provisionedDurationMsEstimate(usage.provisionedDurationMsEstimate().multiply(factor))
        .errors(times(usage.errors(), factor))
        .throttles(times(usage.throttles(), factor))
        .deadLetterErrors(times(usage.deadLetterErrors(), factor))
        .build();
  }

  private static long times(long value, BigDecimal factor) {
    return BigDecimal.valueOf(value).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValue();
  }
}
