package io.lambdaledger.api.costs;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.MonthForecast;
import io.lambdaledger.core.costing.PricedForecast;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /forecast}: the month's {@link PricedForecast} (the projection and its pricing are the
 * costing home's), grouped by the query's dimensions, the largest projected cost first.
 */
public record ForecastService(
    UsageReader usage, FunctionDirectory directory, MonthPricer pricer, Clock clock) {

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
    if (!TimeWindow.of(month).start().isBefore(now)) {
      throw ApiProblem.badParameter("month", "cannot forecast " + month + ": it has not started");
    }
    PricedForecast priced = pricer.price(MonthForecast.of(usage, month, now));
    MonthPricer.Snapshot actual = MonthPricer.Snapshot.of(priced.actual());
    MonthPricer.Snapshot projected =
        priced.projected() == priced.actual()
            ? actual
            : MonthPricer.Snapshot.of(priced.projected());
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
    return new Forecast(
        month,
        priced.forecast().through(),
        priced.method(),
        priced.priceVersion(),
        actualTotal,
        projectedTotal,
        items,
        priced.warnings(scope, () -> pricer.caveats(month, scope)));
  }
}
