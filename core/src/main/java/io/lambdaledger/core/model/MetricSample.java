package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * CloudWatch metrics of one function for one period {@code [periodStart, periodStart +
 * periodSeconds)}: one wide row per function and period. Counters are CloudWatch {@code Sum}s
 * (absent datapoints are zero); the two maxima are {@code Maximum}s and nullable when CloudWatch
 * reported none.
 *
 * @param durationMsSum sum of {@code Duration} in milliseconds, as reported (not rounded per
 *     invocation)
 * @param iteratorAgeMaxMs nullable: only stream-triggered functions report it
 * @param concurrentExecutionsMax nullable
 * @param provisionedConcurrencyInvocations invocations served by provisioned concurrency
 * @param provisionedConcurrencySpilloverInvocations invocations beyond provisioned concurrency,
 *     billed on demand
 * @param collectedAt when the values were read from CloudWatch; a later read replaces an earlier
 *     one, never the other way round
 */
public record MetricSample(
    FunctionKey function,
    Instant periodStart,
    int periodSeconds,
    long invocations,
    BigDecimal durationMsSum,
    long errors,
    long throttles,
    long deadLetterErrors,
    BigDecimal iteratorAgeMaxMs,
    Integer concurrentExecutionsMax,
    long provisionedConcurrencyInvocations,
    long provisionedConcurrencySpilloverInvocations,
    Instant collectedAt) {

  public MetricSample {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(durationMsSum, "durationMsSum");
    Objects.requireNonNull(collectedAt, "collectedAt");
    if (periodSeconds <= 0) {
      throw new IllegalArgumentException("periodSeconds must be positive, was " + periodSeconds);
    }
    requireNotNegative(invocations, "invocations");
    requireNotNegative(errors, "errors");
    requireNotNegative(throttles, "throttles");
    requireNotNegative(deadLetterErrors, "deadLetterErrors");
    requireNotNegative(provisionedConcurrencyInvocations, "provisionedConcurrencyInvocations");
    requireNotNegative(
        provisionedConcurrencySpilloverInvocations, "provisionedConcurrencySpilloverInvocations");
    if (durationMsSum.signum() < 0) {
      throw new IllegalArgumentException("durationMsSum must not be negative");
    }
  }

  /** End of the period (exclusive). */
  public Instant periodEnd() {
    return periodStart.plusSeconds(periodSeconds);
  }

  /** Starts a sample with every counter zero and both maxima unknown. */
  public static Builder builder(FunctionKey function, Instant periodStart, int periodSeconds) {
    return new Builder(function, periodStart, periodSeconds);
  }

  private static void requireNotNegative(long value, String component) {
    if (value < 0) {
      throw new IllegalArgumentException(component + " must not be negative, was " + value);
    }
  }

  /** Builds a {@link MetricSample}; unset counters are zero, unset maxima {@code null}. */
  public static final class Builder {
    private final FunctionKey function;
    private final Instant periodStart;
    private final int periodSeconds;
    private long invocations;
    private BigDecimal durationMsSum = BigDecimal.ZERO;
    private long errors;
    private long throttles;
    private long deadLetterErrors;
    private BigDecimal iteratorAgeMaxMs;
    private Integer concurrentExecutionsMax;
    private long provisionedConcurrencyInvocations;
    private long provisionedConcurrencySpilloverInvocations;
    private Instant collectedAt;

    private Builder(FunctionKey function, Instant periodStart, int periodSeconds) {
      this.function = function;
      this.periodStart = periodStart;
      this.periodSeconds = periodSeconds;
    }

    public Builder invocations(long value) {
      invocations = value;
      return this;
    }

    public Builder durationMsSum(BigDecimal value) {
      durationMsSum = value;
      return this;
    }

    public Builder errors(long value) {
      errors = value;
      return this;
    }

    public Builder throttles(long value) {
      throttles = value;
      return this;
    }

    public Builder deadLetterErrors(long value) {
      deadLetterErrors = value;
      return this;
    }

    public Builder iteratorAgeMaxMs(BigDecimal value) {
      iteratorAgeMaxMs = value;
      return this;
    }

    public Builder concurrentExecutionsMax(Integer value) {
      concurrentExecutionsMax = value;
      return this;
    }

    public Builder provisionedConcurrencyInvocations(long value) {
      provisionedConcurrencyInvocations = value;
      return this;
    }

    public Builder provisionedConcurrencySpilloverInvocations(long value) {
      provisionedConcurrencySpilloverInvocations = value;
      return this;
    }

    public Builder collectedAt(Instant value) {
      collectedAt = value;
      return this;
    }

    public MetricSample build() {
      return new MetricSample(
          function,
          periodStart,
          periodSeconds,
          invocations,
          durationMsSum,
          errors,
          throttles,
          deadLetterErrors,
          iteratorAgeMaxMs,
          concurrentExecutionsMax,
          provisionedConcurrencyInvocations,
          provisionedConcurrencySpilloverInvocations,
          collectedAt);
    }
  }
}
