package io.lambdaledger.core.model;

/**
 * The CloudWatch metrics kept as a maximum (CloudWatch's {@code Maximum} statistic), not summed: a
 * bucket's value is the largest one any of its samples carried, unknown when none did. They are not
 * priced; {@link UsageTotals} carries each by this name, so adding one is a constant here, not a
 * new field. The database keeps each in the column named like the constant in lower case, in {@code
 * metric_sample} and in every rollup table.
 */
public enum Gauge {
  /** {@code IteratorAge}, milliseconds: only stream-triggered functions report it. */
  ITERATOR_AGE_MAX_MS
}
