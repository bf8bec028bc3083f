package io.lambdaledger.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/** Builds GetMetricData queries and merges paged answers by Id, as a collector must. */
final class Queries {

  private Queries() {}

  static MetricDataQuery query(
      String id, String functionName, String metricName, String stat, int period) {
    Metric.Builder metric = Metric.builder().namespace("AWS/Lambda").metricName(metricName);
    if (functionName != null) {
      metric.dimensions(Dimension.builder().name("FunctionName").value(functionName).build());
    }
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(MetricStat.builder().metric(metric.build()).period(period).stat(stat).build())
        .build();
  }

  /** A GetMetricData call for the queries from {@code start} (inclusive) to {@code end}. */
  static GetMetricDataRequest request(List<MetricDataQuery> queries, Instant start, Instant end) {
    return GetMetricDataRequest.builder()
        .metricDataQueries(queries)
        .startTime(start)
        .endTime(end)
        .build();
  }

  /** A merged series: timestamps (epoch seconds) to values, ascending. */
  record Series(List<Long> timestamps, List<Double> values) {

    double sum() {
      return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    double max() {
      return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  /** Follows NextToken with the SDK paginator and merges results by Id. */
  static Map<String, Series> fetchAll(CloudWatchClient cw, GetMetricDataRequest request) {
    Map<String, List<long[]>> byId = new LinkedHashMap<>();
    Map<String, List<Double>> valuesById = new LinkedHashMap<>();
    for (GetMetricDataResponse page : cw.getMetricDataPaginator(request)) {
      for (MetricDataResult r : page.metricDataResults()) {
        List<long[]> ts = byId.computeIfAbsent(r.id(), k -> new ArrayList<>());
        List<Double> vs = valuesById.computeIfAbsent(r.id(), k -> new ArrayList<>());
        for (int i = 0; i < r.timestamps().size(); i++) {
          ts.add(new long[] {r.timestamps().get(i).getEpochSecond()});
          vs.add(r.values().get(i));
        }
      }
    }
    Map<String, Series> merged = new LinkedHashMap<>();
    byId.forEach(
        (id, ts) -> {
          List<Double> vs = valuesById.get(id);
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < ts.size(); i++) {
            order.add(i);
          }
          order.sort((a, b) -> Long.compare(ts.get(a)[0], ts.get(b)[0]));
          List<Long> sortedTs = new ArrayList<>();
          List<Double> sortedVs = new ArrayList<>();
          for (int i : order) {
            sortedTs.add(ts.get(i)[0]);
            sortedVs.add(vs.get(i));
          }
          merged.put(id, new Series(sortedTs, sortedVs));
        });
    return merged;
  }
}
