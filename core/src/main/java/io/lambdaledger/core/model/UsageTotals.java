package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Usage summed over a bucket (hour, day or window) for one function and billing configuration.
 * Built by name ({@link #builder()}); the canonical constructor is for the builder only.
 *
 * <p>Only what was measured: CloudWatch gives the sum of durations, while AWS bills each invocation
 * rounded up to the millisecond; the billed bounds and GB-seconds are derived from {@code requests}
 * and {@code durationMsSum} where a line is priced ({@code core.costing.BillableUsage}), never
 * stored. The {@code provisioned*} components describe the invocations served by provisioned
 * concurrency, a subset of {@code requests}.
 *
 * @param requests invocations (on demand and provisioned)
 * @param provisionedConcurrencySeconds allocated concurrency × seconds it was allocated
 * @param provisionedConcurrencyGbSeconds the same weighted by memory (what AWS charges for
 *     provisioned concurrency)
 * @param provisionedRequests invocations served by provisioned concurrency
 * @param provisionedSpilloverRequests invocations beyond provisioned concurrency
 * @param provisionedDurationMsEstimate duration of the provisioned invocations, estimated per
 *     sample as {@code durationMsSum × provisionedRequests / requests} (CloudWatch does not split
 *     it)
 * @param maxima the {@link Gauge}s some sample carried, each with its largest value; a gauge no
 *     sample carried is absent (unknown, not zero)
 */
public record UsageTotals(
    long requests,
    BigDecimal durationMsSum,
    BigDecimal provisionedConcurrencySeconds,
    BigDecimal provisionedConcurrencyGbSeconds,
    long provisionedRequests,
    long provisionedSpilloverRequests,
    BigDecimal provisionedDurationMsEstimate,
    long errors,
    long throttles,
    long deadLetterErrors,
    Map<Gauge, BigDecimal> maxima) {

  /** No usage at all. */
  public static final UsageTotals ZERO = builder().build();

  /**
   * Invocations and their CloudWatch duration sum, nothing else (no provisioned concurrency, no
   * errors): for what-ifs and tests.
   */
  public static UsageTotals ofInvocations(long requests, BigDecimal durationMsSum) {
    return builder().requests(requests).durationMsSum(durationMsSum).build();
  }

  /** Totals by name; every quantity not set is zero, the iterator age unknown. */
  public static Builder builder() {
    return new Builder();
  }

  /** These totals as a builder, to change some quantities by name. */
  public Builder toBuilder() {
    return builder()
        .requests(requests)
        .durationMsSum(durationMsSum)
        .provisionedConcurrencySeconds(provisionedConcurrencySeconds)
        .provisionedConcurrencyGbSeconds(provisionedConcurrencyGbSeconds)
        .provisionedRequests(provisionedRequests)
        .provisionedSpilloverRequests(provisionedSpilloverRequests)
        .provisionedDurationMsEstimate(provisionedDurationMsEstimate)
        .errors(errors)
        .throttles(throttles)
        .deadLetterErrors(deadLetterErrors)
        .maxima(maxima);
  }

  /** The largest value of {@code gauge} in this bucket; null when no sample carried it. */
  public BigDecimal maximum(Gauge gauge) {
    return maxima.get(gauge);
  }

  /** The largest iterator age in milliseconds; null when no sample carried it. */
  public BigDecimal iteratorAgeMaxMs() {
    return maximum(Gauge.ITERATOR_AGE_MAX_MS);
  }

  /** Names each quantity of a {@link UsageTotals}, so that no caller counts positions. */
  public static final class Builder {
    private long requests;
    private BigDecimal durationMsSum = BigDecimal.ZERO;
    private BigDecimal provisionedConcurrencySeconds = BigDecimal.ZERO;
    private BigDecimal provisionedConcurrencyGbSeconds = BigDecimal.ZERO;
    private long provisionedRequests;
    private long provisionedSpilloverRequests;
    private BigDecimal provisionedDurationMsEstimate = BigDecimal.ZERO;
    private long errors;
    private long throttles;
    private long deadLetterErrors;
    private final Map<Gauge, BigDecimal> maxima = new EnumMap<>(Gauge.class);

    private Builder() {}

    public Builder requests(long value) {
      requests = value;
      return this;
    }

    public Builder durationMsSum(BigDecimal value) {
      durationMsSum = value;
      return this;
    }

    public Builder provisionedConcurrencySeconds(BigDecimal value) {
      provisionedConcurrencySeconds = value;
      return this;
    }

    public Builder provisionedConcurrencyGbSeconds(BigDecimal value) {
      provisionedConcurrencyGbSeconds = value;
      return this;
    }

    public Builder provisionedRequests(long value) {
      provisionedRequests = value;
      return this;
    }

    public Builder provisionedSpilloverRequests(long value) {
      provisionedSpilloverRequests = value;
      return this;
    }

    public Builder provisionedDurationMsEstimate(BigDecimal value) {
      provisionedDurationMsEstimate = value;
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

    /** Nullable: unknown when no sample carried it. */
    public Builder maximum(Gauge gauge, BigDecimal value) {
      Gauge.put(maxima, gauge, value);
      return this;
    }

    /** Nullable: unknown when no sample carried it. */
    public Builder iteratorAgeMaxMs(BigDecimal value) {
      return maximum(Gauge.ITERATOR_AGE_MAX_MS, value);
    }

    private Builder maxima(Map<Gauge, BigDecimal> values) {
      maxima.putAll(values);
      return this;
    }

    public UsageTotals build() {
      return new UsageTotals(
          requests,
          durationMsSum,
          provisionedConcurrencySeconds,
          provisionedConcurrencyGbSeconds,
          provisionedRequests,
          provisionedSpilloverRequests,
          provisionedDurationMsEstimate,
          errors,
          throttles,
          deadLetterErrors,
          maxima);
    }
  }

  public UsageTotals {
    Objects.requireNonNull(durationMsSum, "durationMsSum");
    Objects.requireNonNull(provisionedConcurrencySeconds, "provisionedConcurrencySeconds");
    Objects.requireNonNull(provisionedConcurrencyGbSeconds, "provisionedConcurrencyGbSeconds");
    Objects.requireNonNull(provisionedDurationMsEstimate, "provisionedDurationMsEstimate");
    maxima = Gauge.copyOf(maxima);
  }

  /** Component-wise sum; maxima take the larger known value. */
  public UsageTotals plus(UsageTotals other) {
    return builder()
        .requests(requests + other.requests)
        .durationMsSum(durationMsSum.add(other.durationMsSum))
        .provisionedConcurrencySeconds(
            provisionedConcurrencySeconds.add(other.provisionedConcurrencySeconds))
        .provisionedConcurrencyGbSeconds(
            provisionedConcurrencyGbSeconds.add(other.provisionedConcurrencyGbSeconds))
        .provisionedRequests(provisionedRequests + other.provisionedRequests)
        .provisionedSpilloverRequests(
            provisionedSpilloverRequests + other.provisionedSpilloverRequests)
        .provisionedDurationMsEstimate(
            provisionedDurationMsEstimate.add(other.provisionedDurationMsEstimate))
        .errors(errors + other.errors)
        .throttles(throttles + other.throttles)
        .deadLetterErrors(deadLetterErrors + other.deadLetterErrors)
        .maxima(maxima)
        .maxima(largerOf(other.maxima))
        .build();
  }

  /** {@code others}' maxima that are larger than (or unknown in) these totals. */
  private Map<Gauge, BigDecimal> largerOf(Map<Gauge, BigDecimal> others) {
    if (others.isEmpty()) {
      return Map.of();
    }
    Map<Gauge, BigDecimal> larger = new EnumMap<>(Gauge.class);
    others.forEach(
        (gauge, value) -> {
          BigDecimal mine = maxima.get(gauge);
          if (mine == null || value.compareTo(mine) > 0) {
            larger.put(gauge, value);
          }
        });
    return larger;
  }
}
