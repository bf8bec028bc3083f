package io.lambdaledger.collector;

import io.lambdaledger.core.model.Gauge;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code AWS/Lambda} metrics the collector requests, each with the one statistic it stores.
 * Counters and {@code Duration} are read as {@code Sum} (a missing datapoint means zero once the
 * period is final); gauges as {@code Maximum} (a missing datapoint means unknown).
 */
enum LambdaMetric {
  INVOCATIONS("Invocations", Statistic.SUM, Requested.FIRST),
  DURATION("Duration", Statistic.SUM, Requested.WITH_INVOCATIONS),
  ERRORS("Errors", Statistic.SUM, Requested.AFTER_INVOCATIONS),
  THROTTLES("Throttles", Statistic.SUM, Requested.FIRST),
  ITERATOR_AGE("IteratorAge", Gauge.ITERATOR_AGE_MAX_MS, Requested.AFTER_INVOCATIONS),
  DEAD_LETTER_ERRORS("DeadLetterErrors", Statistic.SUM, Requested.FIRST),
  /**
   * Only requested for functions with provisioned concurrency: invocations served by it are priced
   * at the provisioned-concurrency duration rate.
   */
  PROVISIONED_CONCURRENCY_INVOCATIONS(
      "ProvisionedConcurrencyInvocations", Statistic.SUM, Requested.WITH_PROVISIONED_CONCURRENCY),
  /** Only for functions with provisioned concurrency: invocations beyond it, billed on demand. */
  PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS(
      "ProvisionedConcurrencySpilloverInvocations",
      Statistic.SUM,
      Requested.WITH_PROVISIONED_CONCURRENCY),
  /**
   * Only per alias or version (the {@code Resource} dimension), only where history must be
   * inferred: the peak executions served by provisioned concurrency, a lower bound of the amount.
   */
  PROVISIONED_CONCURRENT_EXECUTIONS(
      "ProvisionedConcurrentExecutions", Statistic.MAXIMUM, Requested.FOR_INFERENCE),
  /**
   * Only per alias or version, only where history must be inferred: executions ÷ the allocated
   * amount, so executions ÷ utilization is the amount.
   */
  PROVISIONED_CONCURRENCY_UTILIZATION(
      "ProvisionedConcurrencyUtilization", Statistic.MAXIMUM, Requested.FOR_INFERENCE);

  /**
   * When a window requests a metric of a function ({@link MetricSelection}). Every kind but {@link
   * #WITH_INVOCATIONS} and {@link #FOR_INFERENCE} is asked of ListMetrics.
   */
  enum Requested {
    /** An activity counter, non-zero without the others: requested first. */
    FIRST,
    /**
     * Never listed (Lambda emits it with every invocation): requested wherever {@code Invocations}
     * is listed or had a datapoint.
     */
    WITH_INVOCATIONS,
    /** Only exists with invocations: requested (where listed) once {@code Invocations} had one. */
    AFTER_INVOCATIONS,
    /**
     * Like {@link #AFTER_INVOCATIONS}, but beyond the listing only for functions known to have
     * provisioned concurrency.
     */
    WITH_PROVISIONED_CONCURRENCY,
    /** Never by a window: per alias or version, to infer provisioned concurrency history. */
    FOR_INFERENCE;

    /** Whether ListMetrics is asked which functions have the metric. */
    boolean listed() {
      return this != WITH_INVOCATIONS && this != FOR_INFERENCE;
    }
  }

  /** The statistic a metric is requested with. */
  public enum Statistic {
    SUM("Sum"),
    MAXIMUM("Maximum");

    private final String cloudWatchName;

    Statistic(String cloudWatchName) {
      this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
      return cloudWatchName;
    }
  }

  /** The namespace every metric lives in. */
  public static final String NAMESPACE = "AWS/Lambda";

  /** The one dimension queried: the aggregate of all versions and aliases of a function. */
  public static final String DIMENSION = "FunctionName";

  /**
   * The dimension of one version or alias ({@code FunctionName:Qualifier}), queried next to {@link
   * #DIMENSION} only to infer provisioned concurrency history.
   */
  public static final String RESOURCE_DIMENSION = "Resource";

  private final String cloudWatchName;
  private final Statistic statistic;
  private final Gauge gauge;
  private final Requested requested;

  /** A counter (or sum), read as {@code statistic}. */
  LambdaMetric(String cloudWatchName, Statistic statistic, Requested requested) {
    this(cloudWatchName, statistic, null, requested);
  }

  /** A gauge: read as {@code Maximum}, kept in a sample as {@code gauge}. */
  LambdaMetric(String cloudWatchName, Gauge gauge, Requested requested) {
    this(cloudWatchName, Statistic.MAXIMUM, gauge, requested);
  }

  LambdaMetric(String cloudWatchName, Statistic statistic, Gauge gauge, Requested requested) {
    this.cloudWatchName = cloudWatchName;
    this.statistic = statistic;
    this.gauge = gauge;
    this.requested = requested;
  }

  public String cloudWatchName() {
    return cloudWatchName;
  }

  public Statistic statistic() {
    return statistic;
  }

  /** The gauge of a {@code MetricSample} this metric fills; null for a counter. */
  Gauge gauge() {
    return gauge;
  }

  /** When a window requests this metric. */
  Requested requested() {
    return requested;
  }

  /** The metrics requested of {@code kind}, in the enum's order. */
  static List<LambdaMetric> requested(Requested kind) {
    return Arrays.stream(values()).filter(metric -> metric.requested == kind).toList();
  }

  /** The metrics filling a gauge of a sample, in the enum's order. */
  static List<LambdaMetric> gauges() {
    return Arrays.stream(values()).filter(metric -> metric.gauge != null).toList();
  }

  /**
   * The metrics requested for one active function: every one a window requests, the
   * provisioned-concurrency counters only when the function has provisioned concurrency.
   */
  public static List<LambdaMetric> forFunction(boolean hasProvisionedConcurrency) {
    return Arrays.stream(values())
        .filter(metric -> metric.requested != Requested.FOR_INFERENCE)
        .filter(
            metric ->
                hasProvisionedConcurrency
                    || metric.requested != Requested.WITH_PROVISIONED_CONCURRENCY)
        .toList();
  }
}
