package io.lambdaledger.api.functions;

import io.lambdaledger.api.costs.LineKey;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.costing.BillableUsage;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.core.pricing.RegionRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One function's usage over a window, and how much higher its cost can be than the estimate because
 * AWS rounds each invocation up to the millisecond while CloudWatch only gives sums.
 *
 * <p>The bound is the function's own, not its payer's: the milliseconds its lines could add (upper
 * minus lower bound, per month and configuration, as the cost engine bounds them), each at the
 * highest rate they could be billed at: on-demand duration at the first tier (the free tier and
 * cheaper tiers can only lower it), provisioned duration and ephemeral storage at their rates.
 * GB-seconds by the one formula ({@link GbSeconds}, exact); the sum rounded up to the cent.
 *
 * <p>Not {@code LineCost.upperBoundExtra}: the engine prices that extra at the payer's average rate
 * after volume tiers, while this bound must hold whatever the rest of the payer uses, so it takes
 * the first tier (the highest rate), for the function alone.
 */
public record FunctionUsageSummary(UsageReader usage, PriceBooks priceBooks) {

  /**
   * @param usage everything the function used in the window, all configurations summed
   * @param bounded whether any of it is priced from CloudWatch sums (so the bill may differ)
   * @param roundingUpTo how much higher its cost can be, in whole cents
   * @param regionPriced false when a month of the window has no prices for the function's region
   */
  record Summary(
      UsageTotals usage, boolean bounded, BigDecimal roundingUpTo, boolean regionPriced) {}

  Summary summarize(FunctionKey key, TimeWindow window) {
    TimeWindow aligned = window.alignedToHours();
    UsageTotals total = UsageTotals.ZERO;
    boolean bounded = false;
    boolean regionPriced = true;
    BigDecimal extra = BigDecimal.ZERO;
    for (YearMonth month : aligned.months()) {
      TimeWindow segment = aligned.intersect(TimeWindow.of(month));
      Map<LineKey, FunctionUsage> lines = linesOf(key, segment);
      if (lines.isEmpty()) {
        continue;
      }
      PriceBook book = bookFor(month);
      for (FunctionUsage line : lines.values()) {
        total = total.plus(line.usage());
        UsageLine priced = BillableUsage.of(line);
        bounded |= priced.hasDurationBound();
        if (book == null || !book.hasRegion(key.region())) {
          regionPriced = false;
          continue;
        }
        extra = extra.add(roundingCost(priced, book.rates(key.region(), priced.architecture())));
      }
    }
    return new Summary(total, bounded, extra.setScale(2, RoundingMode.CEILING), regionPriced);
  }

  /** The function's usage in one month's part of the window, per billing configuration. */
  private Map<LineKey, FunctionUsage> linesOf(FunctionKey key, TimeWindow segment) {
    boolean wholeDays =
        segment.start().truncatedTo(ChronoUnit.DAYS).equals(segment.start())
            && segment.end().truncatedTo(ChronoUnit.DAYS).equals(segment.end());
    Map<LineKey, FunctionUsage> lines = new LinkedHashMap<>();
    for (UsageReader.Bucket bucket :
        usage.functionBuckets(
            key,
            wholeDays ? UsageReader.Granularity.DAY : UsageReader.Granularity.HOUR,
            segment.start(),
            segment.end())) {
      lines.merge(
          LineKey.of(bucket.usage()),
          bucket.usage(),
          (a, b) ->
              new FunctionUsage(
                  a.function(), a.payerAccountId(), a.configuration(), a.usage().plus(b.usage())));
    }
    return lines;
  }

  private PriceBook bookFor(YearMonth month) {
    try {
      return priceBooks.inForce(month);
    } catch (NoSuchElementException e) {
      return null;
    }
  }

  /** What the line's bounded milliseconds would cost if every one of them were billed. */
  private static BigDecimal roundingCost(UsageLine line, RegionRates rates) {
    long onDemandMs = line.duration().upperMs() - line.duration().lowerMs();
    long provisionedMs =
        line.provisionedDuration().upperMs() - line.provisionedDuration().lowerMs();
    long memory = line.memoryMb();
    long storage = Math.max(0, line.ephemeralStorageMb() - UsageLine.FREE_EPHEMERAL_STORAGE_MB);
    return GbSeconds.of(onDemandMs, memory)
        .multiply(rates.firstTierDuration())
        .add(GbSeconds.of(provisionedMs, memory).multiply(rates.provisionedDuration()))
        .add(GbSeconds.of(onDemandMs + provisionedMs, storage).multiply(rates.ephemeralStorage()));
  }
}
