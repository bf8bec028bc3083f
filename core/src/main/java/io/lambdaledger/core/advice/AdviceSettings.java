package io.lambdaledger.core.advice;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The thresholds of the recommendation rules (docs/recommendations.md explains each).
 *
 * @param minMonthlySavingUsd a recommendation whose expected monthly saving is below this is not
 *     made
 * @param memoryHeadroom share added to the largest memory used before rounding up to 64 MB
 * @param durationElasticity how duration grows as memory (and so CPU) shrinks, for the expected
 *     saving: duration × (old / new)^elasticity; 0 is I/O-bound code, 1 is CPU-bound
 * @param durationElasticityHigh the same for the low end of the saving range
 * @param idleProvisionedUtilization provisioned concurrency used less than this share is removed
 * @param provisionedHeadroom share added to the peak concurrency when reducing provisioned
 *     concurrency
 * @param spilloverShare invocations beyond provisioned concurrency above this share, on at least
 *     half of the days with it, count as sustained spillover
 * @param failureRate errors below this share of invocations are not reported
 */
public record AdviceSettings(
    BigDecimal minMonthlySavingUsd,
    double memoryHeadroom,
    double durationElasticity,
    double durationElasticityHigh,
    double idleProvisionedUtilization,
    double provisionedHeadroom,
    double spilloverShare,
    double failureRate) {

  public AdviceSettings {
    Objects.requireNonNull(minMonthlySavingUsd, "minMonthlySavingUsd");
    if (memoryHeadroom < 0
        || durationElasticity < 0
        || durationElasticityHigh < durationElasticity) {
      throw new IllegalArgumentException(
          "memoryHeadroom must be >= 0 and 0 <= durationElasticity <= durationElasticityHigh");
    }
  }

  /** $1 a month, 20 % memory headroom, elasticity 0.35 (0.7 for the low end), 5 % idle PC. */
  public static AdviceSettings defaults() {
    return new AdviceSettings(BigDecimal.ONE, 0.2, 0.35, 0.7, 0.05, 0.2, 0.1, 0.01);
  }

  public AdviceSettings withMinMonthlySavingUsd(BigDecimal minimum) {
    return new AdviceSettings(
        minimum,
        memoryHeadroom,
        durationElasticity,
        durationElasticityHigh,
        idleProvisionedUtilization,
        provisionedHeadroom,
        spilloverShare,
        failureRate);
  }
}
