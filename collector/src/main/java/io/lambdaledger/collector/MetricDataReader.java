package io.lambdaledger.collector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Runs one planned batch through GetMetricData: follows {@code NextToken} until the last page,
 * merges the pages by id, and asks again for the ids that came back {@code PartialData} or {@code
 * InternalError} (only those), a bounded number of times.
 */
record MetricDataReader(
    CloudWatchClient cloudWatch, RateLimiter rateLimiter, CallCounter counter, int maxRerequests) {

  /** What a batch returned. */
  record BatchResult(
      MetricBatch batch, SeriesMerger series, Set<String> incompleteIds, Set<String> failedIds) {

    boolean isComplete() {
      return incompleteIds.isEmpty() && failedIds.isEmpty();
    }
  }

  BatchResult read(MetricBatch batch) {
    Map<String, MetricQuery> byId = batch.byId();
    SeriesMerger merger = new SeriesMerger();
    Collection<String> toRequest = byId.keySet();
    Set<String> incomplete = Set.of();
    for (int attempt = 0; attempt <= maxRerequests; attempt++) {
      List<MetricDataQuery> queries = new ArrayList<>(toRequest.size());
      for (String id : toRequest) {
        queries.add(toSdk(byId.get(id), batch));
      }
      readAllPages(batch, queries, merger);
      incomplete = merger.incompleteIds(toRequest);
      if (incomplete.isEmpty()) {
        break;
      }
      toRequest = incomplete;
    }
    return new BatchResult(batch, merger, incomplete, merger.failedIds());
  }

  private void readAllPages(MetricBatch batch, List<MetricDataQuery> queries, SeriesMerger merger) {
    String nextToken = null;
    do {
      GetMetricDataRequest request =
          GetMetricDataRequest.builder()
              .startTime(batch.window().start())
              .endTime(batch.window().end())
              .scanBy(ScanBy.TIMESTAMP_ASCENDING)
              .metricDataQueries(queries)
              .nextToken(nextToken)
              .build();
      rateLimiter.acquire();
      GetMetricDataResponse response =
          AwsCallException.call(
              "CloudWatch", "GetMetricData", () -> cloudWatch.getMetricData(request));
      counter.getMetricData(queries.size());
      merger.accept(response.metricDataResults());
      nextToken = response.nextToken();
    } while (nextToken != null && !nextToken.isEmpty());
  }

  static MetricDataQuery toSdk(MetricQuery query, MetricBatch batch) {
    List<Dimension> dimensions = new ArrayList<>(2);
    dimensions.add(
        Dimension.builder().name(LambdaMetric.DIMENSION).value(query.functionName()).build());
    if (query.qualifier() != null) {
      dimensions.add(
          Dimension.builder()
              .name(LambdaMetric.RESOURCE_DIMENSION)
              .value(query.functionName() + ":" + query.qualifier())
              .build());
    }
    Metric metric =
        Metric.builder()
            .namespace(LambdaMetric.NAMESPACE)
            .metricName(query.metric().cloudWatchName())
            .dimensions(dimensions)
            .build();
    return MetricDataQuery.builder()
        .id(query.id())
        .metricStat(
            MetricStat.builder()
                .metric(metric)
                .period((int) batch.period().toSeconds())
                .stat(query.metric().statistic().cloudWatchName())
                .build())
        .returnData(true)
        .build();
  }
}
