package io.lambdaledger.api.functions;

import static io.lambdaledger.core.model.Gauge.ITERATOR_AGE_MAX_MS;

import io.lambdaledger.api.costs.CostFilter;
import io.lambdaledger.api.costs.CostQuery;
import io.lambdaledger.api.costs.CostResult;
import io.lambdaledger.api.costs.CostService;
import io.lambdaledger.api.costs.CostSource;
import io.lambdaledger.api.costs.Dimension;
import io.lambdaledger.api.costs.Figures;
import io.lambdaledger.api.costs.LineGrouper;
import io.lambdaledger.api.costs.MonthPricer;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Paging;
import io.lambdaledger.api.http.Step;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.HistoryCaveats;
import io.lambdaledger.core.costing.UnpricedUsage;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The function inventory with each function's usage and cost over a window, and one function's six
 * metrics as a time series.
 */
public record FunctionsService(
    FunctionDirectory directory,
    UsageReader usage,
    CostService costs,
    MonthPricer pricer,
    Clock clock,
    Duration finalityHorizon) {

  /**
   * The metrics people look at: the name a query and a series use, the name in a function's
   * summary, the unit, the CloudWatch statistic and the value over summed usage. A metric shown in
   * the API is a constant here; the function list and the series follow it.
   */
  enum Metric {
    INVOCATIONS("invocations", "invocations", "count", "sum", u -> count(u.requests())),
    DURATION("duration", "durationMsAvg", "ms", "average", Metric::averageDuration),
    ERRORS("errors", "errors", "count", "sum", u -> count(u.errors())),
    THROTTLES("throttles", "throttles", "count", "sum", u -> count(u.throttles())),
    ITERATOR_AGE(
        "iteratorAge", "iteratorAgeMaxMs", "ms", "maximum", u -> u.maximum(ITERATOR_AGE_MAX_MS)),
    DEAD_LETTER_ERRORS(
        "deadLetterErrors", "deadLetterErrors", "count", "sum", u -> count(u.deadLetterErrors()));

    final String label;
    final String summaryName;
    final String unit;
    final String statistic;
    private final Function<UsageTotals, BigDecimal> value;

    Metric(
        String label,
        String summaryName,
        String unit,
        String statistic,
        Function<UsageTotals, BigDecimal> value) {
      this.label = label;
      this.summaryName = summaryName;
      this.unit = unit;
      this.statistic = statistic;
      this.value = value;
    }

    static List<Metric> parse(String parameter, String raw) {
      if (raw == null || raw.isBlank()) {
        return List.of(values());
      }
      List<Metric> metrics = new ArrayList<>();
      for (String part : raw.split(",", -1)) {
        Metric found = null;
        for (Metric metric : values()) {
          if (metric.label.equals(part.trim())) {
            found = metric;
          }
        }
        if (found == null) {
          throw ApiProblem.badParameter(
              parameter,
              "'"
                  + parameter
                  + "' must be among "
                  + Arrays.stream(values()).map(m -> m.label).collect(Collectors.joining(", "))
                  + "; got '"
                  + WindowParser.shorten(part)
                  + "'");
        }
        if (!metrics.contains(found)) {
          metrics.add(found);
        }
      }
      return metrics;
    }

    /** This metric over summed usage; null when unknown (no invocations to average, no maximum). */
    BigDecimal value(UsageTotals usage) {
      return value.apply(usage);
    }

    private static BigDecimal count(long count) {
      return BigDecimal.valueOf(count);
    }

    private static BigDecimal averageDuration(UsageTotals usage) {
      return usage.requests() == 0
          ? null
          : usage
              .durationMsSum()
              .divide(BigDecimal.valueOf(usage.requests()), 3, RoundingMode.HALF_UP);
    }
  }

  /**
   * A function with its usage (all configurations summed) and cost over the window.
   *
   * @param cost null when all of its usage is in a region without prices
   * @param unpriced whether some of its usage is in a region without prices
   * @param warnings the history caveats of its lines (inferred or unknown history, not yet known)
   */
  record Listed(
      LambdaFunction function,
      UsageTotals usage,
      BigDecimal cost,
      boolean unpriced,
      List<CostWarning> warnings) {}

  /** The functions, and the warnings about their lines (no price, history caveats). */
  record Listing(List<Listed> functions, List<CostWarning> warnings) {}

  /** Warnings of a cost result that are about the functions' own lines. */
  static final Set<String> FUNCTION_WARNINGS =
      Set.of(
          UnpricedUsage.REGION_NOT_PRICED,
          HistoryCaveats.HISTORY_INFERRED,
          HistoryCaveats.HISTORY_UNKNOWN,
          HistoryCaveats.NOT_YET_KNOWN);

  List<Listed> list(TimeWindow window, CostFilter filter, AccountScope scope) {
    return listing(window, filter, scope).functions();
  }

  Listing listing(TimeWindow window, CostFilter filter, AccountScope scope) {
    TimeWindow aligned = window.alignedToHours();
    Map<FunctionKey, UsageTotals> usageByFunction = new HashMap<>();
    for (FunctionUsage line : usage.totals(aligned.start(), aligned.end())) {
      usageByFunction.merge(line.function(), line.usage(), UsageTotals::plus);
    }
    CostResult priced =
        costs.costs(
            new CostQuery(
                window,
                List.of(Dimension.Field.FUNCTION),
                null,
                CostFilter.NONE,
                CostQuery.DEFAULT_SORT,
                new Paging(Paging.MAX_LIMIT, 0),
                CostSource.BEST),
            scope);
    Map<FunctionKey, Figures> figuresByFunction = new HashMap<>();
    for (CostResult.Item item : priced.items()) {
      Map<String, String> key = item.key();
      figuresByFunction.put(
          new FunctionKey(key.get("account"), key.get("region"), key.get("function")),
          item.figures());
    }
    List<HistoryCaveats> caveats = new ArrayList<>();
    for (YearMonth month : aligned.months()) {
      caveats.add(pricer.caveats(month, scope));
    }
    List<Listed> listed = new ArrayList<>();
    for (LambdaFunction function : directory.functions()) {
      if (!scope.includes(function.key().accountId()) || !matches(filter, function)) {
        continue;
      }
      Figures figures = figuresByFunction.get(function.key());
      Set<CostWarning> warnings = new LinkedHashSet<>();
      if (figures != null) {
        for (HistoryCaveats month : caveats) {
          warnings.addAll(month.warnings(function.key()));
        }
      }
      listed.add(
          new Listed(
              function,
              usageByFunction.getOrDefault(function.key(), UsageTotals.ZERO),
              figures == null
                  ? BigDecimal.ZERO.setScale(2)
                  : figures.whollyUnpriced() ? null : figures.total(),
              figures != null && figures.unpriced() != null,
              List.copyOf(warnings)));
    }
    List<CostWarning> warnings =
        priced.warnings().stream().filter(w -> FUNCTION_WARNINGS.contains(w.code())).toList();
    return new Listing(listed, warnings);
  }

  private static boolean matches(CostFilter filter, LambdaFunction function) {
    return filter.matches(
        dimension -> {
          if (dimension instanceof Dimension.Tag tag) {
            String value = function.tags().get(tag.key());
            return value == null ? LineGrouper.UNTAGGED : value;
          }
          return switch ((Dimension.Field) dimension) {
            case FUNCTION -> function.key().name();
            case ACCOUNT -> function.key().accountId();
            case REGION -> function.key().region();
            case ARCHITECTURE -> function.configuration().architecture().id();
            case RUNTIME -> function.runtime() == null ? "unknown" : function.runtime();
          };
        });
  }

  /** One metric's points; a point with no data is null when it may still arrive, else zero. */
  record Series(Metric metric, List<TimeWindow> windows, List<BigDecimal> values) {}

  List<Series> metrics(FunctionKey key, TimeWindow window, Step step, List<Metric> metrics) {
    Instant now = clock.instant();
    TimeWindow aligned = window.alignedToHours();
    Instant end =
        aligned.end().isAfter(now)
            ? now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)
            : aligned.end();
    if (!end.isAfter(aligned.start())) {
      return metrics.stream().map(m -> new Series(m, List.of(), List.of())).toList();
    }
    TimeWindow known = new TimeWindow(aligned.start(), end);
    List<TimeWindow> points = step.split("step", known);
    boolean wholeDays =
        points.stream()
            .allMatch(
                p ->
                    p.start().truncatedTo(ChronoUnit.DAYS).equals(p.start())
                        && p.end().truncatedTo(ChronoUnit.DAYS).equals(p.end()));
    List<UsageReader.Bucket> buckets =
        usage.functionBuckets(
            key,
            wholeDays ? UsageReader.Granularity.DAY : UsageReader.Granularity.HOUR,
            known.start(),
            known.end());
    Map<Integer, UsageTotals> perPoint = new LinkedHashMap<>();
    for (UsageReader.Bucket bucket : buckets) {
      int index = indexOf(points, bucket.start());
      if (index >= 0) {
        perPoint.merge(index, bucket.usage().usage(), UsageTotals::plus);
      }
    }
    Instant finalBefore = now.minus(finalityHorizon);
    List<Series> series = new ArrayList<>();
    for (Metric metric : metrics) {
      List<BigDecimal> values = new ArrayList<>(points.size());
      for (int i = 0; i < points.size(); i++) {
        UsageTotals totals = perPoint.get(i);
        if (totals != null) {
          values.add(metric.value(totals));
        } else if (points.get(i).end().isAfter(finalBefore)) {
          values.add(null);
        } else {
          values.add(metric.value(UsageTotals.ZERO));
        }
      }
      series.add(new Series(metric, points, values));
    }
    return series;
  }

  private static int indexOf(List<TimeWindow> points, Instant instant) {
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).contains(instant)) {
        return i;
      }
    }
    return -1;
  }
}
