package io.lambdaledger.collector;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
   * CloudWatch answers it: a function appears under a metric only if it emitted that metric. The
   * listings of the metric names page beside each other (each listing's pages follow one another),
   * all under the shard's CloudWatch rate limit, so a large estate's listing takes about as long as
   * its longest one, not their sum.
   */
  SeriesListing list(List<LambdaMetric> metrics, boolean recentOnly) {
    Map<LambdaMetric, Future<Set<String>>> listings = new EnumMap<>(LambdaMetric.class);
    Map<LambdaMetric, Set<String>> listed = new EnumMap<>(LambdaMetric.class);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (LambdaMetric metric : metrics) {
        listings.put(metric, pool.submit(() -> list(metric, recentOnly)));
      }
      for (Map.Entry<LambdaMetric, Future<Set<String>>> listing : listings.entrySet()) {
        listed.put(listing.getKey(), await(listing.getValue(), listings));
      }
    }
    return new SeriesListing(listed);
  }

  private static Set<String> await(
      Future<Set<String>> listing, Map<LambdaMetric, Future<Set<String>>> all) {
    try {
      return listing.get();
    } catch (ExecutionException e) {
      all.values().forEach(other -> other.cancel(true));
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      all.values().forEach(other -> other.cancel(true));
      Thread.currentThread().interrupt();
      throw new CollectionInterruptedException("interrupted while listing metrics", e);
    }
  }

  /** One metric name's listing, page after page. */
  private Set<String> list(LambdaMetric metric, boolean recentOnly) {
    Set<String> names = new TreeSet<>();
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
    return names;
  }

  private static void functionNameOf(Metric metric, Set<String> names) {
    for (Dimension dimension : metric.dimensions()) {
      if (LambdaMetric.DIMENSION.equals(dimension.name()) && dimension.value() != null) {
        names.add(dimension.value());
      }
    }
  }
}
