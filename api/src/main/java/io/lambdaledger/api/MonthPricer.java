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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prices a month's usage with the costing home ({@link MonthPricing}) and keys each line's cent
 * figures by line, as the API sums them. What a caller sees comes out scoped: {@link
 * Snapshot#lines} and {@link Snapshot#warnings} take the caller's account scope.
 */
final class MonthPricer {

  private final MonthPricing pricing;
  private final HistoryEvidence history;
  private final long caveatsForNanos;

  MonthPricer(MonthPricing pricing, HistoryEvidence history) {
    this(pricing, history, CAVEATS_FOR);
  }

  /** With history caveats reused for {@code caveatsFor} instead of {@link #CAVEATS_FOR}. */
  MonthPricer(MonthPricing pricing, HistoryEvidence history, java.time.Duration caveatsFor) {
    this.pricing = pricing;
    this.history = history;
    this.caveatsForNanos = caveatsFor.toNanos();
  }

  MonthPricer(MonthPricing pricing) {
    this(pricing, HistoryEvidence.NONE);
  }

  /**
   * What the history says about the pricing of {@code month}'s lines in {@code scope}. Not cached
   * with the priced snapshots (a history pass changes it without changing usage): read again once
   * {@link #CAVEATS_FOR} has passed, so that a busy dashboard does not read the history tables on
   * every request. One caller reads again (over 50,000 functions that takes seconds on a busy
   * machine); callers meanwhile keep the previous caveats. Caveats read again equal to the previous
   * ones are the previous object, so the answers kept for them compare them by reference.
   */
  HistoryCaveats caveats(YearMonth month, AccountScope scope) {
    if (history == HistoryEvidence.NONE) {
      return HistoryCaveats.NONE;
    }
    CaveatsKey key = new CaveatsKey(month, scope);
    CachedCaveats cached = caveats.get(key);
    if (cached != null
        && (System.nanoTime() - cached.readAt() < caveatsForNanos
            || !cached.reading().compareAndSet(false, true))) {
      return cached.caveats();
    }
    long readAt = System.nanoTime();
    HistoryCaveats read;
    try {
      read = pricing.caveats(month, history, scope);
    } finally {
      if (cached != null) {
        cached.reading().set(false);
      }
    }
    if (cached != null && read.equals(cached.caveats())) {
      read = cached.caveats();
    }
    if (caveats.size() >= MAX_CACHED_CAVEATS) {
      caveats.clear();
    }
    caveats.put(key, new CachedCaveats(readAt, read, new AtomicBoolean()));
    return read;
  }

  /** How long history caveats are reused. */
  static final java.time.Duration CAVEATS_FOR = java.time.Duration.ofSeconds(30);

  private static final int MAX_CACHED_CAVEATS = 256;

  private final java.util.concurrent.ConcurrentHashMap<CaveatsKey, CachedCaveats> caveats =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record CaveatsKey(YearMonth month, AccountScope scope) {}

  /** Caveats read at {@code readAt}; {@code reading} while one caller reads them again. */
  private record CachedCaveats(long readAt, HistoryCaveats caveats, AtomicBoolean reading) {}

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
