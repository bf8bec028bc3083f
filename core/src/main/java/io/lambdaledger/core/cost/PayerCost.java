package io.lambdaledger.core.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * The bill of one payer for the month.
 *
 * @param charges per component: the sum of this payer's invoice-line amounts (cents)
 * @param exact per component: the unrounded sum
 * @param total the sum of the invoice-line amounts
 * @param upperBoundTotal the total if every bounded duration were at its upper bound (equal to
 *     {@code total} when every duration is exact)
 * @param freeTier the free tier applied
 * @param invoiceLines one per region, architecture and component with usage, sorted
 */
public record PayerCost(
    String payer,
    Charges charges,
    Charges exact,
    BigDecimal total,
    BigDecimal upperBoundTotal,
    FreeTierUse freeTier,
    List<InvoiceLine> invoiceLines) {

  public PayerCost {
    invoiceLines = List.copyOf(invoiceLines);
  }
}
