package io.lambdaledger.core.advice;

import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.ReportLogs;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ReportLogDay;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gathers each function's evidence over a lookback of whole UTC days from the read ports and asks
 * the {@link Adviser}; the API and the CLI share it. Prices with the price book in force in the
 * lookback's last month.
 */
public final class SavingsAdvice {

  /** The recommendations of a lookback and what reading the REPORT lines cost this month. */
  public record Result(
      Instant from,
      Instant to,
      List<Recommendation> recommendations,
      ReportLogs.ScanSpend logsInsightsMonthToDate) {

    public Result {
      recommendations = List.copyOf(recommendations);
    }
  }

  private final UsageReader usage;
  private final FunctionDirectory functions;
  private final ReportLogs reportLogs;
  private final PriceBooks priceBooks;
  private final AdviceSettings settings;

  public SavingsAdvice(
      UsageReader usage,
      FunctionDirectory functions,
      ReportLogs reportLogs,
      PriceBooks priceBooks,
      AdviceSettings settings) {
    this.usage = Objects.requireNonNull(usage, "usage");
    this.functions = Objects.requireNonNull(functions, "functions");
    this.reportLogs = Objects.requireNonNull(reportLogs, "reportLogs");
    this.priceBooks = Objects.requireNonNull(priceBooks, "priceBooks");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The recommendations for the caller's accounts over the {@code days} whole UTC days before
   * {@code today}.
   *
   * @param now what "this month" is for the Logs Insights spend
   */
  public Result recommend(LocalDate today, int days, Instant now, AccountScope scope) {
    if (days < 1) {
      throw new IllegalArgumentException("the lookback must be at least one day");
    }
    Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant from = today.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<FunctionKey, List<FunctionUsage>> totals = new HashMap<>();
    for (FunctionUsage u : usage.totals(from, to)) {
      if (scope.includes(u.function().accountId())) {
        totals.computeIfAbsent(u.function(), k -> new ArrayList<>()).add(u);
      }
    }
    // Hours only for the functions with provisioned concurrency: its rule is the only one that
    // needs them.
    Map<FunctionKey, List<UsageReader.Bucket>> hourly = new HashMap<>();
    for (Map.Entry<FunctionKey, List<FunctionUsage>> e : totals.entrySet()) {
      boolean provisioned =
          e.getValue().stream()
              .anyMatch(u -> u.usage().provisionedConcurrencySeconds().signum() > 0);
      if (provisioned) {
        hourly.put(
            e.getKey(), usage.functionBuckets(e.getKey(), UsageReader.Granularity.HOUR, from, to));
      }
    }
    Map<FunctionKey, List<ReportLogDay>> reports = new HashMap<>();
    for (ReportLogDay d : reportLogs.days(from, to)) {
      reports.computeIfAbsent(d.function(), k -> new ArrayList<>()).add(d);
    }
    List<FunctionEvidence> evidence = new ArrayList<>();
    for (LambdaFunction f : functions.functions()) {
      List<FunctionUsage> used = totals.get(f.key());
      if (used == null) {
        continue;
      }
      evidence.add(
          new FunctionEvidence(
              f,
              used,
              hourly.getOrDefault(f.key(), List.of()),
              reports.getOrDefault(f.key(), List.of())));
    }
    YearMonth lastMonth = YearMonth.from(to.minusSeconds(1).atZone(ZoneOffset.UTC));
    Adviser adviser = new Adviser(priceBooks.inForce(lastMonth), settings);
    YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
    ReportLogs.ScanSpend spend =
        reportLogs.spend(
            month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
            month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    return new Result(from, to, adviser.advise(from, to, evidence), spend);
  }
}
