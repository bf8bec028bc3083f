package io.lambdaledger.collector;

import io.lambdaledger.collector.LambdaMetric.Requested;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which metrics of which functions a window requests, so that GetMetricData (billed per
 * metric requested) is asked only for series that exist.
 *
 * <ul>
 *   <li><b>Listed</b> (the window lies within ListMetrics' {@code RecentlyActive=PT3H}): exactly
 *       the series listed, plus {@code Duration} wherever {@code Invocations} is listed.
 *   <li><b>Vouched</b> (older than three hours, within the two weeks ListMetrics lists): a series
 *       not listed has no data in the window, but a listed one may have none either. The activity
 *       counters ({@code Invocations}, {@code Throttles}, {@code DeadLetterErrors}) come first; the
 *       listed metrics that only exist with invocations follow, only for functions whose
 *       Invocations had a datapoint in the window.
 *   <li><b>Unvouched</b> (older than the listing): the activity counters for every candidate, the
 *       rest only for functions that had invocations (provisioned-concurrency counters only where
 *       they are listed or the inventory knows of provisioned concurrency).
 * </ul>
 */
final class MetricSelection {

  /** The metrics ListMetrics is asked about, one listing each. */
  static final List<LambdaMetric> LISTED =
      Arrays.stream(LambdaMetric.values()).filter(metric -> metric.requested().listed()).toList();

  /** Counters each of which can be non-zero without the others. */
  static final List<LambdaMetric> ACTIVITY = LambdaMetric.requested(Requested.FIRST);

  /** Requested wherever there are invocations, never listed. */
  private static final List<LambdaMetric> WITH_INVOCATIONS =
      LambdaMetric.requested(Requested.WITH_INVOCATIONS);

  /** How far a listing can be trusted for a window. */
  enum Coverage {
    LISTED,
    VOUCHED,
    UNVOUCHED
  }

  /**
   * The requests of a window.
   *
   * @param first requested at once
   * @param afterInvocations requested for a function only once its {@code Invocations} had a
   *     datapoint in the window
   */
  record Plan(List<ActiveFunction> first, Map<String, List<LambdaMetric>> afterInvocations) {

    Plan {
      first = List.copyOf(first);
      afterInvocations = Map.copyOf(afterInvocations);
    }

    /** Metrics requested if every follow-up is needed: an upper bound of the window's bill. */
    long mostQueries() {
      return QueryPlanner.queryCount(first)
          + afterInvocations.values().stream().mapToLong(List::size).sum();
    }
  }

  private MetricSelection() {}

  /**
   * @param candidates the functions to consider, sorted (listed ones, plus every known one for an
   *     unvouched window)
   * @param knownWithProvisionedConcurrency functions the inventory knows to have provisioned
   *     concurrency (used only when the listing cannot vouch)
   */
  static Plan plan(
      Coverage coverage,
      SeriesListing listing,
      Iterable<String> candidates,
      Set<String> knownWithProvisionedConcurrency) {
    List<ActiveFunction> first = new ArrayList<>();
    Map<String, List<LambdaMetric>> after = new LinkedHashMap<>();
    for (String name : candidates) {
      List<LambdaMetric> now = new ArrayList<>();
      List<LambdaMetric> later = new ArrayList<>();
      switch (coverage) {
        case LISTED -> {
          now.addAll(listing.metricsOf(name));
          if (listing.has(LambdaMetric.INVOCATIONS, name)) {
            now.addAll(WITH_INVOCATIONS);
          }
        }
        case VOUCHED -> {
          List<LambdaMetric> listed = listing.metricsOf(name);
          if (!listing.has(LambdaMetric.INVOCATIONS, name)) {
            now.addAll(listed);
          } else {
            listed.stream().filter(ACTIVITY::contains).forEach(now::add);
            later.addAll(WITH_INVOCATIONS);
            listed.stream().filter(metric -> !ACTIVITY.contains(metric)).forEach(later::add);
          }
        }
        case UNVOUCHED -> {
          now.addAll(ACTIVITY);
          later.addAll(WITH_INVOCATIONS);
          later.addAll(LambdaMetric.requested(Requested.AFTER_INVOCATIONS));
          List<LambdaMetric> provisioned =
              LambdaMetric.requested(Requested.WITH_PROVISIONED_CONCURRENCY);
          if (knownWithProvisionedConcurrency.contains(name)
              || provisioned.stream().anyMatch(metric -> listing.has(metric, name))) {
            later.addAll(provisioned);
          }
        }
      }
      if (now.isEmpty()) {
        continue;
      }
      first.add(new ActiveFunction(name, sorted(now)));
      if (!later.isEmpty()) {
        after.put(name, sorted(later));
      }
    }
    return new Plan(first, after);
  }

  private static List<LambdaMetric> sorted(List<LambdaMetric> metrics) {
    return EnumSet.copyOf(metrics).stream().toList();
  }
}
