package io.lambdaledger.core.cost;

import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;

/**
 * The one GB-second formula: {@code milliseconds / 1000 × megabytes / 1024}, exact (1 / 1,024,000
 * is a finite decimal, so nothing is rounded).
 */
public final class GbSeconds {

  /** GB-seconds per MB × ms: 1 / (1024 × 1000). */
  public static final BigDecimal PER_MB_MS = PriceGroup.Weight.MB_MS.pricedUnits();

  private GbSeconds() {}

  /** GB-seconds of {@code milliseconds} at {@code megabytes}. */
  public static BigDecimal of(long milliseconds, long megabytes) {
    return ofMbMs(Math.multiplyExact(milliseconds, megabytes));
  }

  /** GB-seconds of a measured (unrounded) duration at {@code megabytes}. */
  public static BigDecimal of(BigDecimal milliseconds, long megabytes) {
    return milliseconds.multiply(BigDecimal.valueOf(megabytes)).multiply(PER_MB_MS);
  }

  /** GB-seconds of a weight in MB × ms. */
  public static BigDecimal ofMbMs(long mbMs) {
    return mbMs == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(mbMs).multiply(PER_MB_MS);
  }
}
