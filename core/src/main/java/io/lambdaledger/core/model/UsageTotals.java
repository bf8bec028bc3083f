package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Usage summed over a bucket (hour, day or window) for one function and billing configuration.
 *
 * <p>CloudWatch gives the sum of durations, while AWS bills each invocation rounded up to the
 * millisecond, so billed milliseconds are known only within bounds: {@code billedMsLower = Σ
 * ceil(durationSum)} and {@code billedMsUpper = Σ (floor(durationSum) + invocations)}, summed per
 * sample. GB-seconds follow as {@code billedMs / 1000 × memoryMb / 1024} and include invocations
 * served by provisioned concurrency; the {@code provisioned*} components describe that subset. INIT
 * time is not in CloudWatch's {@code Duration} and is in neither bound.
 *
 * @param requests invocations (on demand and provisioned)
 * @param storageGbSecondsLower ephemeral storage above the free 512 MB, over the lower bound of
 *     billed time
 * @param provisionedConcurrencySeconds allocated concurrency × seconds it was allocated
 * @param provisionedConcurrencyGbSeconds the same weighted by memory (what AWS charges for
 *     provisioned concurrency)
 * @param provisionedRequests invocations served by provisioned concurrency
 * @param provisionedSpilloverRequests invocations beyond provisioned concurrency
 * @param provisionedDurationMsEstimate duration of the provisioned invocations, estimated per
 *     sample as {@code durationMsSum × provisionedRequests / requests} (CloudWatch does not split
 *     it)
 * @param iteratorAgeMaxMs nullable
 * @param concurrentExecutionsMax nullable
 */
public record UsageTotals(
    long requests,
    BigDecimal durationMsSum,
    long billedMsLower,
    long billedMsUpper,
    BigDecimal gbSecondsLower,
    BigDecimal gbSecondsUpper,
    BigDecimal storageGbSecondsLower,
    BigDecimal storageGbSecondsUpper,
    BigDecimal provisionedConcurrencySeconds,
    BigDecimal provisionedConcurrencyGbSeconds,
    long provisionedRequests,
    long provisionedSpilloverRequests,
    BigDecimal provisionedDurationMsEstimate,
    long errors,
    long throttles,
    long deadLetterErrors,
    BigDecimal iteratorAgeMaxMs,
    Integer concurrentExecutionsMax) {

  /** No usage at all. */
  public static final UsageTotals ZERO = ofInvocations(0, BigDecimal.ZERO);

  /**
   * Invocations and their CloudWatch duration sum, nothing else (no provisioned concurrency, no
   * errors): for what-ifs and tests, named instead of eighteen positions.
   */
  public static UsageTotals ofInvocations(long requests, BigDecimal durationMsSum) {
    return new UsageTotals(
        requests,
        durationMsSum,
        0,
        0,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        0,
        0,
        BigDecimal.ZERO,
        0,
        0,
        0,
        null,
        null);
  }

  public UsageTotals {
    Objects.requireNonNull(durationMsSum, "durationMsSum");
    Objects.requireNonNull(gbSecondsLower, "gbSecondsLower");
    Objects.requireNonNull(gbSecondsUpper, "gbSecondsUpper");
    Objects.requireNonNull(storageGbSecondsLower, "storageGbSecondsLower");
    Objects.requireNonNull(storageGbSecondsUpper, "storageGbSecondsUpper");
    Objects.requireNonNull(provisionedConcurrencySeconds, "provisionedConcurrencySeconds");
    Objects.requireNonNull(provisionedConcurrencyGbSeconds, "provisionedConcurrencyGbSeconds");
    Objects.requireNonNull(provisionedDurationMsEstimate, "provisionedDurationMsEstimate");
  }

  /** Component-wise sum; maxima take the larger known value. */
  public UsageTotals plus(UsageTotals other) {
    return new UsageTotals(
        requests + other.requests,
        durationMsSum.add(other.durationMsSum),
        billedMsLower + other.billedMsLower,
        billedMsUpper + other.billedMsUpper,
        gbSecondsLower.add(other.gbSecondsLower),
        gbSecondsUpper.add(other.gbSecondsUpper),
        storageGbSecondsLower.add(other.storageGbSecondsLower),
        storageGbSecondsUpper.add(other.storageGbSecondsUpper),
        provisionedConcurrencySeconds.add(other.provisionedConcurrencySeconds),
        provisionedConcurrencyGbSeconds.add(other.provisionedConcurrencyGbSeconds),
        provisionedRequests + other.provisionedRequests,
        provisionedSpilloverRequests + other.provisionedSpilloverRequests,
        provisionedDurationMsEstimate.add(other.provisionedDurationMsEstimate),
        errors + other.errors,
        throttles + other.throttles,
        deadLetterErrors + other.deadLetterErrors,
        max(iteratorAgeMaxMs, other.iteratorAgeMaxMs),
        max(concurrentExecutionsMax, other.concurrentExecutionsMax));
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
