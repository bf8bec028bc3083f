package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How a collection run ended and what it cost.
 *
 * @param callsPerOperation AWS API calls made, by operation name (for example {@code
 *     GetMetricData})
 * @param metricsRequested metrics requested from GetMetricData (what CloudWatch bills)
 * @param cloudWatchCost what this run cost in CloudWatch charges
 * @param projectedMonthlyCost nullable: the configured schedule's monthly CloudWatch cost at this
 *     run's rate
 * @param error nullable: why the run failed
 */
public record CollectionRunResult(
    Instant finishedAt,
    RunStatus status,
    Map<String, Long> callsPerOperation,
    long metricsRequested,
    long samplesWritten,
    BigDecimal cloudWatchCost,
    BigDecimal projectedMonthlyCost,
    String error) {

  public CollectionRunResult {
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cloudWatchCost, "cloudWatchCost");
    callsPerOperation = Map.copyOf(callsPerOperation);
    if (status == RunStatus.RUNNING) {
      throw new IllegalArgumentException("a finished run cannot be RUNNING");
    }
  }
}
