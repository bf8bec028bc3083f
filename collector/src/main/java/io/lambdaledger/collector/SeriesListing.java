package io.lambdaledger.collector;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What ListMetrics listed for a shard, metric by metric: the functions that have a series of each
 * metric. A series CloudWatch does not list has no datapoint in the time the listing covers (three
 * hours with {@code RecentlyActive=PT3H}, two weeks without), so requesting it would be billed for
 * nothing.
 */
record SeriesListing(Map<LambdaMetric, Set<String>> functionsByMetric) {

  SeriesListing {
    Map<LambdaMetric, Set<String>> copy = new EnumMap<>(LambdaMetric.class);
    functionsByMetric.forEach((metric, names) -> copy.put(metric, Set.copyOf(names)));
    functionsByMetric = copy;
  }

  /** Whether the function has a listed series of the metric. */
  boolean has(LambdaMetric metric, String functionName) {
    return functionsByMetric.getOrDefault(metric, Set.of()).contains(functionName);
  }

  /** Every function with at least one listed series, sorted. */
  Set<String> functions() {
    Set<String> names = new TreeSet<>();
    functionsByMetric.values().forEach(names::addAll);
    return names;
  }

  /** The metrics listed for a function, in the enum's order. */
  List<LambdaMetric> metricsOf(String functionName) {
    return functionsByMetric.entrySet().stream()
        .filter(entry -> entry.getValue().contains(functionName))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * Series that exist: every listed one, plus one {@code Duration} series per listed {@code
   * Invocations} series (Lambda emits both for every invocation, so Duration is not listed
   * separately).
   */
  long seriesCount() {
    long listed = functionsByMetric.values().stream().mapToLong(Set::size).sum();
    return listed + functionsByMetric.getOrDefault(LambdaMetric.INVOCATIONS, Set.of()).size();
  }
}
