package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.PayerCost;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Prices stored usage of one month (from its first hour up to some instant) with the price book in
 * force for the month, on every account of every payer, so that the free tier and volume tiers are
 * shared as on the bill. Lines in a region the price book does not know are priced nowhere: they
 * are handed back unpriced, with their usage, and {@link PricedMonth#warnings} names them. Pure and
 * thread-safe.
 */
public final class MonthPricing {

  private final CostEngine engine;
  private final PriceBooks priceBooks;

  public MonthPricing(PriceBooks priceBooks) {
    this.engine = new CostEngine(priceBooks);
    this.priceBooks = priceBooks;
  }

  /**
   * The cost of {@code usage}, all of it in {@code month}.
   *
   * @throws NoPriceBookException if there is usage and no price book covers the month
   */
  public PricedMonth price(YearMonth month, List<FunctionUsage> usage) {
    PriceBook book;
    try {
      book = priceBooks.inForce(month);
    } catch (NoSuchElementException e) {
      if (usage.isEmpty()) {
        return PricedMonth.EMPTY;
      }
      throw new NoPriceBookException(month);
    }
    List<FunctionUsage> priced = new ArrayList<>(usage.size());
    List<FunctionUsage> unpriced = new ArrayList<>();
    List<UsageLine> lines = new ArrayList<>(usage.size());
    for (FunctionUsage line : usage) {
      if (book.hasRegion(line.function().region())) {
        priced.add(line);
        lines.add(BillableUsage.of(line));
      } else {
        unpriced.add(line);
      }
    }
    if (lines.isEmpty()) {
      return new PricedMonth(book.version(), List.of(), unpriced, Map.of());
    }
    CostReport report = engine.price(book, lines, CostOptions.DEFAULT);
    List<PricedLine> pricedLines = new ArrayList<>(priced.size());
    for (int i = 0; i < priced.size(); i++) {
      pricedLines.add(new PricedLine(priced.get(i), report.lines().get(i)));
    }
    Map<String, PayerCost> payers = new LinkedHashMap<>();
    for (PayerCost payer : report.payers()) {
      payers.put(payer.payer(), payer);
    }
    return new PricedMonth(report.priceVersion(), pricedLines, unpriced, payers);
  }

  /**
   * What {@code evidence} says about the history that priced {@code month} for the accounts in
   * {@code scope}: the caveats each line of theirs carries.
   */
  public HistoryCaveats caveats(YearMonth month, HistoryEvidence evidence, AccountScope scope) {
    PriceBook book;
    try {
      book = priceBooks.inForce(month);
    } catch (NoSuchElementException e) {
      book = null;
    }
    return new HistoryCaveats(book, evidence.provenance(month, scope), evidence.notYetKnown(scope));
  }

  /**
   * The cost of lines already turned into billable quantities by {@link BillableUsage} (a report
   * streams them from the month rollup), every region priced.
   *
   * @throws java.util.NoSuchElementException if no price book covers the month
   * @throws IllegalArgumentException if a line's region is not in the price book
   */
  public CostReport priceLines(YearMonth month, List<UsageLine> lines) {
    return engine.price(month, lines, CostOptions.DEFAULT);
  }

  /**
   * Like {@link #priceLines}, but lines in a region the price book does not know are priced nowhere
   * instead of failing the month: their cost is null in {@link PricedLines#costs()}.
   *
   * @throws java.util.NoSuchElementException if no price book covers the month
   */
  public PricedLines priceLinesOrLeaveUnpriced(YearMonth month, List<UsageLine> lines) {
    PriceBook book = priceBooks.inForce(month);
    List<UsageLine> priced = new ArrayList<>(lines.size());
    for (UsageLine line : lines) {
      if (book.hasRegion(line.region())) {
        priced.add(line);
      }
    }
    CostReport report = priced.isEmpty() ? null : engine.price(book, priced, CostOptions.DEFAULT);
    List<LineCost> costs = new ArrayList<>(lines.size());
    int next = 0;
    for (UsageLine line : lines) {
      costs.add(book.hasRegion(line.region()) ? report.lines().get(next++) : null);
    }
    return new PricedLines(book, report, costs);
  }

  /**
   * Lines priced by {@link #priceLinesOrLeaveUnpriced}.
   *
   * @param book the price book in force
   * @param report the engine's report of the priced lines; null when none could be priced
   * @param costs one per input line, in input order; null for a line in a region without prices
   */
  public record PricedLines(PriceBook book, CostReport report, List<LineCost> costs) {
    public PricedLines {
      costs = java.util.Collections.unmodifiableList(new ArrayList<>(costs));
    }
  }
}
