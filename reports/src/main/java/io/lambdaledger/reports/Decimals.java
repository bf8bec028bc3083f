package io.lambdaledger.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers are written: plain decimals, never exponents or thousands separators. */
final class Decimals {

  private Decimals() {}

  /** Money in a cost column: two places, half-up (the engine's amounts already are cents). */
  static String money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** An exact quantity or rate, without trailing zeros. */
  static String exact(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }
}
