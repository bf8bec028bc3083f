package io.lambdaledger.collector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * What collection costs in CloudWatch charges. GetMetricData is billed per metric requested ($0.01
 * per 1,000), not per call or datapoint, and is not covered by the free API requests; ListMetrics
 * and the Lambda and tagging calls are priced per request and covered by the free tier, so they are
 * not counted here. The monthly projection assumes a 30-day month.
 */
final class CloudWatchCost {

  /** US dollars per metric requested by GetMetricData. */
  public static final BigDecimal USD_PER_METRIC_REQUESTED = new BigDecimal("0.00001");

  /** The month a schedule is projected over. */
  public static final Duration MONTH = Duration.ofDays(30);

  private CloudWatchCost() {}

  /** The charge for a number of metrics requested, in US dollars. */
  public static BigDecimal ofMetricsRequested(long metricsRequested) {
    return USD_PER_METRIC_REQUESTED.multiply(BigDecimal.valueOf(metricsRequested));
  }

  /** How many cycles a schedule with this interval runs in a month. */
  public static BigDecimal cyclesPerMonth(Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("a schedule's interval must be positive: " + interval);
    }
    return BigDecimal.valueOf(MONTH.toMillis())
        .divide(BigDecimal.valueOf(interval.toMillis()), 6, RoundingMode.HALF_EVEN);
  }

  /**
   * The monthly charge of running a cycle that requests {@code metricsPerCycle} metrics every
   * {@code interval}: {@code metrics per cycle × cycles per month × $0.00001}, to the cent.
   */
  public static BigDecimal projectedMonthly(long metricsPerCycle, Duration interval) {
    return ofMetricsRequested(metricsPerCycle)
        .multiply(cyclesPerMonth(interval))
        .setScale(2, RoundingMode.HALF_EVEN);
  }
}
