package io.lambdaledger.sim;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line item of the simulated bill, before it is written as CUR 2.0 or FOCUS: the facts both
 * tables are derived from.
 *
 * @param lineItemType CUR's {@code line_item_line_item_type}: {@code Usage}, {@code
 *     SavingsPlanCoveredUsage}, {@code SavingsPlanNegation}, {@code SavingsPlanRecurringFee},
 *     {@code Credit}
 * @param productCode {@code AWSLambda}, or {@code ComputeSavingsPlans} for the plan's fee
 * @param resourceId the function ARN, the Savings Plan ARN, or empty
 * @param unblendedCost what the invoice charges for the line (cents)
 * @param publicCost at public on-demand rates, before free tier and tier discounts
 * @param effectiveCost after the Savings Plan (covered usage at the plan's rate), amortised: zero
 *     for negation and fee lines
 * @param savingsPlanArn the plan that covers or bills the line, or empty
 * @param invoiceId the invoice id once the month is closed, else empty
 */
record ExportLine(
    String payer,
    String account,
    String region,
    String resourceId,
    String lineItemType,
    String productCode,
    String usageType,
    String operation,
    String description,
    Instant usageStart,
    Instant usageEnd,
    BigDecimal usageAmount,
    String pricingUnit,
    BigDecimal unblendedRate,
    BigDecimal unblendedCost,
    BigDecimal publicCost,
    BigDecimal effectiveCost,
    String savingsPlanArn,
    String invoiceId) {}
