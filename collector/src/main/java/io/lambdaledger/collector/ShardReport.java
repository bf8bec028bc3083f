package io.lambdaledger.collector;

import io.lambdaledger.core.model.RunStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * What one run of one shard did (a cycle or one backfill day).
 *
 * @param window the window read; null if the run failed before it was planned
 * @param activeFunctions functions that got GetMetricData queries
 * @param queries metric queries planned (each requested once unless re-requested)
 * @param projectedMonthlyCost the schedule's monthly CloudWatch cost at this run's rate; null for
 *     backfill runs
 * @param error null unless the run failed
 * @param seriesListed series ListMetrics listed for the window (see {@code SeriesListing})
 * @param seriesWithData requested series that came back with data
 * @param unread null, or what could not be read (a denied or unsupported call) and what it affects
 */
public record ShardReport(
    Shard shard,
    RunStatus status,
    TimeWindow window,
    Duration period,
    int activeFunctions,
    int queries,
    Map<String, Long> callsPerOperation,
    long metricsRequested,
    long samplesWritten,
    BigDecimal cloudWatchCost,
    BigDecimal projectedMonthlyCost,
    String error,
    long seriesListed,
    long seriesWithData,
    String unread) {

  public ShardReport {
    callsPerOperation = Map.copyOf(callsPerOperation);
  }

  public boolean failed() {
    return status != RunStatus.SUCCEEDED;
  }

  public long calls(String operation) {
    return callsPerOperation.getOrDefault(operation, 0L);
  }

  /** One line for logs and the command line. */
  public String summary() {
    StringBuilder line =
        new StringBuilder(shard.key())
            .append(' ')
            .append(status)
            .append(" window=")
            .append(window)
            .append(" period=")
            .append(period == null ? "-" : period.toSeconds() + "s")
            .append(" active=")
            .append(activeFunctions)
            .append(" calls=")
            .append(callsPerOperation)
            .append(" seriesListed=")
            .append(seriesListed)
            .append(" metricsRequested=")
            .append(metricsRequested)
            .append(" seriesWithData=")
            .append(seriesWithData)
            .append(" samples=")
            .append(samplesWritten)
            .append(" cost=$")
            .append(cloudWatchCost.stripTrailingZeros().toPlainString());
    if (projectedMonthlyCost != null) {
      line.append(" projectedMonthly=$").append(projectedMonthlyCost.toPlainString());
    }
    if (unread != null) {
      line.append(" unread=\"").append(unread).append('"');
    }
    if (error != null) {
      line.append(" error=\"").append(error).append('"');
    }
    return line.toString();
  }
}
