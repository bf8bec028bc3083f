package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A {@link MonthForecast} priced: the month to date and the projected month, each priced as a whole
 * over every account (so the free tier and volume tiers apply as on the bill). A month that is over
 * is its actual cost, priced once.
 */
public record PricedForecast(MonthForecast forecast, PricedMonth actual, PricedMonth projected) {

  /** How an open month is projected. */
  public static final String RUN_RATE =
      "run-rate: each function's usage over the last 7 days (or the month so far, if shorter) is"
          + " extended at the same hourly rate to the end of the month, added to the month-to-date"
          + " usage, and the whole month is priced with volume tiers and the free tier";

  /** How a month that is over is "projected". */
  public static final String CLOSED =
      "actual: the month is over, so the projection is the actual cost";

  /**
   * Prices {@code forecast} with the price book in force for its month.
   *
   * @throws NoPriceBookException if no price book covers the month
   */
  public static PricedForecast of(MonthForecast forecast, MonthPricing pricing) {
    PricedMonth actual = pricing.price(forecast.month(), forecast.monthToDate());
    PricedMonth projected =
        forecast.closed() ? actual : pricing.price(forecast.month(), forecast.projected());
    return new PricedForecast(forecast, actual, projected);
  }

  /** {@link #RUN_RATE}, or {@link #CLOSED} once the month is over. */
  public String method() {
    return forecast.closed() ? CLOSED : RUN_RATE;
  }

  /** The price book versions used, month to date's first, joined by commas; "none" if none. */
  public String priceVersion() {
    Set<String> versions = new LinkedHashSet<>();
    if (actual.priceVersion() != null) {
      versions.add(actual.priceVersion());
    }
    if (projected.priceVersion() != null) {
      versions.add(projected.priceVersion());
    }
    return versions.isEmpty() ? "none" : String.join(",", versions);
  }

  /**
   * What a caller scoped to {@code scope} must know about the lines it sees: usage in regions
   * without prices (month to date; it is projected without a cost too), then the history caveats
   * ({@code caveats} is asked only when the caller sees any line).
   */
  public List<CostWarning> warnings(AccountScope scope, Supplier<HistoryCaveats> caveats) {
    List<CostWarning> warnings = new ArrayList<>();
    List<UnpricedUsage> unpriced = new ArrayList<>();
    for (FunctionUsage line : actual.unpriced(scope)) {
      unpriced.add(UnpricedUsage.of(line));
    }
    warnings.addAll(UnpricedUsage.warnings(actual.priceVersion(), unpriced));
    Set<FunctionKey> functions = new TreeSet<>();
    for (PricedMonth month : List.of(actual, projected)) {
      month.lines(scope).forEach(line -> functions.add(line.usage().function()));
      month.unpriced(scope).forEach(line -> functions.add(line.function()));
    }
    if (!functions.isEmpty()) {
      warnings.addAll(caveats.get().warnings(functions));
    }
    return warnings;
  }
}
