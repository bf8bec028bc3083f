package io.lambdaledger.db;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Totals over every recorded collection run (what the Prometheus counters export, surviving
 * restarts).
 *
 * @param callsPerOperation AWS API calls by operation
 */
public record CollectionTotals(
    long runs,
    long failedRuns,
    long metricsRequested,
    long samplesWritten,
    BigDecimal cloudWatchCost,
    Map<String, Long> callsPerOperation) {

  public CollectionTotals {
    callsPerOperation = Map.copyOf(callsPerOperation);
  }
}
