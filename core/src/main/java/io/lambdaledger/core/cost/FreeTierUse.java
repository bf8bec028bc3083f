package io.lambdaledger.core.cost;

import java.math.BigDecimal;

/**
 * How much of the free tier was used and what it was worth.
 *
 * @param requests free requests applied
 * @param gbSeconds free on-demand GB-seconds applied
 * @param credit exact USD value of the free units at the rates they would have cost
 */
public record FreeTierUse(BigDecimal requests, BigDecimal gbSeconds, BigDecimal credit) {

  public static final FreeTierUse NONE =
      new FreeTierUse(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  FreeTierUse plus(FreeTierUse other) {
    return new FreeTierUse(
        requests.add(other.requests), gbSeconds.add(other.gbSeconds), credit.add(other.credit));
  }
}
