package io.lambdaledger.reports;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;

/**
 * A FOCUS 1.2 cost-and-usage dataset: one row per function configuration, charge and month. The
 * mapping, column by column, is in {@code docs/reports.md}. Every row is an estimate from
 * CloudWatch metrics and says so in {@code x_Estimated}.
 */
final class FocusCsvWriter implements RowWriter {

  /** The FOCUS columns written, in this order, followed by {@link #CUSTOM_COLUMNS}. */
  static final List<String> FOCUS_COLUMNS =
      List.of(
          "AvailabilityZone",
          "BilledCost",
          "BillingAccountId",
          "BillingAccountName",
          "BillingCurrency",
          "BillingPeriodEnd",
          "BillingPeriodStart",
          "ChargeCategory",
          "ChargeClass",
          "ChargeDescription",
          "ChargeFrequency",
          "ChargePeriodEnd",
          "ChargePeriodStart",
          "ConsumedQuantity",
          "ConsumedUnit",
          "ContractedCost",
          "ContractedUnitPrice",
          "EffectiveCost",
          "InvoiceId",
          "InvoiceIssuerName",
          "ListCost",
          "ListUnitPrice",
          "PricingCategory",
          "PricingQuantity",
          "PricingUnit",
          "ProviderName",
          "PublisherName",
          "RegionId",
          "RegionName",
          "ResourceId",
          "ResourceName",
          "ResourceType",
          "ServiceCategory",
          "ServiceName",
          "ServiceSubcategory",
          "SkuId",
          "SkuMeter",
          "SkuPriceDetails",
          "SkuPriceId",
          "SubAccountId",
          "SubAccountName",
          "Tags");

  static final List<String> CUSTOM_COLUMNS =
      List.of(
          "x_Estimated",
          "x_EstimateSource",
          "x_Architecture",
          "x_MemoryMB",
          "x_EphemeralStorageMB",
          "x_FreeTierCredit",
          "x_PriceVersion",
          "x_Notes");

  static final String PROVIDER = "AWS";
  static final String INVOICE_ISSUER = "Amazon Web Services, Inc.";
  static final String SERVICE = "AWS Lambda";
  static final String ESTIMATE_SOURCE = "CloudWatch metrics";

  private static final DateTimeFormatter UTC_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final CSVPrinter printer;

  FocusCsvWriter(Writer out) throws IOException {
    this.printer = Csv.printer(out, header());
  }

  static List<String> header() {
    return Stream.concat(FOCUS_COLUMNS.stream(), CUSTOM_COLUMNS.stream()).toList();
  }

  @Override
  public void write(ReportRow row) throws IOException {
    String periodStart = UTC_SECONDS.format(row.month().atDay(1).atStartOfDay(ZoneOffset.UTC));
    String periodEnd =
        UTC_SECONDS.format(row.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC));
    String tags = Json.object(row.tags());
    String notes = String.join("; ", row.notes());
    for (ChargeLine charge : row.charges()) {
      writeCharge(row, charge, periodStart, periodEnd, tags, notes);
    }
  }

  private void writeCharge(
      ReportRow row,
      ChargeLine charge,
      String periodStart,
      String periodEnd,
      String tags,
      String notes)
      throws IOException {
    ChargeKind kind = charge.kind();
    String skuId = charge.usageType();
    String cost = Decimals.money(charge.cost());
    String listCost = Decimals.exact(charge.listCost());
    String listUnitPrice = Decimals.exact(charge.listUnitPrice());
    String quantity = Decimals.exact(charge.quantity());

    empty(); // AvailabilityZone: Lambda is regional
    number(cost); // BilledCost
    text(row.payerAccountId()); // BillingAccountId
    text(orId(row.payerAccountName(), row.payerAccountId())); // BillingAccountName
    text(row.currency()); // BillingCurrency
    text(periodEnd); // BillingPeriodEnd
    text(periodStart); // BillingPeriodStart
    text("Usage"); // ChargeCategory
    empty(); // ChargeClass: not a correction
    text(description(kind, row.architecture())); // ChargeDescription
    text("Usage-Based"); // ChargeFrequency
    text(periodEnd); // ChargePeriodEnd
    text(periodStart); // ChargePeriodStart
    number(quantity); // ConsumedQuantity
    text(kind.unit()); // ConsumedUnit
    number(listCost); // ContractedCost: no negotiated rates known
    number(listUnitPrice); // ContractedUnitPrice
    number(cost); // EffectiveCost: no commitments amortised
    empty(); // InvoiceId: an estimate is on no invoice
    text(INVOICE_ISSUER); // InvoiceIssuerName
    number(listCost); // ListCost
    number(listUnitPrice); // ListUnitPrice
    text("Standard"); // PricingCategory
    number(quantity); // PricingQuantity
    text(kind.unit()); // PricingUnit
    text(PROVIDER); // ProviderName
    text(PROVIDER); // PublisherName
    text(row.region()); // RegionId
    text(AwsRegions.name(row.region())); // RegionName
    text(row.functionArn()); // ResourceId
    text(row.functionName()); // ResourceName
    text("Lambda Function"); // ResourceType
    text("Compute"); // ServiceCategory
    text(SERVICE); // ServiceName
    text("Serverless Compute"); // ServiceSubcategory
    text(skuId); // SkuId
    text(kind.meter()); // SkuMeter
    text(Json.object(Map.of("Architecture", row.architecture()))); // SkuPriceDetails
    text(skuId + ":" + row.priceVersion()); // SkuPriceId
    text(row.accountId()); // SubAccountId
    text(orId(row.accountName(), row.accountId())); // SubAccountName
    text(tags); // Tags
    text("true"); // x_Estimated
    text(ESTIMATE_SOURCE); // x_EstimateSource
    text(row.architecture()); // x_Architecture
    number(Integer.toString(row.memoryMb())); // x_MemoryMB
    number(Integer.toString(row.ephemeralStorageMb())); // x_EphemeralStorageMB
    number(Decimals.money(charge.freeTierCredit())); // x_FreeTierCredit
    text(row.priceVersion()); // x_PriceVersion
    text(notes); // x_Notes
    printer.println();
  }

  static String description(ChargeKind kind, String architecture) {
    String unit = kind == ChargeKind.REQUESTS ? "requests" : "GB-seconds";
    return kind.description() + ", " + architecture + ", " + unit + " (estimated from CloudWatch)";
  }

  private static String orId(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }

  private void text(String value) throws IOException {
    printer.print(FormulaGuard.text(value));
  }

  private void number(String value) throws IOException {
    printer.print(value);
  }

  private void empty() throws IOException {
    printer.print(null);
  }

  @Override
  public void finish() throws IOException {
    printer.flush();
  }
}
