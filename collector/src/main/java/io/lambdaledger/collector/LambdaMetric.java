package io.lambdaledger.collector;

import java.util.List;

/**
 * The {@code AWS/Lambda} metrics the collector requests, each with the one statistic it stores.
 * Counters and {@code Duration} are read as {@code Sum} (a missing datapoint means zero once the
 * period is final); gauges as {@code Maximum} (a missing datapoint means unknown).
 */
enum LambdaMetric {
  INVOCATIONS("Invocations", Statistic.SUM),
  DURATION("Duration", Statistic.SUM),
  ERRORS("Errors", Statistic.SUM),
  THROTTLES("Throttles", Statistic.SUM),
  ITERATOR_AGE("IteratorAge", Statistic.MAXIMUM),
  DEAD_LETTER_ERRORS("DeadLetterErrors", Statistic.SUM),
  /**
   * Only requested for functions with provisioned concurrency: invocations served by it are priced
   * at the provisioned-concurrency duration rate.
   */
  PROVISIONED_CONCURRENCY_INVOCATIONS("ProvisionedConcurrencyInvocations", Statistic.SUM),
  /** Only for functions with provisioned concurrency: invocations beyond it, billed on demand. */
  PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS(
      "ProvisionedConcurrencySpilloverInvocations", Statistic.SUM),
  /**
   * Only per alias or version (the {@code Resource} dimension), only where history must be
   * inferred: the peak executions served by provisioned concurrency, a lower bound of the amount.
   */
  PROVISIONED_CONCURRENT_EXECUTIONS("ProvisionedConcurrentExecutions", Statistic.MAXIMUM),
  /**
   * Only per alias or version, only where history must be inferred: executions ÷ the allocated
   * amount, so executions ÷ utilization is the amount.
   */
  PROVISIONED_CONCURRENCY_UTILIZATION("ProvisionedConcurrencyUtilization", Statistic.MAXIMUM);

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

  LambdaMetric(String cloudWatchName, Statistic statistic) {
    this.cloudWatchName = cloudWatchName;
    this.statistic = statistic;
  }

  public String cloudWatchName() {
    return cloudWatchName;
  }

  public Statistic statistic() {
    return statistic;
  }

  /** The six metrics requested for every active function. */
  public static List<LambdaMetric> everyFunction() {
    return List.of(INVOCATIONS, DURATION, ERRORS, THROTTLES, ITERATOR_AGE, DEAD_LETTER_ERRORS);
  }

  /**
   * The metrics requested for one active function: the six, plus the two provisioned-concurrency
   * counters when the function has provisioned concurrency.
   */
  public static List<LambdaMetric> forFunction(boolean hasProvisionedConcurrency) {
    return hasProvisionedConcurrency
        ? List.of(
            INVOCATIONS,
            DURATION,
            ERRORS,
            THROTTLES,
            ITERATOR_AGE,
            DEAD_LETTER_ERRORS,
            PROVISIONED_CONCURRENCY_INVOCATIONS,
            PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS)
        : everyFunction();
  }
}
