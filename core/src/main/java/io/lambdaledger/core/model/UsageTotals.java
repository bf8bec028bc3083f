package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Usage summed over a bucket (hour, day or window) for one function and billing configuration.
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
 * @param iteratorAgeMaxMs nullable
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
    BigDecimal iteratorAgeMaxMs) {

  /** No usage at all. */
  public static final UsageTotals ZERO = ofInvocations(0, BigDecimal.ZERO);

  /**
   * Invocations and their CloudWatch duration sum, nothing else (no provisioned concurrency, no
   * errors): for what-ifs and tests, named instead of eleven positions.
   */
  public static UsageTotals ofInvocations(long requests, BigDecimal durationMsSum) {
    return new UsageTotals(
        requests,
        durationMsSum,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        0,
        0,
        BigDecimal.ZERO,
        0,
        0,
        0,
        null);
  }

  public UsageTotals {
    Objects.requireNonNull(durationMsSum, "durationMsSum");
    Objects.requireNonNull(provisionedConcurrencySeconds, "provisionedConcurrencySeconds");
    Objects.requireNonNull(provisionedConcurrencyGbSeconds, "provisionedConcurrencyGbSeconds");
    Objects.requireNonNull(provisionedDurationMsEstimate, "provisionedDurationMsEstimate");
  }

  /** Component-wise sum; maxima take the larger known value. */
  public UsageTotals plus(UsageTotals other) {
    return new UsageTotals(
        requests + other.requests,
        durationMsSum.add(other.durationMsSum),
        provisionedConcurrencySeconds.add(other.provisionedConcurrencySeconds),
        provisionedConcurrencyGbSeconds.add(other.provisionedConcurrencyGbSeconds),
        provisionedRequests + other.provisionedRequests,
        provisionedSpilloverRequests + other.provisionedSpilloverRequests,
        provisionedDurationMsEstimate.add(other.provisionedDurationMsEstimate),
        errors + other.errors,
        throttles + other.throttles,
        deadLetterErrors + other.deadLetterErrors,
        max(iteratorAgeMaxMs, other.iteratorAgeMaxMs));
  }

  private static <T extends Comparable<T>> T max(T a, T b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }
}
