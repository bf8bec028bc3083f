package io.lambdaledger.sim;

/**
 * The {@code AWS/Lambda} metrics the simulator publishes, and how each one's statistics follow from
 * a span of usage. Per-invocation metrics carry one sample per invocation (Invocations: 1, Errors:
 * 0 or 1, Duration: its milliseconds); concurrency metrics one sample per active minute. A metric
 * is only emitted for spans with activity, as Lambda does.
 */
enum LambdaMetric {
  INVOCATIONS("Invocations", true),
  ERRORS("Errors", true),
  THROTTLES("Throttles", true),
  DEAD_LETTER_ERRORS("DeadLetterErrors", true),
  DURATION("Duration", true),
  ITERATOR_AGE("IteratorAge", false),
  CONCURRENT_EXECUTIONS("ConcurrentExecutions", true),
  PROVISIONED_CONCURRENCY_INVOCATIONS("ProvisionedConcurrencyInvocations", false),
  PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS(
      "ProvisionedConcurrencySpilloverInvocations", false),
  PROVISIONED_CONCURRENT_EXECUTIONS("ProvisionedConcurrentExecutions", false),
  PROVISIONED_CONCURRENCY_UTILIZATION("ProvisionedConcurrencyUtilization", false);

  static final String NAMESPACE = "AWS/Lambda";
  static final String FUNCTION_NAME = "FunctionName";

  /** The version or alias dimension, {@code FunctionName:Qualifier}, next to FunctionName. */
  static final String RESOURCE = "Resource";

  final String metricName;

  /** Whether Lambda also publishes it without dimensions, for the whole Region. */
  final boolean regionWide;

  LambdaMetric(String metricName, boolean regionWide) {
    this.metricName = metricName;
    this.regionWide = regionWide;
  }

  static LambdaMetric named(String name) {
    for (LambdaMetric m : values()) {
      if (m.metricName.equals(name)) {
        return m;
      }
    }
    return null;
  }

  /**
   * Whether the metric is also served per alias ({@code FunctionName} + {@code Resource}): the
   * provisioned concurrency metrics, which the collector reads per alias to infer the allocated
   * amount where CloudTrail cannot tell it.
   */
  boolean perResource() {
    return switch (this) {
      case PROVISIONED_CONCURRENCY_INVOCATIONS,
          PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS,
          PROVISIONED_CONCURRENT_EXECUTIONS,
          PROVISIONED_CONCURRENCY_UTILIZATION ->
          true;
      default -> false;
    };
  }

  /** Whether the function ever publishes this metric (idle functions publish nothing). */
  boolean publishedBy(FunctionProfile f) {
    if (f.idle()) {
      return false;
    }
    return switch (this) {
      case INVOCATIONS, ERRORS, DURATION, CONCURRENT_EXECUTIONS -> true;
      case THROTTLES -> f.throttleRate > 0;
      case DEAD_LETTER_ERRORS -> f.deadLetterQueue;
      case ITERATOR_AGE -> f.stream;
      case PROVISIONED_CONCURRENCY_INVOCATIONS,
          PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS,
          PROVISIONED_CONCURRENT_EXECUTIONS,
          PROVISIONED_CONCURRENCY_UTILIZATION ->
          f.provisionedConcurrency > 0;
    };
  }

  /** Whether a datapoint exists for the span. {@code f} is null for the Region-wide aggregate. */
  boolean present(Minute p, FunctionProfile f) {
    if (f == null && !regionWide) {
      return false;
    }
    if (f != null && !publishedBy(f)) {
      return false;
    }
    return switch (this) {
      case INVOCATIONS, ERRORS, DURATION, ITERATOR_AGE -> p.invocations > 0;
      case THROTTLES -> p.throttles > 0;
      case DEAD_LETTER_ERRORS -> p.deadLetterErrors > 0;
      case CONCURRENT_EXECUTIONS -> p.concurrencySamples > 0;
      // not emitted while idle, nor while no provisioned concurrency is allocated (a gap)
      case PROVISIONED_CONCURRENT_EXECUTIONS, PROVISIONED_CONCURRENCY_UTILIZATION ->
          p.concurrencySamples > 0 && p.maxProvisionedExecutions > 0;
      case PROVISIONED_CONCURRENCY_INVOCATIONS -> p.provisionedInvocations > 0;
      case PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS ->
          p.invocations - p.provisionedInvocations > 0;
    };
  }

  /** The statistic's value for a span where {@link #present} is true. */
  double value(Minute p, Statistic statistic, FunctionProfile f) {
    double samples = samples(p);
    return switch (statistic) {
      case SUM -> sum(p, f);
      case SAMPLE_COUNT -> samples;
      case AVERAGE -> sum(p, f) / samples;
      case MINIMUM -> extreme(p, f, false);
      case MAXIMUM -> extreme(p, f, true);
    };
  }

  private double samples(Minute p) {
    return switch (this) {
      case INVOCATIONS, ERRORS, DURATION, ITERATOR_AGE -> p.invocations;
      case THROTTLES -> p.throttles;
      case DEAD_LETTER_ERRORS -> p.deadLetterErrors;
      case CONCURRENT_EXECUTIONS,
          PROVISIONED_CONCURRENT_EXECUTIONS,
          PROVISIONED_CONCURRENCY_UTILIZATION ->
          p.concurrencySamples;
      case PROVISIONED_CONCURRENCY_INVOCATIONS -> p.provisionedInvocations;
      case PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS ->
          p.invocations - p.provisionedInvocations;
    };
  }

  private double sum(Minute p, FunctionProfile f) {
    return switch (this) {
      case INVOCATIONS -> p.invocations;
      case ERRORS -> p.errors;
      case THROTTLES -> p.throttles;
      case DEAD_LETTER_ERRORS -> p.deadLetterErrors;
      case DURATION -> p.durationMicros / 1000.0;
      case ITERATOR_AGE -> p.iteratorAgeSumMs;
      case CONCURRENT_EXECUTIONS -> p.concurrencySum;
      case PROVISIONED_CONCURRENCY_INVOCATIONS -> p.provisionedInvocations;
      case PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS ->
          p.invocations - p.provisionedInvocations;
      case PROVISIONED_CONCURRENT_EXECUTIONS -> p.provisionedExecutionsSum;
      case PROVISIONED_CONCURRENCY_UTILIZATION ->
          (double) p.provisionedExecutionsSum / f.provisionedConcurrency;
    };
  }

  /** The span's minimum, or its maximum when {@code highest}. */
  private double extreme(Minute p, FunctionProfile f, boolean highest) {
    return switch (this) {
      case INVOCATIONS,
          THROTTLES,
          DEAD_LETTER_ERRORS,
          PROVISIONED_CONCURRENCY_INVOCATIONS,
          PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS ->
          1;
      case ERRORS -> (highest ? p.errors > 0 : p.errors == p.invocations) ? 1 : 0;
      case DURATION -> (highest ? p.maxDurationMicros : p.minDurationMicros) / 1000.0;
      case ITERATOR_AGE -> highest ? p.maxIteratorAgeMs : p.minIteratorAgeMs;
      case CONCURRENT_EXECUTIONS -> highest ? p.maxConcurrency : p.minConcurrency;
      case PROVISIONED_CONCURRENT_EXECUTIONS ->
          highest ? p.maxProvisionedExecutions : p.minProvisionedExecutions;
      case PROVISIONED_CONCURRENCY_UTILIZATION ->
          (double) (highest ? p.maxProvisionedExecutions : p.minProvisionedExecutions)
              / f.provisionedConcurrency;
    };
  }
}
