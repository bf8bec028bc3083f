package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A recorded collection run: one cycle over one account and region.
 *
 * @param finishedAt nullable while running
 * @param projectedMonthlyCost nullable
 * @param error nullable
 * @param seriesListed series ListMetrics listed for the window (see {@link CollectionRunResult})
 * @param seriesWithData requested series that came back with data
 * @param intervalSeconds nullable: the schedule's cadence when the run was a scheduled cycle
 * @param budgetUsd nullable: the monthly CloudWatch budget of the schedule (scheduled cycles)
 * @param unread nullable: what could not be read and what it affects
 */
public record CollectionRun(
    long id,
    String accountId,
    String region,
    Instant windowStart,
    Instant windowEnd,
    int periodSeconds,
    Instant startedAt,
    Instant finishedAt,
    RunStatus status,
    Map<String, Long> callsPerOperation,
    long metricsRequested,
    long samplesWritten,
    BigDecimal cloudWatchCost,
    BigDecimal projectedMonthlyCost,
    String error,
    String instance,
    long seriesListed,
    long seriesWithData,
    Integer intervalSeconds,
    BigDecimal budgetUsd,
    String unread) {

  public CollectionRun {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cloudWatchCost, "cloudWatchCost");
    callsPerOperation = Map.copyOf(callsPerOperation);
  }
}
