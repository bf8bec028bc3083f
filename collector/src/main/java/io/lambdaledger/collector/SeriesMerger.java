package io.lambdaledger.collector;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Gathers the results of one batch across {@code NextToken} pages and re-requests: the same id
 * appears on several pages, each with part of its datapoints, so results are merged by id (never
 * appended, never only the first value). The status an id ends with is the one of the last page
 * that carried it.
 */
final class SeriesMerger {

  /** The datapoints of one query and the status it ended with. */
  static final class Series {
    private final NavigableMap<Instant, Double> points = new TreeMap<>();
    private StatusCode status = StatusCode.COMPLETE;

    NavigableMap<Instant, Double> points() {
      return points;
    }

    StatusCode status() {
      return status;
    }
  }

  private final Map<String, Series> byId = new HashMap<>();

  /** Adds one page of results. */
  void accept(List<MetricDataResult> results) {
    for (MetricDataResult result : results) {
      Series series = byId.computeIfAbsent(result.id(), id -> new Series());
      List<Instant> timestamps = result.timestamps();
      List<Double> values = result.values();
      if (timestamps.size() != values.size()) {
        throw new IllegalStateException(
            "result "
                + result.id()
                + " has "
                + timestamps.size()
                + " timestamps but "
                + values.size()
                + " values");
      }
      for (int i = 0; i < timestamps.size(); i++) {
        series.points.put(timestamps.get(i), values.get(i));
      }
      if (result.statusCode() != null) {
        series.status = result.statusCode();
      }
    }
  }

  /**
   * Ids whose data is not complete yet and worth asking again: PartialData or InternalError, or
   * requested but never answered.
   */
  Set<String> incompleteIds(Collection<String> requested) {
    return requested.stream()
        .filter(id -> !byId.containsKey(id) || isRetryable(byId.get(id).status))
        .collect(Collectors.toSet());
  }

  /** Ids that ended with a status asking again will not fix (Forbidden, unknown). */
  Set<String> failedIds() {
    return byId.entrySet().stream()
        .filter(
            entry ->
                entry.getValue().status != StatusCode.COMPLETE
                    && !isRetryable(entry.getValue().status))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** The merged series of an id; empty when no page carried it. */
  Series series(String id) {
    return byId.getOrDefault(id, new Series());
  }

  Set<String> ids() {
    return byId.keySet();
  }

  private static boolean isRetryable(StatusCode status) {
    return status == StatusCode.PARTIAL_DATA || status == StatusCode.INTERNAL_ERROR;
  }
}
