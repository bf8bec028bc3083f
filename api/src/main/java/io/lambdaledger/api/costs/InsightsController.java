package io.lambdaledger.api.costs;

import io.javalin.http.Context;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.costing.FreeTierUse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /free-tier} and {@code /forecast}. */
public final class InsightsController {

  private final FreeTierService freeTier;
  private final ForecastService forecast;
  private final WindowParser windows;

  public InsightsController(
      FreeTierService freeTier, ForecastService forecast, WindowParser windows) {
    this.freeTier = freeTier;
    this.forecast = forecast;
    this.windows = windows;
  }

  public void freeTier(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("month"));
    YearMonth month = windows.parseMonth("month", params.get("month"));
    FreeTierUse result = freeTier.freeTier(month, Caller.of(ctx).scope());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("month", month.toString());
    body.put(
        "allowance",
        CostJson.ordered(
            "requests", result.allowance().requests(),
            "gbSeconds", Figures.quantity(result.allowance().gbSeconds())));
    body.put("method", FreeTierUse.METHOD);
    body.put(
        "payers",
        result.payers().stream()
            .map(
                payer -> {
                  Map<String, Object> one = new LinkedHashMap<>();
                  one.put("payer", payer.payer());
                  one.put("wholePayer", payer.wholePayer());
                  one.put("requests", use(payer.requests(), true));
                  one.put("gbSeconds", use(payer.gbSeconds(), false));
                  one.put("projectedRunOut", date(payer.projectedRunOut()));
                  return one;
                })
            .toList());
    ctx.json(body);
  }

  private static Map<String, Object> use(FreeTierUse.Use use, boolean whole) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("used", whole ? use.used().toBigInteger() : Figures.quantity(use.used()));
    body.put(
        "allowance", whole ? use.allowance().toBigInteger() : Figures.quantity(use.allowance()));
    body.put(
        "fraction",
        use.allowance().signum() == 0
            ? "1"
            : Figures.quantity(
                use.used()
                    .min(use.allowance())
                    .divide(use.allowance(), 6, java.math.RoundingMode.HALF_UP)));
    body.put("exhaustedOn", date(use.exhaustedOn()));
    body.put("runsOutOn", date(use.runsOutOn()));
    return body;
  }

  private static Figures orNone(Figures figures) {
    return figures == null ? Figures.ZERO : figures;
  }

  private static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }

  public void forecast(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("month", "aggregate"));
    YearMonth month = windows.parseMonth("month", params.get("month"));
    List<Dimension> aggregate = Dimension.parseAggregate("aggregate", params.get("aggregate"));
    ForecastService.Forecast result = forecast.forecast(month, aggregate, Caller.of(ctx).scope());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("month", month.toString());
    body.put("asOf", result.asOf().toString());
    body.put("method", result.method());
    body.put("currency", "USD");
    body.put("priceVersion", result.priceVersion());
    body.put("aggregate", aggregate.stream().map(Dimension::label).toList());
    body.put(
        "totals",
        CostJson.ordered(
            "actual", Figures.money(result.actual().total()),
            "projected", Figures.money(result.projected().total())));
    body.put(
        "items",
        result.items().stream()
            .map(
                item -> {
                  Map<String, Object> one = new LinkedHashMap<>();
                  one.put("key", item.key());
                  one.put("actual", orNone(item.actual()).totalOrNull());
                  one.put("projected", orNone(item.projected()).totalOrNull());
                  if (orNone(item.projected()).unpriced() != null) {
                    one.put("unpriced", true);
                  }
                  return one;
                })
            .toList());
    if (!result.warnings().isEmpty()) {
      body.put("warnings", CostJson.Warning.of(result.warnings()));
    }
    ctx.json(body);
  }
}
