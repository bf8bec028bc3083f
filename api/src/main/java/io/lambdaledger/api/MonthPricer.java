package io.lambdaledger.api;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.costing.NoPriceBookException;
import io.lambdaledger.core.costing.PricedLine;
import io.lambdaledger.core.costing.PricedMonth;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionUsage;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices a month's usage with the costing home ({@link MonthPricing}) and keys each line's cent
 * figures by line, as the API sums them. What a caller sees comes out scoped: {@link
 * Snapshot#lines} and {@link Snapshot#warnings} take the caller's account scope.
 */
final class MonthPricer {

  private final MonthPricing pricing;
  private final HistoryEvidence history;

  MonthPricer(MonthPricing pricing, HistoryEvidence history) {
    this.pricing = pricing;
    this.history = history;
  }

  MonthPricer(MonthPricing pricing) {
    this(pricing, HistoryEvidence.NONE);
  }

  /**
   * What the history says about the pricing of {@code month}'s lines in {@code scope}: read each
   * time (not cached with the priced snapshots, which only a usage change renews).
   */
  HistoryCaveats caveats(YearMonth month, AccountScope scope) {
    return pricing.caveats(month, history, scope);
  }

  /** The cumulative cost of {@code usage}, all of it in {@code month}, over every account. */
  Snapshot price(YearMonth month, List<FunctionUsage> usage) {
    PricedMonth priced;
    try {
      priced = pricing.price(month, usage);
    } catch (NoPriceBookException e) {
      throw ApiProblem.badParameter("window", e.getMessage());
    }
    Map<LineKey, Figures> figures = new LinkedHashMap<>(priced.lines().size() * 2);
    for (PricedLine line : priced.lines()) {
      figures.merge(LineKey.of(line.usage()), Figures.of(line.cost()), Figures::plus);
    }
    for (FunctionUsage line : priced.unpriced()) {
      figures.merge(LineKey.of(line), Figures.of(UnpricedUsage.of(line)), Figures::plus);
    }
    return new Snapshot(priced, figures);
  }

  /** Cumulative cent figures per line from the month's start to some instant, every account. */
  record Snapshot(PricedMonth month, Map<LineKey, Figures> allLines) {
    static final Snapshot EMPTY = new Snapshot(PricedMonth.EMPTY, Map.of());

    /** The figures of the lines of the accounts in {@code scope}. */
    Map<LineKey, Figures> lines(AccountScope scope) {
      if (scope.unrestricted()) {
        return allLines;
      }
      Map<LineKey, Figures> visible = new LinkedHashMap<>();
      allLines.forEach(
          (key, figures) -> {
            if (scope.includes(key.function().accountId())) {
              visible.put(key, figures);
            }
          });
      return visible;
    }

    /** The warnings about the lines of the accounts in {@code scope}. */
    List<CostWarning> warnings(AccountScope scope) {
      return month.warnings(scope);
    }

    String priceVersion() {
      return month.priceVersion();
    }
  }
}
