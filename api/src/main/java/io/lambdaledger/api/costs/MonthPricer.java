package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.MonthForecast;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.costing.NoPriceBookException;
import io.lambdaledger.core.costing.PricedForecast;
import io.lambdaledger.core.costing.PricedLine;
import io.lambdaledger.core.costing.PricedMonth;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionUsage;
import java.time.Duration;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prices a month's usage with the costing home ({@link MonthPricing}) and keys each line's cent
 * figures by line, as the API sums them. What a caller sees comes out scoped: {@link
 * Snapshot#lines} and {@link Snapshot#warnings} take the caller's account scope.
 */
public final class MonthPricer {

  private static final Logger LOG = LoggerFactory.getLogger(MonthPricer.class);

  /** How long history caveats are reused before they are read again. */
  static final Duration CAVEATS_FOR = Duration.ofSeconds(30);

  private static final int MAX_CACHED_CAVEATS = 256;

  private final MonthPricing pricing;
  private final HistoryEvidence history;
  private final long caveatsForNanos;
  private final Executor refresher;
  private final ConcurrentHashMap<CaveatsKey, CachedCaveats> caveats = new ConcurrentHashMap<>();

  public MonthPricer(MonthPricing pricing, HistoryEvidence history) {
    this(
        pricing,
        history,
        CAVEATS_FOR,
        task -> Thread.ofVirtual().name("history-caveats").start(task));
  }

  /**
   * With history caveats reused for {@code caveatsFor} and read again by {@code refresher} (a
   * test's own executor, or {@code Runnable::run} to read again on the caller's thread).
   */
  public MonthPricer(
      MonthPricing pricing, HistoryEvidence history, Duration caveatsFor, Executor refresher) {
    this.pricing = pricing;
    this.history = history;
    this.caveatsForNanos = caveatsFor.toNanos();
    this.refresher = refresher;
  }

  public MonthPricer(MonthPricing pricing) {
    this(pricing, HistoryEvidence.NONE);
  }

  /**
   * What the history says about the pricing of {@code month}'s lines in {@code scope}. Not cached
   * with the priced snapshots (a history pass changes it without changing usage): the first caller
   * of a month and scope reads it; once {@link #CAVEATS_FOR} has passed, the next caller starts one
   * read in the background (over 50,000 functions it takes seconds on a busy machine) and every
   * caller keeps the previous caveats until it is done, so no request waits for it. Caveats read
   * again equal to the previous ones are the previous object, so the answers kept for them compare
   * them by reference. A read that fails keeps the previous caveats and is tried again by the next
   * caller.
   */
  public HistoryCaveats caveats(YearMonth month, AccountScope scope) {
    if (history == HistoryEvidence.NONE) {
      return HistoryCaveats.NONE;
    }
    CaveatsKey key = new CaveatsKey(month, scope);
    CachedCaveats cached = caveats.get(key);
    if (cached == null) {
      long readAt = System.nanoTime();
      return keep(key, readAt, pricing.caveats(month, history, scope), null);
    }
    if (System.nanoTime() - cached.readAt() >= caveatsForNanos
        && cached.reading().compareAndSet(false, true)) {
      try {
        refresher.execute(() -> readAgain(key, cached));
      } catch (RuntimeException e) {
        cached.reading().set(false);
        LOG.warn("Could not start reading history caveats of {} again: {}", month, e.toString());
      }
    }
    return caveats.getOrDefault(key, cached).caveats();
  }

  private void readAgain(CaveatsKey key, CachedCaveats cached) {
    long readAt = System.nanoTime();
    try {
      keep(key, readAt, pricing.caveats(key.month(), history, key.scope()), cached);
    } catch (RuntimeException e) {
      LOG.warn(
          "Reading history caveats of {} again failed, keeping the previous: {}",
          key.month(),
          e.toString());
    } finally {
      cached.reading().set(false);
    }
  }

  private HistoryCaveats keep(
      CaveatsKey key, long readAt, HistoryCaveats read, CachedCaveats previous) {
    if (previous != null && read.equals(previous.caveats())) {
      read = previous.caveats();
    }
    if (caveats.size() >= MAX_CACHED_CAVEATS) {
      caveats.clear();
    }
    caveats.put(key, new CachedCaveats(readAt, read, new AtomicBoolean()));
    return read;
  }

  private record CaveatsKey(YearMonth month, AccountScope scope) {}

  /** Caveats read at {@code readAt}; {@code reading} while they are read again. */
  private record CachedCaveats(long readAt, HistoryCaveats caveats, AtomicBoolean reading) {}

  /** The cumulative cost of {@code usage}, all of it in {@code month}, over every account. */
  public Snapshot price(YearMonth month, List<FunctionUsage> usage) {
    return Snapshot.of(withPriceBook(() -> pricing.price(month, usage)));
  }

  /** {@code forecast} priced ({@link PricedForecast}). */
  public PricedForecast price(MonthForecast forecast) {
    return withPriceBook(() -> PricedForecast.of(forecast, pricing));
  }

  /** What {@code pricing} returns; a month without a price book is a bad window. */
  private static <T> T withPriceBook(Supplier<T> pricing) {
    try {
      return pricing.get();
    } catch (NoPriceBookException e) {
      throw ApiProblem.badParameter("window", e.getMessage());
    }
  }

  /** Cumulative cent figures per line from the month's start to some instant, every account. */
  record Snapshot(PricedMonth month, Map<LineKey, Figures> allLines) {
    static final Snapshot EMPTY = new Snapshot(PricedMonth.EMPTY, Map.of());

    /** The figures of {@code priced}'s lines (priced, and usage without prices) by line. */
    static Snapshot of(PricedMonth priced) {
      Map<LineKey, Figures> figures = new LinkedHashMap<>(priced.lines().size() * 2);
      for (PricedLine line : priced.lines()) {
        figures.merge(LineKey.of(line.usage()), Figures.of(line.cost()), Figures::plus);
      }
      for (FunctionUsage line : priced.unpriced()) {
        figures.merge(LineKey.of(line), Figures.of(UnpricedUsage.of(line)), Figures::plus);
      }
      return new Snapshot(priced, figures);
    }

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
