package io.lambdaledger.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ledger_function_cost_month_usd{function=...}}: the month-to-date cost of the {@code top}
 * most expensive functions, the rest summed under {@code function="other"}. Each update replaces
 * every series, so a function leaving the top N leaves {@code /metrics}: at most {@code top + 1}
 * series whatever the estate.
 */
final class FunctionCostGauge {

  static final String NAME = "ledger.function.cost.month.usd";
  static final String OTHER = "other";

  private final MultiGauge gauge;

  FunctionCostGauge(MeterRegistry registry) {
    this.gauge =
        MultiGauge.builder(NAME)
            .description("Month-to-date cost per function (top N, the rest as other), US dollars")
            .register(registry);
  }

  void update(Map<String, BigDecimal> costs, int top) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    bounded(costs, top)
        .forEach(
            (function, cost) ->
                rows.add(MultiGauge.Row.of(Tags.of("function", function), cost.doubleValue())));
    gauge.register(rows, true);
  }

  /** The {@code top} largest costs (ties by name), then {@code other} if any are left. */
  static Map<String, BigDecimal> bounded(Map<String, BigDecimal> costs, int top) {
    List<Map.Entry<String, BigDecimal>> sorted =
        costs.entrySet().stream()
            .sorted(
                Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    Map<String, BigDecimal> bounded = new LinkedHashMap<>();
    BigDecimal other = null;
    for (int i = 0; i < sorted.size(); i++) {
      Map.Entry<String, BigDecimal> entry = sorted.get(i);
      if (i < top && !OTHER.equals(entry.getKey())) {
        bounded.put(entry.getKey(), entry.getValue());
      } else {
        other = other == null ? entry.getValue() : other.add(entry.getValue());
      }
    }
    if (other != null) {
      bounded.put(OTHER, other);
    }
    return bounded;
  }
}
