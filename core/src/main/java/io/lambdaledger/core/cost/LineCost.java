package io.lambdaledger.core.cost;

import java.math.BigDecimal;

/**
 * The cost of one {@link UsageLine}.
 *
 * @param line the input line
 * @param charges this line's cents of each invoice line (the allocation result): summing {@code
 *     charges} over any set of lines of a payer gives an amount that adds up, to the cent, with the
 *     rest of that payer's lines to the invoice total
 * @param exact the line's unrounded share of each charge (free tier and tier discounts applied)
 * @param freeTierCredit the exact value of the free tier allocated to this line (already deducted
 *     from {@code charges})
 * @param upperBoundExtra how much more this line would cost if its bounded durations were at their
 *     upper bound (unrounded; zero when its durations are exact), priced without more free tier
 * @param usage quantities
 */
public record LineCost(
    UsageLine line,
    Charges charges,
    Charges exact,
    BigDecimal freeTierCredit,
    BigDecimal upperBoundExtra,
    LineUsage usage) {

  /** This line's billed total: the sum of its cent charges. */
  public BigDecimal total() {
    return charges.total();
  }
}
