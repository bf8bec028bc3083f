package io.lambdaledger.reports;

import io.lambdaledger.core.cost.Money;
import java.math.BigDecimal;

/** How numbers are written: plain decimals, never exponents or thousands separators. */
final class Decimals {

  private Decimals() {}

  /** Money in a cost column: two places, half-up (the engine's amounts already are cents). */
  static String money(BigDecimal amount) {
    return Money.text(amount);
  }

  /** An exact quantity or rate, without trailing zeros. */
  static String exact(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }
}
