package io.lambdaledger.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns per-query series back into per-function data. The planner packs queries 500 to a call
 * without regard to functions (that is what keeps calls at the lower bound), so a function's
 * metrics may arrive in two calls; its data is held here until all of them have arrived, and only
 * then handed on, so every stored row is written whole.
 */
final class SampleAssembler {

  /** Every metric of one function over one window, as merged series. */
  record FunctionData(
      String functionName,
      TimeWindow window,
      Duration period,
      Map<LambdaMetric, NavigableMap<Instant, Double>> series) {

    /** Period starts with at least one datapoint in any metric, in order. */
    List<Instant> periodsWithData() {
      TreeMap<Instant, Boolean> starts = new TreeMap<>();
      series.values().forEach(points -> points.keySet().forEach(start -> starts.put(start, true)));
      return new ArrayList<>(starts.keySet());
    }

    /** Whether {@code Invocations} has a datapoint in the window. */
    boolean hadInvocations() {
      NavigableMap<Instant, Double> points = series.get(LambdaMetric.INVOCATIONS);
      return points != null && !points.isEmpty();
    }

    /** This function's series together with more series of the same function and window. */
    FunctionData with(FunctionData more) {
      Map<LambdaMetric, NavigableMap<Instant, Double>> both = new EnumMap<>(series);
      both.putAll(more.series);
      return new FunctionData(functionName, window, period, both);
    }

    /** The value of a metric in a period, or null when CloudWatch returned none. */
    Double value(LambdaMetric metric, Instant periodStart) {
      NavigableMap<Instant, Double> points = series.get(metric);
      return points == null ? null : points.get(periodStart);
    }
  }

  private record Key(String functionName, TimeWindow window) {}

  private final Map<String, Integer> metricsPerFunction;
  private final Map<Key, Map<LambdaMetric, NavigableMap<Instant, Double>>> pending =
      new HashMap<>();

  /**
   * @param metricsPerFunction how many queries each function has in the plan
   */
  SampleAssembler(Map<String, Integer> metricsPerFunction) {
    this.metricsPerFunction = new HashMap<>(metricsPerFunction);
  }

  /** Adds a function to wait for, with the number of its queries. */
  synchronized void expect(String functionName, int metrics) {
    metricsPerFunction.put(functionName, metrics);
  }

  /** Adds the series of one read batch; returns the functions now complete. */
  synchronized List<FunctionData> accept(MetricDataReader.BatchResult result) {
    MetricBatch batch = result.batch();
    List<FunctionData> complete = new ArrayList<>();
    for (MetricQuery query : batch.queries()) {
      Key key = new Key(query.functionName(), batch.window());
      Map<LambdaMetric, NavigableMap<Instant, Double>> series =
          pending.computeIfAbsent(key, k -> new EnumMap<>(LambdaMetric.class));
      series.put(query.metric(), inWindow(result.series().series(query.id()).points(), batch));
      if (series.size() == metricsPerFunction.get(query.functionName())) {
        pending.remove(key);
        complete.add(
            new FunctionData(query.functionName(), batch.window(), batch.period(), series));
      }
    }
    return complete;
  }

  /** Functions still waiting for some of their metrics (a batch failed). */
  synchronized int pendingCount() {
    return pending.size();
  }

  private static NavigableMap<Instant, Double> inWindow(
      NavigableMap<Instant, Double> points, MetricBatch batch) {
    return new TreeMap<>(points.subMap(batch.window().start(), true, batch.window().end(), false));
  }
}
