package io.lambdaledger.core.cost;

import java.math.BigDecimal;
import java.util.List;

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

  /**
   * What a priced set of lines cannot know when {@code bounded} of them price duration from
   * CloudWatch sums: INIT time, and the per-invocation rounding between {@code total} and {@code
   * upperTotal}. Nothing when no line is bounded.
   */
  public static List<CostWarning> ofBoundedDurations(
      int bounded, BigDecimal total, BigDecimal upperTotal) {
    if (bounded == 0) {
      return List.of();
    }
    String lines = bounded == 1 ? "1 line prices" : bounded + " lines price";
    return List.of(
        new CostWarning(
            INIT_NOT_IN_METRICS,
            lines
                + " duration from the CloudWatch Duration metric, which excludes INIT (cold start)"
                + " time; AWS bills INIT for on-demand ZIP functions on managed runtimes since"
                + " 2025-08-01 and always for custom runtimes and container images, so the bill can"
                + " be higher."),
        new CostWarning(
            DURATION_ROUNDING_BOUND,
            lines
                + " duration from CloudWatch sums; AWS rounds each invocation up to 1 ms, so the"
                + " bill can be up to $"
                + upperTotal.subtract(total).toPlainString()
                + " higher (at most $"
                + upperTotal.toPlainString()
                + ")."));
  }
}
