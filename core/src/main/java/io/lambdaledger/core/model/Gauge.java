package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The CloudWatch metrics kept as a maximum (CloudWatch's {@code Maximum} statistic), not summed: a
 * bucket's value is the largest one any of its samples carried, unknown when none did. They are not
 * priced; {@link MetricSample} and {@link UsageTotals} carry each by this name, so adding one is a
 * constant here, not a new field. The database keeps each in the column named like the constant in
 * lower case, in {@code metric_sample} and in every rollup table.
 */
public enum Gauge {
  /** {@code IteratorAge}, milliseconds: only stream-triggered functions report it. */
  ITERATOR_AGE_MAX_MS;

  /** An unmodifiable copy of {@code maxima} (the record component of a sample or totals). */
  static Map<Gauge, BigDecimal> copyOf(Map<Gauge, BigDecimal> maxima) {
    return maxima.isEmpty() ? Map.of() : Map.copyOf(maxima);
  }

  /** Sets {@code gauge} to {@code value} in a builder's maxima; null makes it unknown. */
  static void put(Map<Gauge, BigDecimal> maxima, Gauge gauge, BigDecimal value) {
    if (value == null) {
      maxima.remove(gauge);
    } else {
      maxima.put(gauge, value);
    }
  }
}
