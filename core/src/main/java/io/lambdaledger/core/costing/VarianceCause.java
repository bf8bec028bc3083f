package io.lambdaledger.core.costing;

/**
 * The named reasons an estimate and the bill differ, in the order reconciliation reports them (see
 * {@code docs/billing-data.md}, "How reconciliation explains variance").
 */
public enum VarianceCause {
  /** Billed INIT time: on-demand duration the bill has beyond the metrics and their rounding. */
  INIT,
  /** The 1 ms rounding of each invocation: half the stated bound, never more than the gap. */
  ROUNDING,
  /**
   * Provisioned concurrency, its duration or storage the bill has and the stored history has not
   * (or the other way round), and on-demand duration the bill has less of than the estimate.
   */
  HISTORY_GAPS,
  /** Savings Plans: covered usage negated (or billed at zero) and the plans' fees. */
  SAVINGS_PLANS,
  /** Credits and refunds. */
  CREDITS_REFUNDS,
  /** The free tier (and volume tiers) allocated to the function differently on the bill. */
  FREE_TIER,
  /** Bill lines without a Lambda function that are neither plan fees nor credits (tax, other). */
  UNALLOCATED,
  /** What none of the above explains: request counts that differ, prices that differ, the rest. */
  UNEXPLAINED
}
