package io.lambdaledger.core.costing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Estimate against bill for one key (a function, an account, a region, a tag value, or the whole
 * month), in USD cents.
 *
 * @param key what the item is about
 * @param estimated what the metrics priced
 * @param billed what the invoice charges (unblended: Savings Plan negations and credits included)
 * @param net after Savings Plans amortised (effective cost)
 * @param explained the variance ({@code billed - estimated}) split by cause; the amounts add up to
 *     the variance to the cent, every cause present
 */
public record ReconciledItem(
    String key,
    BigDecimal estimated,
    BigDecimal billed,
    BigDecimal net,
    Map<VarianceCause, BigDecimal> explained) {

  public ReconciledItem {
    explained = Collections.unmodifiableMap(new EnumMap<>(explained));
  }

  /** {@code billed - estimated}. */
  public BigDecimal variance() {
    return billed.subtract(estimated);
  }

  /** The variance as a percentage of the estimate (two decimals), or null with no estimate. */
  public BigDecimal variancePercent() {
    if (estimated.signum() == 0) {
      return null;
    }
    return variance()
        .multiply(BigDecimal.valueOf(100))
        .divide(estimated, MathContext.DECIMAL64)
        .setScale(2, RoundingMode.HALF_UP);
  }

  /** The part of the variance no named cause explains. */
  public BigDecimal unexplained() {
    return explained.get(VarianceCause.UNEXPLAINED);
  }

  /** This item and {@code other} summed, under {@code key}. */
  ReconciledItem plus(String key, ReconciledItem other) {
    Map<VarianceCause, BigDecimal> sum = new EnumMap<>(VarianceCause.class);
    for (VarianceCause cause : VarianceCause.values()) {
      sum.put(cause, explained.get(cause).add(other.explained.get(cause)));
    }
    return new ReconciledItem(
        key, estimated.add(other.estimated), billed.add(other.billed), net.add(other.net), sum);
  }

  static ReconciledItem empty(String key) {
    Map<VarianceCause, BigDecimal> zero = new EnumMap<>(VarianceCause.class);
    for (VarianceCause cause : VarianceCause.values()) {
      zero.put(cause, CENTS_ZERO);
    }
    return new ReconciledItem(key, CENTS_ZERO, CENTS_ZERO, CENTS_ZERO, zero);
  }

  static final BigDecimal CENTS_ZERO = BigDecimal.ZERO.setScale(2);
}
