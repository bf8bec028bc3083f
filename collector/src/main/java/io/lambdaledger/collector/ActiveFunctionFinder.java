package io.lambdaledger.collector;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;

/**
 * Lists which series exist with ListMetrics, which is priced per request (and covered by the free
 * tier), not per metric: Lambda emits a metric only when it has something to count, so a function
 * without a recent series of a metric costs nothing to skip for that metric, and an idle function
 * costs nothing at all.
 */
final class ActiveFunctionFinder {

  private final CloudWatchClient cloudWatch;
  private final RateLimiter rateLimiter;
  private final CallCounter counter;

  ActiveFunctionFinder(CloudWatchClient cloudWatch, RateLimiter rateLimiter, CallCounter counter) {
    this.cloudWatch = cloudWatch;
    this.rateLimiter = rateLimiter;
    this.counter = counter;
  }

  /** Names of the functions that have a series of any of the metrics. */
  Set<String> functionsWith(List<LambdaMetric> metrics, boolean recentOnly) {
    return list(metrics, recentOnly).functions();
  }

  /**
   * Lists the shard's series of each metric, one ListMetrics listing (paged) per metric name, as
   * CloudWatch answers it: a function appears under a metric only if it emitted that metric.
   */
  SeriesListing list(List<LambdaMetric> metrics, boolean recentOnly) {
    Map<LambdaMetric, Set<String>> listed = new EnumMap<>(LambdaMetric.class);
    for (LambdaMetric metric : metrics) {
      Set<String> names = new TreeSet<>();
      listed.put(metric, names);
      String nextToken = null;
      do {
        ListMetricsRequest.Builder request =
            ListMetricsRequest.builder()
                .namespace(LambdaMetric.NAMESPACE)
                .metricName(metric.cloudWatchName())
                .dimensions(DimensionFilter.builder().name(LambdaMetric.DIMENSION).build())
                .nextToken(nextToken);
        if (recentOnly) {
          request.recentlyActive(RecentlyActive.PT3_H);
        }
        rateLimiter.acquire();
        ListMetricsResponse response =
            AwsCallException.call(
                "CloudWatch", "ListMetrics", () -> cloudWatch.listMetrics(request.build()));
        counter.call("ListMetrics");
        for (Metric series : response.metrics()) {
          functionNameOf(series, names);
        }
        nextToken = response.nextToken();
      } while (nextToken != null && !nextToken.isEmpty());
    }
    return new SeriesListing(listed);
  }

  private static void functionNameOf(Metric metric, Set<String> names) {
    for (Dimension dimension : metric.dimensions()) {
      if (LambdaMetric.DIMENSION.equals(dimension.name()) && dimension.value() != null) {
        names.add(dimension.value());
      }
    }
  }
}
