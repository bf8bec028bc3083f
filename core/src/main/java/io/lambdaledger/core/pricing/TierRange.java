package io.lambdaledger.core.pricing;

import java.math.BigDecimal;

/**
 * The usage range a price applies to within a month, as the price list's {@code beginRange} /
 * {@code endRange}. Units are those of the price (requests or GB-seconds).
 *
 * @param begin inclusive lower bound, at least zero
 * @param end exclusive upper bound, or {@code null} for no upper bound ({@code Inf})
 */
public record TierRange(BigDecimal begin, BigDecimal end) {

  /** The whole range, 0 to infinity: every untiered price. */
  public static final TierRange ALL = new TierRange(BigDecimal.ZERO, null);

  public TierRange {
    if (begin == null || begin.signum() < 0) {
      throw new IllegalArgumentException("beginRange must be zero or more, was " + begin);
    }
    if (end != null && end.compareTo(begin) <= 0) {
      throw new IllegalArgumentException(
          "endRange " + end.toPlainString() + " must be above beginRange " + begin.toPlainString());
    }
  }

  /** Parses price-list range strings; {@code Inf} (any case) means unbounded. */
  public static TierRange parse(String begin, String end) {
    BigDecimal endValue =
        end == null || end.isBlank() || end.trim().equalsIgnoreCase("Inf")
            ? null
            : new BigDecimal(end.trim());
    return new TierRange(new BigDecimal(begin.trim()), endValue);
  }

  public boolean isUnbounded() {
    return end == null;
  }

  /** How much of {@code quantity} (counted from zero) falls inside this range. */
  public BigDecimal portionOf(BigDecimal quantity) {
    if (quantity.compareTo(begin) <= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal top = end == null || quantity.compareTo(end) < 0 ? quantity : end;
    return top.subtract(begin);
  }

  public String beginText() {
    return begin.toPlainString();
  }

  /** The end as the price list writes it: a plain number or {@code Inf}. */
  public String endText() {
    return end == null ? "Inf" : end.toPlainString();
  }

  @Override
  public String toString() {
    return beginText() + "-" + endText();
  }
}
