package io.lambdaledger.collector;

import java.util.List;
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
 * Finds the functions worth a GetMetricData query with ListMetrics, which is priced per request
 * (and covered by the free tier), not per metric: Lambda emits nothing for an idle function, so a
 * function without a recent {@code Invocations}, {@code Throttles} or {@code DeadLetterErrors}
 * series had no usage and costs nothing to skip. The three are listed because each can be non-zero
 * without the others (a fully throttled function has no invocations).
 */
final class ActiveFunctionFinder {

  /** Counters whose presence means a function did something. */
  static final List<LambdaMetric> ACTIVITY_METRICS =
      List.of(LambdaMetric.INVOCATIONS, LambdaMetric.THROTTLES, LambdaMetric.DEAD_LETTER_ERRORS);

  private final CloudWatchClient cloudWatch;
  private final RateLimiter rateLimiter;
  private final CallCounter counter;

  ActiveFunctionFinder(CloudWatchClient cloudWatch, RateLimiter rateLimiter, CallCounter counter) {
    this.cloudWatch = cloudWatch;
    this.rateLimiter = rateLimiter;
    this.counter = counter;
  }

  /**
   * Names of the functions with activity in the last 3 hours ({@code RecentlyActive=PT3H}), or,
   * when {@code recentOnly} is false, in the last two weeks (all ListMetrics knows).
   */
  Set<String> activeFunctionNames(boolean recentOnly) {
    return functionsWith(ACTIVITY_METRICS, recentOnly);
  }

  /** Names of the functions that have a series of any of the metrics. */
  Set<String> functionsWith(List<LambdaMetric> metrics, boolean recentOnly) {
    Set<String> names = new TreeSet<>();
    for (LambdaMetric metric : metrics) {
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
        ListMetricsResponse response = cloudWatch.listMetrics(request.build());
        counter.call("ListMetrics");
        for (Metric listed : response.metrics()) {
          functionNameOf(listed, names);
        }
        nextToken = response.nextToken();
      } while (nextToken != null && !nextToken.isEmpty());
    }
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
