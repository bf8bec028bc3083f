package io.lambdaledger.core.bill;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The imported bill's amounts of one function (or of no function), day, charge kind and line type,
 * summed over the line items and exports: what reconciliation reads.
 *
 * @param functionArn the function's ARN, or null for lines without a Lambda function resource id
 * @param invoiceId AWS's invoice id of the lines, or null before the month is invoiced
 */
public record BilledAmount(
    String payerAccount,
    String usageAccount,
    String region,
    String functionArn,
    LocalDate usageDate,
    ChargeKind chargeKind,
    LineType lineType,
    BigDecimal usageAmount,
    BigDecimal listCost,
    BigDecimal billedCost,
    BigDecimal netCost,
    String invoiceId) {

  public BilledAmount {
    Objects.requireNonNull(usageAccount, "usageAccount");
    Objects.requireNonNull(usageDate, "usageDate");
    Objects.requireNonNull(chargeKind, "chargeKind");
    Objects.requireNonNull(lineType, "lineType");
    Objects.requireNonNull(usageAmount, "usageAmount");
    Objects.requireNonNull(listCost, "listCost");
    Objects.requireNonNull(billedCost, "billedCost");
    Objects.requireNonNull(netCost, "netCost");
  }
}
