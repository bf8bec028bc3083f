package io.lambdaledger.billing;

import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a CUR 2.0 or FOCUS row to a {@link BillLine}: Lambda's lines, and Savings Plan fees (which
 * pay for the compute the plan covers); other services' lines are skipped (null).
 */
final class LineMapper {

  /** A Lambda function ARN, without a version or alias qualifier. */
  private static final Pattern FUNCTION_ARN =
      Pattern.compile("(arn:aws[a-z-]*:lambda:([a-z0-9-]+):\\d{12}:function:[A-Za-z0-9_-]+)(:.*)?");

  private LineMapper() {}

  static BillLine map(ExportTable table, Row row) {
    return table == ExportTable.CUR2 ? cur(row) : focus(row);
  }

  private static BillLine cur(Row row) {
    String product = row.text("line_item_product_code");
    String type = row.text("line_item_line_item_type");
    if (!product.equals("AWSLambda") && !type.equals("SavingsPlanRecurringFee")) {
      return null;
    }
    LineType lineType =
        switch (type) {
          case "Usage", "DiscountedUsage" ->
              row.text("line_item_line_item_description")
                      .toLowerCase(Locale.ROOT)
                      .contains("free tier")
                  ? LineType.FREE_TIER
                  : LineType.USAGE;
          case "SavingsPlanCoveredUsage" -> LineType.SAVINGS_PLAN_COVERED;
          case "SavingsPlanNegation" -> LineType.SAVINGS_PLAN_NEGATION;
          case "SavingsPlanRecurringFee", "SavingsPlanUpfrontFee" -> LineType.SAVINGS_PLAN_FEE;
          case "Credit" -> LineType.CREDIT;
          case "Refund" -> LineType.REFUND;
          case "Tax" -> LineType.TAX;
          default -> LineType.OTHER;
        };
    BigDecimal billed = row.decimal("line_item_unblended_cost");
    BigDecimal net =
        switch (lineType) {
          case SAVINGS_PLAN_COVERED -> row.decimal("savings_plan_savings_plan_effective_cost");
          case SAVINGS_PLAN_NEGATION, SAVINGS_PLAN_FEE -> BigDecimal.ZERO;
          default -> billed;
        };
    String usageType = row.text("line_item_usage_type");
    return line(
        row.text("bill_payer_account_id"),
        row.text("line_item_usage_account_id"),
        row.text("product_region_code"),
        row.text("line_item_resource_id"),
        row,
        "line_item_usage_start_date",
        lineType,
        usageType,
        row.decimal("line_item_usage_amount"),
        row.decimal("pricing_public_on_demand_cost"),
        billed,
        net,
        row.text("bill_invoice_id"));
  }

  private static BillLine focus(Row row) {
    String category = row.text("ChargeCategory");
    String commitment = row.text("CommitmentDiscountId");
    boolean lambda =
        row.text("x_ServiceCode").equals("AWSLambda")
            || row.text("ServiceName").equals("AWS Lambda");
    boolean planFee = category.equals("Purchase") && !commitment.isEmpty();
    if (!lambda && !planFee) {
      return null;
    }
    LineType lineType =
        switch (category) {
          case "Usage" -> commitment.isEmpty() ? LineType.USAGE : LineType.SAVINGS_PLAN_COVERED;
          case "Purchase" -> planFee ? LineType.SAVINGS_PLAN_FEE : LineType.OTHER;
          case "Credit" -> LineType.CREDIT;
          case "Tax" -> LineType.TAX;
          case "Adjustment" -> LineType.REFUND;
          default -> LineType.OTHER;
        };
    return line(
        row.text("BillingAccountId"),
        row.text("SubAccountId"),
        row.text("RegionId"),
        row.text("ResourceId"),
        row,
        "ChargePeriodStart",
        lineType,
        row.text("x_UsageType"),
        row.decimal("ConsumedQuantity"),
        row.decimal("ListCost"),
        row.decimal("BilledCost"),
        row.decimal("EffectiveCost"),
        row.text("InvoiceId"));
  }

  private static BillLine line(
      String payer,
      String account,
      String region,
      String resource,
      Row row,
      String dateColumn,
      LineType lineType,
      String usageType,
      BigDecimal usage,
      BigDecimal list,
      BigDecimal billed,
      BigDecimal net,
      String invoice) {
    Matcher arn = FUNCTION_ARN.matcher(resource);
    String function = null;
    if (arn.matches()) {
      function = arn.group(1);
      region = arn.group(2);
    }
    ChargeKind kind =
        switch (lineType) {
          case USAGE, FREE_TIER, SAVINGS_PLAN_COVERED, SAVINGS_PLAN_NEGATION ->
              ChargeKind.ofUsageType(usageType);
          default -> ChargeKind.OTHER;
        };
    return new BillLine(
        payer,
        account,
        region,
        function,
        row.date(dateColumn),
        kind,
        lineType,
        usageType,
        usage,
        list,
        billed,
        net,
        invoice.isEmpty() ? null : invoice);
  }
}
