package io.lambdaledger.api;

import io.lambdaledger.core.cost.Charges;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a line, item or total used and cost: requests, on-demand GB-seconds, the cent charges (free
 * tier and tier discounts applied) and the free-tier credit those charges already include.
 */
record Figures(long requests, BigDecimal gbSeconds, Charges charges, BigDecimal freeTierCredit) {

  static final Figures ZERO = new Figures(0, BigDecimal.ZERO, Charges.ZERO, BigDecimal.ZERO);

  /** A priced line; its free-tier credit is rounded to the cent so that credits add up too. */
  static Figures of(LineCost cost) {
    return new Figures(
        cost.usage().requests(),
        cost.usage().gbSeconds(),
        cost.charges(),
        Money.cents(cost.freeTierCredit()));
  }

  Figures plus(Figures other) {
    if (other == ZERO) {
      return this;
    }
    if (this == ZERO) {
      return other;
    }
    return new Figures(
        requests + other.requests,
        gbSeconds.add(other.gbSeconds),
        charges.plus(other.charges),
        freeTierCredit.add(other.freeTierCredit));
  }

  Figures minus(Figures other) {
    return plus(other.negated());
  }

  Figures negated() {
    return new Figures(-requests, gbSeconds.negate(), charges.negated(), freeTierCredit.negate());
  }

  /** The billed total: the sum of the cent charges. */
  BigDecimal total() {
    return charges.total();
  }

  static String money(BigDecimal amount) {
    return Money.text(amount);
  }

  static String quantity(BigDecimal amount) {
    BigDecimal scaled = amount.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return scaled.scale() < 0 ? scaled.setScale(0).toPlainString() : scaled.toPlainString();
  }
}
