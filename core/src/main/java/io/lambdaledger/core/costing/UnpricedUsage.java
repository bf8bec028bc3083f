package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.FunctionUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage in a region the price book does not price: shown with its requests and GB-seconds and no
 * cost (never $0.00, never dropped), and warned about by region.
 *
 * @param region the region without prices
 * @param requests every invocation there
 * @param gbSeconds on-demand GB-seconds there (measured duration times memory)
 */
public record UnpricedUsage(String region, long requests, BigDecimal gbSeconds) {

  /** Lines whose region has no price carry this code. */
  public static final String REGION_NOT_PRICED = "REGION_NOT_PRICED";

  /** The usage of one stored line. */
  public static UnpricedUsage of(FunctionUsage usage) {
    return new UnpricedUsage(
        usage.function().region(),
        usage.usage().requests(),
        BillableUsage.onDemandGbSeconds(usage));
  }

  /** The usage of one engine line (the reports path): on-demand GB-seconds at the lower bound. */
  public static UnpricedUsage of(UsageLine line) {
    return new UnpricedUsage(
        line.region(),
        line.totalRequests(),
        GbSeconds.of(line.duration().lowerMs(), line.memoryMb()));
  }

  /** The warning about these usages, by region in name order; none when there are none. */
  public static List<CostWarning> warnings(String priceVersion, List<UnpricedUsage> usages) {
    Map<String, UnpricedUsage> byRegion = new TreeMap<>();
    for (UnpricedUsage usage : usages) {
      byRegion.merge(
          usage.region(),
          usage,
          (a, b) ->
              new UnpricedUsage(
                  a.region(), a.requests() + b.requests(), a.gbSeconds().add(b.gbSeconds())));
    }
    if (byRegion.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (UnpricedUsage usage : byRegion.values()) {
      parts.add(
          usage.region()
              + " ("
              + usage.requests()
              + " requests, "
              + usage
                  .gbSeconds()
                  .setScale(3, RoundingMode.HALF_UP)
                  .stripTrailingZeros()
                  .toPlainString()
              + " GB-s)");
    }
    return List.of(
        new CostWarning(
            REGION_NOT_PRICED,
            "no prices for "
                + String.join(", ", parts)
                + " in price book "
                + priceVersion
                + "; this usage is listed without a cost and is in no cost total."));
  }
}
