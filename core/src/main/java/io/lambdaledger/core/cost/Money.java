package io.lambdaledger.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding of money: half-up to whole cents, as AWS rounds each invoice line. Every amount
 * the API, the reports and the CLI show is rounded here.
 */
public final class Money {

  /** Zero dollars and zero cents. */
  public static final BigDecimal ZERO_CENTS = BigDecimal.ZERO.setScale(2);

  private Money() {}

  /** {@code amount} rounded half-up to cents (scale 2). */
  public static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  /** {@code amount} in whole cents, rounded half-up. */
  public static long wholeCents(BigDecimal amount) {
    return cents(amount).unscaledValue().longValueExact();
  }

  /** {@code amount} rounded to cents, as text without exponent ({@code "12.30"}). */
  public static String text(BigDecimal amount) {
    return cents(amount).toPlainString();
  }
}
