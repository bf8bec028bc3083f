package io.lambdaledger.api.costs;

import io.lambdaledger.core.cost.Charges;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.Money;
import io.lambdaledger.core.costing.UnpricedUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a line, item or total used and cost: requests, on-demand GB-seconds, the cent charges (free
 * tier and tier discounts applied) and the free-tier credit those charges already include. Usage in
 * a region without prices counts in requests and GB-seconds, costs nothing in the charges, and is
 * also counted in {@link #unpriced} (null when there is none), so that it is shown without a cost.
 */
public record Figures(
    long requests,
    BigDecimal gbSeconds,
    Charges charges,
    BigDecimal freeTierCredit,
    Unpriced unpriced) {

  static final Figures ZERO = new Figures(0, BigDecimal.ZERO, Charges.ZERO, BigDecimal.ZERO, null);

  /** Usage in regions the price book does not price. */
  record Unpriced(long requests, BigDecimal gbSeconds) {
    Unpriced plus(Unpriced other) {
      if (other == null) {
        return this;
      }
      return new Unpriced(requests + other.requests, gbSeconds.add(other.gbSeconds));
    }

    Unpriced negated() {
      return new Unpriced(-requests, gbSeconds.negate());
    }
  }

  /** A priced line; its free-tier credit is rounded to the cent so that credits add up too. */
  static Figures of(LineCost cost) {
    return new Figures(
        cost.usage().requests(),
        cost.usage().gbSeconds(),
        cost.charges(),
        Money.cents(cost.freeTierCredit()),
        null);
  }

  /** A line in a region without prices: its usage, no cost. */
  static Figures of(UnpricedUsage usage) {
    return new Figures(
        usage.requests(),
        usage.gbSeconds(),
        Charges.ZERO,
        BigDecimal.ZERO,
        new Unpriced(usage.requests(), usage.gbSeconds()));
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
        freeTierCredit.add(other.freeTierCredit),
        unpriced == null ? other.unpriced : unpriced.plus(other.unpriced));
  }

  Figures minus(Figures other) {
    return plus(other.negated());
  }

  Figures negated() {
    return new Figures(
        -requests,
        gbSeconds.negate(),
        charges.negated(),
        freeTierCredit.negate(),
        unpriced == null ? null : unpriced.negated());
  }

  /** The billed total: the sum of the cent charges. */
  public BigDecimal total() {
    return charges.total();
  }

  /**
   * True when all of this usage is in regions without prices: there is no cost to show, only usage.
   */
  public boolean whollyUnpriced() {
    return unpriced != null
        && charges.total().signum() == 0
        && unpriced.requests() == requests
        && unpriced.gbSeconds().compareTo(gbSeconds) == 0;
  }

  /** The total as money, or null when there is no price for any of it. */
  String totalOrNull() {
    return wholyUnpricedOrNull(money(total()));
  }

  String wholyUnpricedOrNull(String text) {
    return whollyUnpriced() ? null : text;
  }

  public static String money(BigDecimal amount) {
    return Money.text(amount);
  }

  public static String quantity(BigDecimal amount) {
    BigDecimal scaled = amount.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    return scaled.scale() < 0 ? scaled.setScale(0).toPlainString() : scaled.toPlainString();
  }
}
