package io.lambdaledger.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the series of GetMetricData queries for one caller (account and Region) as seen at one
 * instant, applying CloudWatch's rules:
 *
 * <ul>
 *   <li>StartTime is rounded down by age (to the minute under 15 days, 5 minutes under 63 days,
 *       else the hour) and periods are aligned to the rounded start;
 *   <li>StartTime inclusive, EndTime exclusive, on the datapoints' minute timestamps;
 *   <li>a period finer than the data's retention allows (60 s after 3 h, 300 s after 15 days, 3600
 *       s after 63 days) returns no datapoints, silently; Lambda metrics have no sub-minute
 *       resolution, so periods under 60 s return none either;
 *   <li>a minute is visible once it has ended and the lag has passed, and never before the workload
 *       start.
 * </ul>
 *
 * Usage per target and period is computed once per source and shared by all queries.
 */
final class MetricSeriesSource {

  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  private final Workload workload;
  private final String account;
  private final String region;
  private final long startMillis;
  private final long endMillis;
  private final long alignedStartSeconds;
  private final long ageMillis;
  private final long firstMinute;
  private final long lastMinute;
  private final Map<String, Minute[]> buckets = new HashMap<>();
  private final Rng rng = new Rng(0);
  private final Minute minute = new Minute();
  private final Minute regionMinute = new Minute();

  MetricSeriesSource(
      Workload workload,
      String account,
      String region,
      long startMillis,
      long endMillis,
      long asOfMillis,
      long lagMillis) {
    this.workload = workload;
    this.account = account;
    this.region = region;
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.ageMillis = asOfMillis - startMillis;
    long rounding = ageMillis < 15 * DAY_MS ? 60 : ageMillis < 63 * DAY_MS ? 300 : 3600;
    this.alignedStartSeconds = Math.floorDiv(Math.floorDiv(startMillis, 1000), rounding) * rounding;
    long lastVisible = Math.floorDiv(asOfMillis - lagMillis, 60_000L) - 1;
    long lastInWindow = Math.floorDiv(endMillis + 59_999, 60_000L) - 1;
    this.firstMinute =
        Math.max(
            Math.floorDiv(alignedStartSeconds + 59, 60),
            Math.floorDiv(workload.startEpochSecond() + 59, 60));
    this.lastMinute = Math.min(lastVisible, lastInWindow);
  }

  long startMillis() {
    return startMillis;
  }

  long endMillis() {
    return endMillis;
  }

  MetricSeries series(MetricDataQuery query) {
    if (!LambdaMetric.NAMESPACE.equals(query.namespace())) {
      return MetricSeries.EMPTY;
    }
    LambdaMetric metric = LambdaMetric.named(query.metricName());
    Statistic statistic = Statistic.parse(query.stat());
    if (metric == null || statistic == null || !periodServed(query.period())) {
      return MetricSeries.EMPTY;
    }
    List<MetricDataQuery.Dimension> dimensions = query.dimensions();
    FunctionProfile function = null;
    if (dimensions.size() == 1 && dimensions.get(0).name().equals(LambdaMetric.FUNCTION_NAME)) {
      function = workload.function(account, region, dimensions.get(0).value());
      if (function == null) {
        return MetricSeries.EMPTY;
      }
    } else if (dimensions.size() == 2) {
      function = provisionedAlias(dimensions);
      if (function == null || !metric.perResource()) {
        return MetricSeries.EMPTY;
      }
    } else if (!dimensions.isEmpty()) {
      return MetricSeries.EMPTY;
    }
    Minute[] spans = buckets(function, query.period());
    long firstBucket = firstBucket(query.period());
    int present = 0;
    for (Minute span : spans) {
      if (span != null && metric.present(span, function)) {
        present++;
      }
    }
    long[] timestamps = new long[present];
    double[] values = new double[present];
    int i = 0;
    for (int k = 0; k < spans.length; k++) {
      Minute span = spans[k];
      if (span != null && metric.present(span, function)) {
        timestamps[i] = alignedStartSeconds + (firstBucket + k) * query.period();
        values[i] = metric.value(span, statistic, function);
        i++;
      }
    }
    return new MetricSeries(timestamps, values);
  }

  /**
   * The function of a {@code FunctionName} + {@code Resource} pair (in either order) naming its
   * provisioned concurrency alias ({@code name:}{@value LambdaService#PC_ALIAS}), or null: the
   * simulated traffic of a function with provisioned concurrency goes through that alias, so its
   * provisioned concurrency metrics per Resource are the function's own.
   */
  private FunctionProfile provisionedAlias(List<MetricDataQuery.Dimension> dimensions) {
    String name = null;
    String resource = null;
    for (MetricDataQuery.Dimension dimension : dimensions) {
      if (dimension.name().equals(LambdaMetric.FUNCTION_NAME)) {
        name = dimension.value();
      } else if (dimension.name().equals(LambdaMetric.RESOURCE)) {
        resource = dimension.value();
      }
    }
    if (name == null || resource == null || !resource.equals(name + ":" + LambdaService.PC_ALIAS)) {
      return null;
    }
    FunctionProfile function = workload.function(account, region, name);
    return function == null || function.provisionedConcurrency == 0 ? null : function;
  }

  private boolean periodServed(int period) {
    if (period % 60 != 0) {
      return false;
    }
    if (ageMillis > 63 * DAY_MS) {
      return period % 3600 == 0;
    }
    if (ageMillis > 15 * DAY_MS) {
      return period % 300 == 0;
    }
    return true;
  }

  /** Index of the first period (counted from the aligned start) that can hold visible data. */
  private long firstBucket(int period) {
    return Math.max(0, (firstMinute * 60 - alignedStartSeconds) / period);
  }

  /**
   * Usage per period bucket from {@link #firstBucket} on (null where nothing happened), for a
   * function or the whole Region.
   */
  private Minute[] buckets(FunctionProfile function, int period) {
    String key = (function == null ? "" : function.name) + '#' + period;
    Minute[] cached = buckets.get(key);
    if (cached != null) {
      return cached;
    }
    Minute[] result;
    if (lastMinute < firstMinute) {
      result = new Minute[0];
    } else {
      long firstBucket = firstBucket(period);
      int count = (int) ((lastMinute * 60 - alignedStartSeconds) / period - firstBucket) + 1;
      result = new Minute[count];
      List<FunctionProfile> regionFunctions =
          function == null ? workload.functions(account, region) : List.of(function);
      for (long m = firstMinute; m <= lastMinute; m++) {
        Minute usage;
        if (function != null) {
          workload.fill(function, m, rng, minute);
          usage = minute;
        } else {
          regionMinute.reset();
          for (FunctionProfile f : regionFunctions) {
            workload.fill(f, m, rng, minute);
            if (minute.active()) {
              regionMinute.addConcurrently(minute);
            }
          }
          usage = regionMinute;
        }
        if (!usage.active()) {
          continue;
        }
        int k = (int) ((m * 60 - alignedStartSeconds) / period - firstBucket);
        if (result[k] == null) {
          result[k] = new Minute();
        }
        result[k].add(usage);
      }
    }
    buckets.put(key, result);
    return result;
  }
}
