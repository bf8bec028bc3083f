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
    String instance) {

  public CollectionRun {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cloudWatchCost, "cloudWatchCost");
    callsPerOperation = Map.copyOf(callsPerOperation);
  }
}
