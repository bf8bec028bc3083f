package io.lambdaledger.api;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.RunRate;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Month-end projection: each function's usage over the last seven days (or the month so far, if
 * shorter) is extended at the same hourly rate to the end of the month and added to the
 * month-to-date usage; the projected month is then priced as a whole, so volume tiers and the free
 * tier apply as they will on the bill.
 */
final class ForecastService {

  static final String RUN_RATE =
      "run-rate: each function's usage over the last 7 days (or the month so far, if shorter) is"
          + " extended at the same hourly rate to the end of the month, added to the month-to-date"
          + " usage, and the whole month is priced with volume tiers and the free tier";
  static final String CLOSED = "actual: the month is over, so the projection is the actual cost";

  private static final Duration RECENT = Duration.ofDays(7);

  private final UsageReader usage;
  private final FunctionDirectory directory;
  private final MonthPricer pricer;
  private final Clock clock;

  ForecastService(UsageReader usage, FunctionDirectory directory, MonthPricer pricer, Clock clock) {
    this.usage = usage;
    this.directory = directory;
    this.pricer = pricer;
    this.clock = clock;
  }

  record Forecast(
      YearMonth month,
      Instant asOf,
      String method,
      String priceVersion,
      Figures actual,
      Figures projected,
      List<Item> items,
      List<CostWarning> warnings) {}

  record Item(Map<String, String> key, Figures actual, Figures projected) {}

  Forecast forecast(YearMonth month, List<Dimension> aggregate, AccountScope scope) {
    Instant now = clock.instant();
    TimeWindow monthWindow = TimeWindow.of(month);
    if (!monthWindow.start().isBefore(now)) {
      throw ApiProblem.badParameter("month", "cannot forecast " + month + ": it has not started");
    }
    Instant asOf = now.truncatedTo(ChronoUnit.HOURS);
    boolean closed = !monthWindow.end().isAfter(asOf);
    Instant through = closed ? monthWindow.end() : asOf;
    List<FunctionUsage> monthToDate =
        through.isAfter(monthWindow.start())
            ? usage.totals(monthWindow.start(), through)
            : List.of();
    MonthPricer.Snapshot actual = pricer.price(month, monthToDate);
    MonthPricer.Snapshot projected =
        closed ? actual : pricer.price(month, project(monthToDate, monthWindow, through));
    Map<LineKey, Figures[]> lines = new HashMap<>();
    actual.lines(scope).forEach((k, v) -> lines.computeIfAbsent(k, x -> new Figures[2])[0] = v);
    projected.lines(scope).forEach((k, v) -> lines.computeIfAbsent(k, x -> new Figures[2])[1] = v);
    LineGrouper grouper = new LineGrouper(aggregate, CostFilter.NONE, directory::functions);
    List<Item> items = new ArrayList<>();
    Figures actualTotal = Figures.ZERO;
    Figures projectedTotal = Figures.ZERO;
    for (Map.Entry<List<String>, Figures[]> group : grouper.group(lines, 2).entrySet()) {
      Figures[] figures = group.getValue();
      items.add(new Item(grouper.keyMap(group.getKey()), figures[0], figures[1]));
      actualTotal = actualTotal.plus(figures[0]);
      projectedTotal = projectedTotal.plus(figures[1]);
    }
    items.sort(
        Comparator.comparing((Item item) -> item.projected().total())
            .reversed()
            .thenComparing(item -> String.join("\u0000", item.key().values())));
    Set<String> versions = new LinkedHashSet<>();
    if (actual.priceVersion() != null) {
      versions.add(actual.priceVersion());
    }
    if (projected.priceVersion() != null) {
      versions.add(projected.priceVersion());
    }
    return new Forecast(
        month,
        through,
        closed ? CLOSED : RUN_RATE,
        versions.isEmpty() ? "none" : String.join(",", versions),
        actualTotal,
        projectedTotal,
        items,
        warnings(month, actual, lines, scope));
  }

  /**
   * What the caller must know about the lines it sees: usage in regions without prices (month to
   * date; it is projected without a cost too), and the history caveats of their functions.
   */
  private List<CostWarning> warnings(
      YearMonth month,
      MonthPricer.Snapshot actual,
      Map<LineKey, Figures[]> lines,
      AccountScope scope) {
    List<CostWarning> warnings = new ArrayList<>();
    List<UnpricedUsage> unpriced = new ArrayList<>();
    for (FunctionUsage line : actual.month().unpriced(scope)) {
      unpriced.add(UnpricedUsage.of(line));
    }
    warnings.addAll(UnpricedUsage.warnings(actual.priceVersion(), unpriced));
    Set<FunctionKey> functions = new TreeSet<>();
    lines.keySet().forEach(line -> functions.add(line.function()));
    if (!functions.isEmpty()) {
      warnings.addAll(pricer.caveats(month, scope).warnings(functions));
    }
    return warnings;
  }

  private List<FunctionUsage> project(
      List<FunctionUsage> monthToDate, TimeWindow month, Instant through) {
    Instant recentStart = through.minus(RECENT);
    if (recentStart.isBefore(month.start())) {
      recentStart = month.start();
    }
    long recentHours = Duration.between(recentStart, through).toHours();
    long remainingHours = Duration.between(through, month.end()).toHours();
    if (recentHours <= 0 || remainingHours <= 0) {
      return monthToDate;
    }
    return RunRate.projectedMonth(
        monthToDate, usage.totals(recentStart, through), recentHours, remainingHours);
  }
}
