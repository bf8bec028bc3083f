package io.lambdaledger.collector;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries of one GetMetricData call: the same window and period for all of them (mixing them in
 * one call is what produces gaps), at most 500 queries, within the datapoint budget.
 */
record MetricBatch(TimeWindow window, Duration period, List<MetricQuery> queries) {

  public MetricBatch {
    queries = List.copyOf(queries);
    if (queries.isEmpty() || queries.size() > QueryPlanner.MAX_QUERIES_PER_CALL) {
      throw new IllegalArgumentException("a call holds 1 to 500 queries, not " + queries.size());
    }
  }

  /** Datapoints the call returns at most: one per query and period. */
  public long datapointBudget() {
    return (long) queries.size() * window.periods(period);
  }

  /** The queries by id, to map results back. */
  public Map<String, MetricQuery> byId() {
    Map<String, MetricQuery> byId = HashMap.newHashMap(queries.size());
    for (MetricQuery query : queries) {
      byId.put(query.id(), query);
    }
    return byId;
  }
}
