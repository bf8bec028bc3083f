package io.lambdaledger.reports;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One charge of one report row.
 *
 * @param kind which charge
 * @param quantity usage in the charge's pricing unit (requests, or GB-seconds with GB = 1,024 MB)
 * @param listUnitPrice the first-tier list rate for the region and architecture
 * @param cost what the charge costs after volume tiers and free-tier allocation, in cents (a row
 *     from the bill: what the bill charges, Savings Plan negations included)
 * @param freeTierCredit the part of the free tier allocated to this charge, in cents (≥ 0)
 * @param usageType the AWS usage type, e.g. {@code EU-Lambda-GB-Second-ARM} (FOCUS SkuId)
 * @param effectiveCost the cost after commitments amortised, in cents: the bill's net cost for a
 *     row from the bill, {@code cost} for an estimate
 * @param invoiceId AWS's invoice id of the bill lines, null for an estimate or a month not invoiced
 *     yet
 */
record ChargeLine(
    ChargeKind kind,
    BigDecimal quantity,
    BigDecimal listUnitPrice,
    BigDecimal cost,
    BigDecimal freeTierCredit,
    String usageType,
    BigDecimal effectiveCost,
    String invoiceId) {

  /** An estimated charge: effective cost = cost, on no invoice. */
  ChargeLine(
      ChargeKind kind,
      BigDecimal quantity,
      BigDecimal listUnitPrice,
      BigDecimal cost,
      BigDecimal freeTierCredit,
      String usageType) {
    this(kind, quantity, listUnitPrice, cost, freeTierCredit, usageType, cost, null);
  }

  ChargeLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(listUnitPrice, "listUnitPrice");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(freeTierCredit, "freeTierCredit");
    Objects.requireNonNull(usageType, "usageType");
    Objects.requireNonNull(effectiveCost, "effectiveCost");
  }

  /** Quantity at the list rate: no free tier, no volume tier. */
  BigDecimal listCost() {
    return quantity.multiply(listUnitPrice);
  }

  /** This estimated charge less {@code earlier} (the same charge of an earlier month to date). */
  ChargeLine minus(ChargeLine earlier) {
    if (earlier == null) {
      return this;
    }
    BigDecimal remaining = cost.subtract(earlier.cost);
    return new ChargeLine(
        kind,
        quantity.subtract(earlier.quantity),
        listUnitPrice,
        remaining,
        freeTierCredit.subtract(earlier.freeTierCredit),
        usageType,
        remaining,
        null);
  }
}
