package io.lambdaledger.core.cost;

/**
 * Something the caller must know about an estimate.
 *
 * @param code stable identifier, e.g. {@link #INIT_NOT_IN_METRICS}
 * @param message one sentence for people
 */
public record CostWarning(String code, String message) {

  /** Durations come from CloudWatch, which does not include billed INIT time. */
  public static final String INIT_NOT_IN_METRICS = "INIT_NOT_IN_METRICS";

  /** Durations are CloudWatch sums: per-invocation rounding is only bounded. */
  public static final String DURATION_ROUNDING_BOUND = "DURATION_ROUNDING_BOUND";
}
