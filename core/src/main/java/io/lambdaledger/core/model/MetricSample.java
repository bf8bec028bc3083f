package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * CloudWatch metrics of one function for one period {@code [periodStart, periodStart +
 * periodSeconds)}: one wide row per function and period. Counters are CloudWatch {@code Sum}s
 * (absent datapoints are zero); the maxima are {@code Maximum}s, by {@link Gauge}, absent when
 * CloudWatch reported none.
 *
 * @param durationMsSum sum of {@code Duration} in milliseconds, as reported (not rounded per
 *     invocation)
 * @param provisionedConcurrencyInvocations invocations served by provisioned concurrency
 * @param provisionedConcurrencySpilloverInvocations invocations beyond provisioned concurrency,
 *     billed on demand
 * @param maxima the {@link Gauge}s CloudWatch reported, each with its value; a gauge it did not
 *     report is absent (unknown, not zero)
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
    long provisionedConcurrencyInvocations,
    long provisionedConcurrencySpilloverInvocations,
    Map<Gauge, BigDecimal> maxima,
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
    maxima = Gauge.copyOf(maxima);
  }

  /** The value of {@code gauge} in this period; null when CloudWatch reported none. */
  public BigDecimal maximum(Gauge gauge) {
    return maxima.get(gauge);
  }

  /** The largest iterator age in milliseconds; null when CloudWatch reported none. */
  public BigDecimal iteratorAgeMaxMs() {
    return maximum(Gauge.ITERATOR_AGE_MAX_MS);
  }

  /** End of the period (exclusive). */
  public Instant periodEnd() {
    return periodStart.plusSeconds(periodSeconds);
  }

  /** Starts a sample with every counter zero and every maximum unknown. */
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
    private long provisionedConcurrencyInvocations;
    private long provisionedConcurrencySpilloverInvocations;
    private final Map<Gauge, BigDecimal> maxima = new EnumMap<>(Gauge.class);
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

    /** Nullable: unknown when CloudWatch reported none. */
    public Builder maximum(Gauge gauge, BigDecimal value) {
      Gauge.put(maxima, gauge, value);
      return this;
    }

    /** Nullable: unknown when CloudWatch reported none. */
    public Builder iteratorAgeMaxMs(BigDecimal value) {
      return maximum(Gauge.ITERATOR_AGE_MAX_MS, value);
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
          provisionedConcurrencyInvocations,
          provisionedConcurrencySpilloverInvocations,
          maxima,
          collectedAt);
    }
  }
}
