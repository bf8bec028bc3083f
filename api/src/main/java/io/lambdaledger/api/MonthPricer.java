package io.lambdaledger.api;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Prices a month's usage (from its first hour up to some instant) with the cost engine and keys the
 * cent charges by line. Lines in a region the price book does not know are left out and said so in
 * a warning.
 */
final class MonthPricer {

  private final CostEngine engine;
  private final PriceBooks priceBooks;

  MonthPricer(CostEngine engine, PriceBooks priceBooks) {
    this.engine = engine;
    this.priceBooks = priceBooks;
  }

  /** The cumulative cost of {@code usage}, all of it in {@code month}. */
  Snapshot price(YearMonth month, List<FunctionUsage> usage) {
    PriceBook book;
    try {
      book = priceBooks.inForce(month);
    } catch (NoSuchElementException e) {
      if (usage.isEmpty()) {
        return new Snapshot(Map.of(), null, List.of());
      }
      throw ApiProblem.badParameter("window", "no price book covers " + month);
    }
    if (usage.isEmpty()) {
      return new Snapshot(Map.of(), book.version(), List.of());
    }
    List<FunctionUsage> priced = new ArrayList<>(usage.size());
    Set<String> unknownRegions = new LinkedHashSet<>();
    List<UsageLine> lines = new ArrayList<>(usage.size());
    for (FunctionUsage line : usage) {
      if (!book.hasRegion(line.function().region())) {
        unknownRegions.add(line.function().region());
        continue;
      }
      priced.add(line);
      lines.add(toLine(line));
    }
    List<CostWarning> warnings = new ArrayList<>();
    if (!unknownRegions.isEmpty()) {
      warnings.add(
          new CostWarning(
              "REGION_NOT_PRICED",
              "no prices for "
                  + String.join(", ", unknownRegions)
                  + " in price book "
                  + book.version()
                  + "; their usage is left out"));
    }
    if (lines.isEmpty()) {
      return new Snapshot(Map.of(), book.version(), warnings);
    }
    CostReport report = engine.price(book, lines, CostOptions.DEFAULT);
    warnings.addAll(report.warnings());
    Map<LineKey, Figures> figures = new LinkedHashMap<>(lines.size() * 2);
    for (int i = 0; i < priced.size(); i++) {
      figures.merge(LineKey.of(priced.get(i)), Figures.of(report.lines().get(i)), Figures::plus);
    }
    return new Snapshot(figures, report.priceVersion(), warnings);
  }

  static UsageLine toLine(FunctionUsage line) {
    UsageTotals usage = line.usage();
    BillingConfiguration configuration = line.configuration();
    long provisionedRequests = Math.min(usage.provisionedRequests(), usage.requests());
    long onDemandRequests = usage.requests() - provisionedRequests;
    BigDecimal provisionedMs =
        usage.provisionedDurationMsEstimate().min(usage.durationMsSum()).max(BigDecimal.ZERO);
    BigDecimal onDemandMs = usage.durationMsSum().subtract(provisionedMs);
    return new UsageLine(
        line.payerAccountId(),
        line.function().accountId(),
        line.function().region(),
        line.function().name(),
        configuration.architecture(),
        configuration.memoryMb(),
        configuration.ephemeralStorageMb(),
        onDemandRequests,
        BilledDuration.fromMetricSum(onDemandMs, onDemandRequests),
        usage.provisionedConcurrencySeconds().setScale(0, RoundingMode.CEILING).longValueExact(),
        provisionedRequests,
        BilledDuration.fromMetricSum(provisionedMs, provisionedRequests));
  }

  /** Cumulative cent figures per line from the month's start to some instant. */
  record Snapshot(Map<LineKey, Figures> lines, String priceVersion, List<CostWarning> warnings) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), null, List.of());
  }
}
