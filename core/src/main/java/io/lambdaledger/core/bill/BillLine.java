package io.lambdaledger.core.bill;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One billed line item of an imported export (hourly lines summed into their day).
 *
 * @param functionArn the Lambda function's ARN, or null when the line has no function resource id
 *     (unallocated)
 * @param usageType AWS's usage type ({@code USE1-Lambda-GB-Second}, ...), empty if none
 * @param listCost at public on-demand rates ({@code pricing_public_on_demand_cost}, {@code
 *     ListCost})
 * @param billedCost what the invoice charges ({@code line_item_unblended_cost}, {@code BilledCost})
 * @param netCost after discounts, Savings Plans amortised ({@code
 *     savings_plan_savings_plan_effective_cost} or unblended, {@code EffectiveCost})
 * @param invoiceId AWS's invoice id, null until invoiced
 */
public record BillLine(
    String payerAccount,
    String usageAccount,
    String region,
    String functionArn,
    LocalDate usageDate,
    ChargeKind chargeKind,
    LineType lineType,
    String usageType,
    BigDecimal usageAmount,
    BigDecimal listCost,
    BigDecimal billedCost,
    BigDecimal netCost,
    String invoiceId) {

  public BillLine {
    Objects.requireNonNull(payerAccount, "payerAccount");
    Objects.requireNonNull(usageAccount, "usageAccount");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(usageDate, "usageDate");
    Objects.requireNonNull(chargeKind, "chargeKind");
    Objects.requireNonNull(lineType, "lineType");
    Objects.requireNonNull(usageType, "usageType");
    Objects.requireNonNull(usageAmount, "usageAmount");
    Objects.requireNonNull(listCost, "listCost");
    Objects.requireNonNull(billedCost, "billedCost");
    Objects.requireNonNull(netCost, "netCost");
  }
}
