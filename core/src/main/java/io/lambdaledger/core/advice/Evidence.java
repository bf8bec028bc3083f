package io.lambdaledger.core.advice;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One measured number behind a recommendation.
 *
 * @param name what was measured, e.g. {@code maxMemoryUsedMb}
 * @param value the number
 * @param unit its unit, e.g. {@code MB}, {@code GB-s}, {@code USD}, {@code ratio}
 */
public record Evidence(String name, BigDecimal value, String unit) {

  public Evidence {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
  }

  static Evidence of(String name, BigDecimal value, String unit) {
    return new Evidence(name, value.stripTrailingZeros(), unit);
  }

  static Evidence of(String name, long value, String unit) {
    return new Evidence(name, BigDecimal.valueOf(value), unit);
  }
}
