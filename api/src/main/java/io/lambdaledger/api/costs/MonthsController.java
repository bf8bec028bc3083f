package io.lambdaledger.api.costs;

import io.javalin.http.Context;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.core.ledger.UsageMonths;
import io.lambdaledger.core.model.AccountScope;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /months}: the months the caller can look at, newest first. A month is listed when one of
 * the caller's accounts has usage in it; the current month is always listed, even before its first
 * usage, so that a dashboard always has a month to show.
 */
public record MonthsController(UsageMonths months, Clock clock) {

  public void list(Context ctx) {
    QueryParams.of(ctx, Set.of());
    AccountScope scope = Caller.of(ctx).scope();
    YearMonth current = TimeWindow.monthOf(clock.instant());
    TreeMap<YearMonth, Integer> functions = new TreeMap<>();
    functions.put(current, 0);
    for (UsageMonths.AccountMonth used : months.withUsage()) {
      if (scope.includes(used.accountId())) {
        functions.merge(used.month(), used.functions(), Integer::sum);
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    functions
        .descendingMap()
        .forEach(
            (month, count) -> {
              Map<String, Object> item = new LinkedHashMap<>();
              item.put("month", month.toString());
              item.put("functions", count);
              items.add(item);
            });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("current", current.toString());
    body.put("items", items);
    ctx.json(body);
  }
}
