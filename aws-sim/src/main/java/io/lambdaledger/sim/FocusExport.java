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
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated bill as a FOCUS 1.2 export (with AWS's {@code x_} columns), as CSV+GZIP or Parquet.
 * FOCUS has no negation lines: usage a Savings Plan covers is billed at zero ({@code BilledCost} 0,
 * {@code EffectiveCost} at the plan's rate) and the plan's fee is a {@code Purchase}.
 */
final class FocusExport {

  static final List<String> COLUMNS =
      List.of(
          "BilledCost",
          "BillingAccountId",
          "BillingCurrency",
          "BillingPeriodEnd",
          "BillingPeriodStart",
          "ChargeCategory",
          "ChargeClass",
          "ChargeDescription",
          "ChargeFrequency",
          "ChargePeriodEnd",
          "ChargePeriodStart",
          "CommitmentDiscountId",
          "CommitmentDiscountStatus",
          "CommitmentDiscountType",
          "ConsumedQuantity",
          "ConsumedUnit",
          "ContractedCost",
          "EffectiveCost",
          "InvoiceId",
          "InvoiceIssuerName",
          "ListCost",
          "PricingQuantity",
          "PricingUnit",
          "ProviderName",
          "PublisherName",
          "RegionId",
          "ResourceId",
          "ServiceCategory",
          "ServiceName",
          "SubAccountId",
          "x_Operation",
          "x_ServiceCode",
          "x_UsageType");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private FocusExport() {}

  static String typeOf(String column) {
    if (column.endsWith("Cost") || column.endsWith("Quantity")) {
      return "double";
    }
    return column.endsWith("Start") || column.endsWith("End") ? "timestamp" : "string";
  }

  /** A FOCUS row of the simulated bill, or null for lines FOCUS does not show (negations). */
  record Row(
      @Alias("BilledCost") double billedCost,
      @Alias("BillingAccountId") String billingAccountId,
      @Alias("BillingCurrency") String billingCurrency,
      @Alias("BillingPeriodEnd") Instant billingPeriodEnd,
      @Alias("BillingPeriodStart") Instant billingPeriodStart,
      @Alias("ChargeCategory") String chargeCategory,
      @Alias("ChargeClass") String chargeClass,
      @Alias("ChargeDescription") String chargeDescription,
      @Alias("ChargeFrequency") String chargeFrequency,
      @Alias("ChargePeriodEnd") Instant chargePeriodEnd,
      @Alias("ChargePeriodStart") Instant chargePeriodStart,
      @Alias("CommitmentDiscountId") String commitmentDiscountId,
      @Alias("CommitmentDiscountStatus") String commitmentDiscountStatus,
      @Alias("CommitmentDiscountType") String commitmentDiscountType,
      @Alias("ConsumedQuantity") double consumedQuantity,
      @Alias("ConsumedUnit") String consumedUnit,
      @Alias("ContractedCost") double contractedCost,
      @Alias("EffectiveCost") double effectiveCost,
      @Alias("InvoiceId") String invoiceId,
      @Alias("InvoiceIssuerName") String invoiceIssuerName,
      @Alias("ListCost") double listCost,
      @Alias("PricingQuantity") double pricingQuantity,
      @Alias("PricingUnit") String pricingUnit,
      @Alias("ProviderName") String providerName,
      @Alias("PublisherName") String publisherName,
      @Alias("RegionId") String regionId,
      @Alias("ResourceId") String resourceId,
      @Alias("ServiceCategory") String serviceCategory,
      @Alias("ServiceName") String serviceName,
      @Alias("SubAccountId") String subAccountId,
      @Alias("x_Operation") String operation,
      @Alias("x_ServiceCode") String serviceCode,
      @Alias("x_UsageType") String usageType) {}

  /** The exact values of one FOCUS row (strings), in {@link #COLUMNS} order. */
  private record Values(
      BigDecimal billed,
      String category,
      String frequency,
      String commitmentId,
      String commitmentStatus,
      String commitmentType,
      BigDecimal quantity,
      BigDecimal contracted,
      BigDecimal effective,
      BigDecimal list,
      String serviceName,
      String serviceCategory) {}

  private static Values valuesOf(ExportLine l) {
    return switch (l.lineItemType()) {
      case "SavingsPlanNegation" -> null;
      case "SavingsPlanCoveredUsage" ->
          new Values(
              BigDecimal.ZERO,
              "Usage",
              "Usage-Based",
              l.savingsPlanArn(),
              "Used",
              "Compute Savings Plan",
              l.usageAmount(),
              l.unblendedCost(),
              l.effectiveCost(),
              l.publicCost(),
              "AWS Lambda",
              "Compute");
      case "SavingsPlanRecurringFee" ->
          new Values(
              l.unblendedCost(),
              "Purchase",
              "Recurring",
              l.savingsPlanArn(),
              "",
              "Compute Savings Plan",
              BigDecimal.ZERO,
              l.unblendedCost(),
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              "Savings Plans for AWS Compute usage",
              "Compute");
      case "Credit" ->
          new Values(
              l.unblendedCost(),
              "Credit",
              "One-Time",
              "",
              "",
              "",
              BigDecimal.ZERO,
              l.unblendedCost(),
              l.unblendedCost(),
              BigDecimal.ZERO,
              "AWS Lambda",
              "Compute");
      default ->
          new Values(
              l.unblendedCost(),
              "Usage",
              "Usage-Based",
              "",
              "",
              "",
              l.usageAmount(),
              l.unblendedCost(),
              l.unblendedCost(),
              l.publicCost(),
              "AWS Lambda",
              "Compute");
    };
  }

  static byte[] csvGzip(YearMonth month, List<ExportLine> lines) {
    return Csv.gzip(
        COLUMNS,
        lines.stream()
            .<List<String>>mapMulti(
                (l, rows) -> {
                  Values v = valuesOf(l);
                  if (v != null) {
                    rows.accept(csvValues(month, l, v));
                  }
                })
            .iterator());
  }

  private static List<String> csvValues(YearMonth month, ExportLine l, Values v) {
    Instant periodStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant periodEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> out = new ArrayList<>(COLUMNS.size());
    out.add(CurExport.plain(v.billed()));
    out.add(l.payer());
    out.add("USD");
    out.add(TIME.format(periodEnd));
    out.add(TIME.format(periodStart));
    out.add(v.category());
    out.add("");
    out.add(l.description());
    out.add(v.frequency());
    out.add(TIME.format(l.usageEnd()));
    out.add(TIME.format(l.usageStart()));
    out.add(v.commitmentId());
    out.add(v.commitmentStatus());
    out.add(v.commitmentType());
    out.add(CurExport.plain(v.quantity()));
    out.add(l.pricingUnit());
    out.add(CurExport.plain(v.contracted()));
    out.add(CurExport.plain(v.effective()));
    out.add(l.invoiceId());
    out.add("AWS");
    out.add(CurExport.plain(v.list()));
    out.add(CurExport.plain(v.quantity()));
    out.add(l.pricingUnit());
    out.add("AWS");
    out.add("AWS");
    out.add(l.region());
    out.add(l.resourceId());
    out.add(v.serviceCategory());
    out.add(v.serviceName());
    out.add(l.account());
    out.add(l.operation());
    out.add(l.productCode());
    out.add(l.usageType());
    return out;
  }

  static byte[] parquet(YearMonth month, List<ExportLine> lines) {
    Instant periodStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant periodEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CarpetWriter<Row> writer = new CarpetWriter<>(bytes, Row.class)) {
      for (ExportLine l : lines) {
        Values v = valuesOf(l);
        if (v == null) {
          continue;
        }
        writer.write(
            new Row(
                v.billed().doubleValue(),
                l.payer(),
                "USD",
                periodEnd,
                periodStart,
                v.category(),
                "",
                l.description(),
                v.frequency(),
                l.usageEnd(),
                l.usageStart(),
                v.commitmentId(),
                v.commitmentStatus(),
                v.commitmentType(),
                v.quantity().doubleValue(),
                l.pricingUnit(),
                v.contracted().doubleValue(),
                v.effective().doubleValue(),
                l.invoiceId(),
                "AWS",
                v.list().doubleValue(),
                v.quantity().doubleValue(),
                l.pricingUnit(),
                "AWS",
                "AWS",
                l.region(),
                l.resourceId(),
                v.serviceCategory(),
                v.serviceName(),
                l.account(),
                l.operation(),
                l.productCode(),
                l.usageType()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
