package io.lambdaledger.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the queries of a window into as few GetMetricData calls as the limits allow: at most 500
 * queries per call and at most 100,800 datapoints per call, so no call needs a second page. Each
 * metric is requested once per window (GetMetricData is billed per metric requested, so splitting
 * the window in time would multiply the bill); the window is split only when a single query would
 * exceed the datapoint budget on its own.
 */
final class QueryPlanner {

  /** Most queries one GetMetricData call accepts. */
  public static final int MAX_QUERIES_PER_CALL = 500;

  /** Most datapoints one GetMetricData call returns before paginating (default MaxDatapoints). */
  public static final long MAX_DATAPOINTS_PER_CALL = 100_800;

  private QueryPlanner() {}

  /**
   * The calls that read every metric of every function over the window.
   *
   * @param window aligned to the period, non-empty
   */
  public static List<MetricBatch> plan(
      List<ActiveFunction> functions, TimeWindow window, Duration period) {
    PeriodRules.requireValidConfigured(period);
    if (!window.alignedDown(period).equals(window) || window.isEmpty()) {
      throw new IllegalArgumentException(
          "window " + window + " is empty or not aligned to the period " + period);
    }
    List<MetricQuery> queries = queriesOf(functions);
    List<MetricBatch> batches = new ArrayList<>();
    Duration longestSlice = period.multipliedBy(MAX_DATAPOINTS_PER_CALL);
    for (TimeWindow slice : window.split(longestSlice)) {
      int perCall = queriesPerCall(slice.periods(period));
      for (int from = 0; from < queries.size(); from += perCall) {
        int to = Math.min(from + perCall, queries.size());
        batches.add(new MetricBatch(slice, period, queries.subList(from, to)));
      }
    }
    return batches;
  }

  /** Queries that fit in one call when each returns {@code periods} datapoints. */
  static int queriesPerCall(long periods) {
    long byBudget = MAX_DATAPOINTS_PER_CALL / Math.max(1, periods);
    return (int) Math.max(1, Math.min(MAX_QUERIES_PER_CALL, byBudget));
  }

  /** Number of queries, each metric of each function once. */
  public static int queryCount(List<ActiveFunction> functions) {
    return functions.stream().mapToInt(function -> function.metrics().size()).sum();
  }

  private static List<MetricQuery> queriesOf(List<ActiveFunction> functions) {
    List<MetricQuery> queries = new ArrayList<>(queryCount(functions));
    for (int index = 0; index < functions.size(); index++) {
      ActiveFunction function = functions.get(index);
      for (LambdaMetric metric : function.metrics()) {
        queries.add(new MetricQuery(MetricQuery.idFor(index, metric), function.name(), metric));
      }
    }
    return queries;
  }
}
