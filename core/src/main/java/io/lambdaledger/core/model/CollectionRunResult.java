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
 * @param seriesListed series ListMetrics listed for the run's window (Duration counted where
 *     Invocations is listed); for a window older than ListMetrics' three hours, the most the run
 *     could have requested
 * @param seriesWithData requested series that came back with at least one datapoint
 * @param intervalSeconds nullable: the cadence the shard's schedule runs at (scheduled cycles)
 * @param budgetUsd nullable: the monthly CloudWatch budget the cadence was chosen for (scheduled
 *     cycles)
 * @param unread nullable: what could not be read (a call denied or unsupported) and what it
 *     affects; the run's metrics are complete all the same
 */
public record CollectionRunResult(
    Instant finishedAt,
    RunStatus status,
    Map<String, Long> callsPerOperation,
    long metricsRequested,
    long samplesWritten,
    BigDecimal cloudWatchCost,
    BigDecimal projectedMonthlyCost,
    String error,
    long seriesListed,
    long seriesWithData,
    Integer intervalSeconds,
    BigDecimal budgetUsd,
    String unread) {

  /** A result without the series counts, cadence or unread parts. */
  public CollectionRunResult(
      Instant finishedAt,
      RunStatus status,
      Map<String, Long> callsPerOperation,
      long metricsRequested,
      long samplesWritten,
      BigDecimal cloudWatchCost,
      BigDecimal projectedMonthlyCost,
      String error) {
    this(
        finishedAt,
        status,
        callsPerOperation,
        metricsRequested,
        samplesWritten,
        cloudWatchCost,
        projectedMonthlyCost,
        error,
        0,
        0,
        null,
        null,
        null);
  }

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
