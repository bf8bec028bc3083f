package io.lambdaledger.billing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A decimal amount being read or summed, without a {@link BigDecimal} per value: an unscaled {@code
 * long} and a scale while the value fits, a {@code BigDecimal} past that. Every operation is exact,
 * so a sum equals the {@code BigDecimal} sum of the same values.
 */
final class Amount {

  /** The largest scale kept in a long (10^18 still fits). */
  private static final int MAX_SCALE = 18;

  private static final long[] TEN = new long[MAX_SCALE + 1];

  static {
    TEN[0] = 1;
    for (int i = 1; i <= MAX_SCALE; i++) {
      TEN[i] = TEN[i - 1] * 10;
    }
  }

  /** Powers of ten as doubles, exact up to 10^22. */
  private static final double[] TEN_D = new double[13];

  static {
    TEN_D[0] = 1;
    for (int i = 1; i < TEN_D.length; i++) {
      TEN_D[i] = TEN_D[i - 1] * 10;
    }
  }

  /**
   * Below this, m / 10^k is correctly rounded, and d * 10^k is within 1/4 of the one integer m
   * whose m / 10^k reads back as d (the spacing 10^-k is then wider than the doubles that read back
   * as d): if d has a decimal with at most k fraction digits, it is m / 10^k with m = rint(d *
   * 10^k), and m with its trailing zeros dropped is the shortest such decimal, the one {@link
   * Double#toString} writes. A margin of 2^7 below 2^53 keeps the same true one digit further.
   */
  private static final double EXACT_BOUND = 0x1p46;

  private long unscaled;
  private int scale;
  private BigDecimal big;

  void setZero() {
    unscaled = 0;
    scale = 0;
    big = null;
  }

  void set(Amount other) {
    unscaled = other.unscaled;
    scale = other.scale;
    big = other.big;
  }

  void set(BigDecimal value) {
    if (value.scale() >= 0 && value.scale() <= MAX_SCALE && value.precision() <= 18) {
      unscaled = value.unscaledValue().longValue();
      scale = value.scale();
      big = null;
    } else {
      big = value;
    }
  }

  /**
   * The value {@link BigDecimal#valueOf(double)} gives (the shortest decimal that reads back as
   * {@code d}), found without formatting when it has few digits.
   */
  void set(double d) {
    double abs = Math.abs(d);
    if (abs < EXACT_BOUND) {
      int k = TEN_D.length - 1;
      while (k > 0 && abs * TEN_D[k] >= EXACT_BOUND) {
        k--;
      }
      double m = Math.rint(d * TEN_D[k]);
      if (m / TEN_D[k] == d) {
        long u = (long) m;
        while (k > 0 && u % 10 == 0) {
          u /= 10;
          k--;
        }
        unscaled = u;
        scale = k;
        big = null;
        return;
      }
    }
    big = BigDecimal.valueOf(d);
  }

  /**
   * Parses a plain decimal ({@code -12.3400}, {@code .5}, {@code 7}) from ASCII bytes; anything
   * else (exponents, very long numbers) through {@link BigDecimal}'s parser.
   *
   * @throws NumberFormatException if the text is not a number
   */
  void parse(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long u = 0;
    int significant = 0;
    int fraction = -1;
    boolean sawDigit = false;
    boolean plain = true;
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        sawDigit = true;
        if (significant > 0 || c != '0') {
          significant++;
        }
        u = u * 10 + (c - '0');
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        plain = false;
        break;
      }
    }
    if (plain && sawDigit && significant <= 18 && fraction <= MAX_SCALE) {
      unscaled = negative ? -u : u;
      scale = Math.max(fraction, 0);
      big = null;
      return;
    }
    big = new BigDecimal(new String(b, from, to - from, StandardCharsets.US_ASCII));
  }

  /** Adds {@code other} exactly. */
  void add(Amount other) {
    if (big == null && other.big == null) {
      try {
        if (scale == other.scale) {
          unscaled = Math.addExact(unscaled, other.unscaled);
          return;
        }
        if (scale > other.scale) {
          unscaled =
              Math.addExact(unscaled, Math.multiplyExact(other.unscaled, TEN[scale - other.scale]));
          return;
        }
        long rescaled = Math.multiplyExact(unscaled, TEN[other.scale - scale]);
        unscaled = Math.addExact(rescaled, other.unscaled);
        scale = other.scale;
        return;
      } catch (ArithmeticException overflow) {
        // fall through to BigDecimal
      }
    }
    big = toBigDecimal().add(other.toBigDecimal());
  }

  BigDecimal toBigDecimal() {
    return big != null ? big : BigDecimal.valueOf(unscaled, scale);
  }

  boolean isZero() {
    return big == null ? unscaled == 0 : big.signum() == 0;
  }

  @Override
  public String toString() {
    return toBigDecimal().toPlainString();
  }
}
