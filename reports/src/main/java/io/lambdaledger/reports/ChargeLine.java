package io.lambdaledger.reports;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One charge of one report row.
 *
 * @param kind which charge
 * @param quantity usage in the charge's pricing unit (requests, or GB-seconds with GB = 1,024 MB)
 * @param listUnitPrice the first-tier list rate for the region and architecture
 * @param cost what the charge costs after volume tiers and free-tier allocation, in cents
 * @param freeTierCredit the part of the free tier allocated to this charge, in cents (≥ 0)
 * @param usageType the AWS usage type, e.g. {@code EU-Lambda-GB-Second-ARM} (FOCUS SkuId)
 */
record ChargeLine(
    ChargeKind kind,
    BigDecimal quantity,
    BigDecimal listUnitPrice,
    BigDecimal cost,
    BigDecimal freeTierCredit,
    String usageType) {

  ChargeLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(listUnitPrice, "listUnitPrice");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(freeTierCredit, "freeTierCredit");
    Objects.requireNonNull(usageType, "usageType");
  }

  /** Quantity at the list rate: no free tier, no volume tier. */
  BigDecimal listCost() {
    return quantity.multiply(listUnitPrice);
  }
}
