package io.lambdaledger.sim;

import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.annotation.Alias;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The simulated bill as a CUR 2.0 export ({@code COST_AND_USAGE_REPORT} with resource ids, daily):
 * the CUR 2.0 columns Lambda's lines use, as CSV+GZIP or Parquet.
 */
final class CurExport {

  static final List<String> COLUMNS =
      List.of(
          "bill_bill_type",
          "bill_billing_entity",
          "bill_billing_period_end_date",
          "bill_billing_period_start_date",
          "bill_invoice_id",
          "bill_payer_account_id",
          "identity_line_item_id",
          "identity_time_interval",
          "line_item_currency_code",
          "line_item_line_item_description",
          "line_item_line_item_type",
          "line_item_operation",
          "line_item_product_code",
          "line_item_resource_id",
          "line_item_unblended_cost",
          "line_item_unblended_rate",
          "line_item_usage_account_id",
          "line_item_usage_amount",
          "line_item_usage_end_date",
          "line_item_usage_start_date",
          "line_item_usage_type",
          "pricing_public_on_demand_cost",
          "pricing_unit",
          "product_region_code",
          "savings_plan_savings_plan_arn",
          "savings_plan_savings_plan_effective_cost");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private CurExport() {}

  /** Column types as the manifest lists them. */
  static String typeOf(String column) {
    if (column.endsWith("_cost") || column.endsWith("_amount") || column.endsWith("_rate")) {
      return "double";
    }
    return column.endsWith("_date") ? "timestamp" : "string";
  }

  static byte[] csvGzip(YearMonth month, List<ExportLine> lines) {
    return Csv.gzip(
        COLUMNS,
        IntStream.range(0, lines.size())
            .mapToObj(i -> values(month, lines.get(i), i + 1L))
            .iterator());
  }

  private static List<String> values(YearMonth month, ExportLine l, long n) {
    Instant periodStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant periodEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return List.of(
        "Anniversary",
        "AWS",
        TIME.format(periodEnd),
        TIME.format(periodStart),
        l.invoiceId(),
        l.payer(),
        lineItemId(month, n),
        TIME.format(l.usageStart()) + "/" + TIME.format(l.usageEnd()),
        "USD",
        l.description(),
        l.lineItemType(),
        l.operation(),
        l.productCode(),
        l.resourceId(),
        plain(l.unblendedCost()),
        plain(l.unblendedRate()),
        l.account(),
        plain(l.usageAmount()),
        TIME.format(l.usageEnd()),
        TIME.format(l.usageStart()),
        l.usageType(),
        plain(l.publicCost()),
        l.pricingUnit(),
        l.region(),
        l.savingsPlanArn(),
        l.lineItemType().equals("SavingsPlanCoveredUsage") ? plain(l.effectiveCost()) : "0");
  }

  private static String lineItemId(YearMonth month, long n) {
    return Long.toString(
        Math.floorMod(Rng.hash(month.getYear(), month.getMonthValue(), n), 1L << 52), 36);
  }

  static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /** A CUR 2.0 Parquet row: the same columns, costs and amounts as doubles, dates as timestamps. */
  record Row(
      @Alias("bill_bill_type") String billType,
      @Alias("bill_billing_entity") String billingEntity,
      @Alias("bill_billing_period_end_date") Instant billingPeriodEnd,
      @Alias("bill_billing_period_start_date") Instant billingPeriodStart,
      @Alias("bill_invoice_id") String invoiceId,
      @Alias("bill_payer_account_id") String payerAccountId,
      @Alias("identity_line_item_id") String lineItemId,
      @Alias("identity_time_interval") String timeInterval,
      @Alias("line_item_currency_code") String currencyCode,
      @Alias("line_item_line_item_description") String description,
      @Alias("line_item_line_item_type") String lineItemType,
      @Alias("line_item_operation") String operation,
      @Alias("line_item_product_code") String productCode,
      @Alias("line_item_resource_id") String resourceId,
      @Alias("line_item_unblended_cost") double unblendedCost,
      @Alias("line_item_unblended_rate") double unblendedRate,
      @Alias("line_item_usage_account_id") String usageAccountId,
      @Alias("line_item_usage_amount") double usageAmount,
      @Alias("line_item_usage_end_date") Instant usageEnd,
      @Alias("line_item_usage_start_date") Instant usageStart,
      @Alias("line_item_usage_type") String usageType,
      @Alias("pricing_public_on_demand_cost") double publicOnDemandCost,
      @Alias("pricing_unit") String pricingUnit,
      @Alias("product_region_code") String regionCode,
      @Alias("savings_plan_savings_plan_arn") String savingsPlanArn,
      @Alias("savings_plan_savings_plan_effective_cost") double savingsPlanEffectiveCost) {}

  static byte[] parquet(YearMonth month, List<ExportLine> lines) {
    Instant periodStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant periodEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CarpetWriter<Row> writer = new CarpetWriter<>(bytes, Row.class)) {
      long n = 0;
      for (ExportLine l : lines) {
        writer.write(
            new Row(
                "Anniversary",
                "AWS",
                periodEnd,
                periodStart,
                l.invoiceId(),
                l.payer(),
                lineItemId(month, ++n),
                TIME.format(l.usageStart()) + "/" + TIME.format(l.usageEnd()),
                "USD",
                l.description(),
                l.lineItemType(),
                l.operation(),
                l.productCode(),
                l.resourceId(),
                l.unblendedCost().doubleValue(),
                l.unblendedRate().doubleValue(),
                l.account(),
                l.usageAmount().doubleValue(),
                l.usageEnd(),
                l.usageStart(),
                l.usageType(),
                l.publicCost().doubleValue(),
                l.pricingUnit(),
                l.region(),
                l.savingsPlanArn(),
                l.lineItemType().equals("SavingsPlanCoveredUsage")
                    ? l.effectiveCost().doubleValue()
                    : 0));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
