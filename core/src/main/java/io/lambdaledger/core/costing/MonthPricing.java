package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.PayerCost;
import io.lambdaledger.core.cost.UsageLine;
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
 * shared as on the bill. Lines in a region the price book does not know are left out (and {@link
 * PricedMonth#warnings} says so). Pure and thread-safe.
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
   * The cost of lines already turned into billable quantities by {@link BillableUsage} (a report
   * streams them from the month rollup), every region priced.
   *
   * @throws java.util.NoSuchElementException if no price book covers the month
   * @throws IllegalArgumentException if a line's region is not in the price book
   */
  public CostReport priceLines(YearMonth month, List<UsageLine> lines) {
    return engine.price(month, lines, CostOptions.DEFAULT);
  }
}
