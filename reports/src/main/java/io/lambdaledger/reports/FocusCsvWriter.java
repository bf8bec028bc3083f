package io.lambdaledger.reports;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;

/**
 * A FOCUS 1.2 cost-and-usage dataset: one row per function configuration, charge and month. The
 * mapping, column by column, is in {@code docs/reports.md}. A row is an estimate from CloudWatch
 * metrics or read from the imported bill, and says which in {@code x_CostSource}.
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
          "CapacityReservationId",
          "CapacityReservationStatus",
          "ChargeCategory",
          "ChargeClass",
          "ChargeDescription",
          "ChargeFrequency",
          "ChargePeriodEnd",
          "ChargePeriodStart",
          "CommitmentDiscountCategory",
          "CommitmentDiscountId",
          "CommitmentDiscountName",
          "CommitmentDiscountQuantity",
          "CommitmentDiscountStatus",
          "CommitmentDiscountType",
          "CommitmentDiscountUnit",
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
          "x_CostSource",
          "x_Estimated",
          "x_EstimateSource",
          "x_Architecture",
          "x_MemoryMB",
          "x_EphemeralStorageMB",
          "x_FreeTierCredit",
          "x_PriceVersion",
          "x_Notes",
          "x_Unpriced",
          "x_HistoryProvenance");

  /**
   * Provider, publisher and invoice issuer are the same party for Lambda's own charges: a different
   * InvoiceIssuerName would mark every row as a third-party (marketplace) charge, whose BilledCost
   * FOCUS requires to be 0 (focus_validator BilledCost-C-005-C).
   */
  static final String PROVIDER = "AWS";

  static final String INVOICE_ISSUER = PROVIDER;
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
    String billingStart = UTC_SECONDS.format(row.month().atDay(1).atStartOfDay(ZoneOffset.UTC));
    String billingEnd =
        UTC_SECONDS.format(row.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC));
    Period period =
        new Period(
            billingStart,
            billingEnd,
            UTC_SECONDS.format(row.origin().start()),
            UTC_SECONDS.format(row.origin().end()));
    String tags = Json.object(row.tags());
    String notes = String.join("; ", row.notes());
    if (!row.priced()) {
      // No prices for the region: the usage is listed, every cost and unit price left empty.
      for (ChargeKind kind : List.of(ChargeKind.REQUESTS, ChargeKind.DURATION)) {
        BigDecimal quantity =
            kind == ChargeKind.REQUESTS ? BigDecimal.valueOf(row.requests()) : row.gbSeconds();
        writeCharge(
            row,
            kind,
            Decimals.exact(quantity),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            period,
            tags,
            notes);
      }
      return;
    }
    List<ChargeLine> charges = row.charges();
    BigDecimal[] credits = freeTierCredits(row);
    BigDecimal[] billed = billedCosts(row);
    for (int i = 0; i < charges.size(); i++) {
      ChargeLine charge = charges.get(i);
      // ListCost is exactly ListUnitPrice x PricingQuantity (a FOCUS MUST).
      BigDecimal moved = billed[i].subtract(charge.cost());
      writeCharge(
          row,
          charge.kind(),
          Decimals.exact(charge.quantity()),
          Decimals.money(billed[i]),
          Decimals.money(charge.effectiveCost().add(moved)),
          Decimals.exact(charge.listCost()),
          Decimals.exact(charge.listUnitPrice()),
          charge.usageType(),
          charge.invoiceId(),
          Decimals.money(credits[i]),
          period,
          tags,
          notes);
    }
  }

  /** The billing period (the month) and the charge period (the days the row covers). */
  private record Period(
      String billingStart, String billingEnd, String chargeStart, String chargeEnd) {}

  /**
   * Each charge's BilledCost in cents, never above its ListCost where the row allows it: the cent
   * allocation can round a charge up past its exact list cost (ephemeral storage of a few tenths of
   * a cent getting a whole one); that cent moves to a charge of the same row whose list cost leaves
   * room, the one with the most room first. The row's sum is unchanged, so it still equals the
   * plain CSV's {@code total_cost}. A row whose whole total exceeds its whole list cost (a function
   * with under a cent of usage given a rounding cent) keeps what no charge can take.
   */
  static BigDecimal[] billedCosts(ReportRow row) {
    List<ChargeLine> charges = row.charges();
    BigDecimal[] billed = new BigDecimal[charges.size()];
    BigDecimal excess = BigDecimal.ZERO;
    for (int i = 0; i < billed.length; i++) {
      ChargeLine charge = charges.get(i);
      billed[i] = charge.cost();
      BigDecimal cap = charge.listCost().setScale(2, RoundingMode.FLOOR);
      if (billed[i].compareTo(charge.listCost()) > 0) {
        excess = excess.add(billed[i].subtract(cap));
        billed[i] = cap;
      }
    }
    while (excess.signum() > 0) {
      int roomiest = -1;
      BigDecimal most = BigDecimal.ZERO;
      for (int i = 0; i < billed.length; i++) {
        BigDecimal room =
            charges.get(i).listCost().setScale(2, RoundingMode.FLOOR).subtract(billed[i]);
        if (room.compareTo(most) > 0) {
          most = room;
          roomiest = i;
        }
      }
      if (roomiest < 0) {
        // No room left anywhere on the row: the rest goes back where it came from.
        for (int i = 0; i < billed.length && excess.signum() > 0; i++) {
          BigDecimal back = charges.get(i).cost().subtract(billed[i]).max(BigDecimal.ZERO);
          BigDecimal give = back.min(excess);
          billed[i] = billed[i].add(give);
          excess = excess.subtract(give);
        }
        break;
      }
      BigDecimal give = most.min(excess);
      billed[roomiest] = billed[roomiest].add(give);
      excess = excess.subtract(give);
    }
    return billed;
  }

  /**
   * Each charge's free-tier credit in cents, so that they add up to the row's credit (the plain
   * CSV's {@code free_tier_credit}): charges rounded on their own could be a cent apart from it;
   * the difference goes to the charge with the largest credit.
   */
  static BigDecimal[] freeTierCredits(ReportRow row) {
    List<ChargeLine> charges = row.charges();
    BigDecimal[] credits = new BigDecimal[charges.size()];
    BigDecimal sum = BigDecimal.ZERO;
    int largest = -1;
    for (int i = 0; i < credits.length; i++) {
      credits[i] = charges.get(i).freeTierCredit().setScale(2, RoundingMode.HALF_UP);
      sum = sum.add(credits[i]);
      if (largest < 0 || credits[i].compareTo(credits[largest]) > 0) {
        largest = i;
      }
    }
    BigDecimal difference = row.freeTierCredit().setScale(2, RoundingMode.HALF_UP).subtract(sum);
    if (largest >= 0 && difference.signum() != 0) {
      credits[largest] = credits[largest].add(difference).max(BigDecimal.ZERO);
    }
    return credits;
  }

  /** One charge row; the cost, price and SKU arguments are null for usage without prices. */
  private void writeCharge(
      ReportRow row,
      ChargeKind kind,
      String quantity,
      String cost,
      String effectiveCost,
      String listCost,
      String listUnitPrice,
      String skuId,
      String invoiceId,
      String freeTierCredit,
      Period period,
      String tags,
      String notes)
      throws IOException {
    boolean billed = row.origin().billed();
    empty(); // AvailabilityZone: Lambda is regional
    number(cost); // BilledCost
    text(row.payerAccountId()); // BillingAccountId
    text(orId(row.payerAccountName(), row.payerAccountId())); // BillingAccountName
    text(row.currency()); // BillingCurrency
    text(period.billingEnd()); // BillingPeriodEnd
    text(period.billingStart()); // BillingPeriodStart
    empty(); // CapacityReservationId: Lambda has none
    empty(); // CapacityReservationStatus
    text("Usage"); // ChargeCategory
    empty(); // ChargeClass: not a correction
    text(description(kind, row.architecture(), billed)); // ChargeDescription
    text("Usage-Based"); // ChargeFrequency
    text(period.chargeEnd()); // ChargePeriodEnd: the days the row covers
    text(period.chargeStart()); // ChargePeriodStart
    // Commitment discounts: an estimate is at on-demand rates; a Savings Plan shows in the bill.
    empty(); // CommitmentDiscountCategory
    empty(); // CommitmentDiscountId
    empty(); // CommitmentDiscountName
    empty(); // CommitmentDiscountQuantity
    empty(); // CommitmentDiscountStatus
    empty(); // CommitmentDiscountType
    empty(); // CommitmentDiscountUnit
    number(quantity); // ConsumedQuantity
    text(kind.unit()); // ConsumedUnit
    number(listCost); // ContractedCost: no negotiated rates known
    number(listUnitPrice); // ContractedUnitPrice
    number(effectiveCost); // EffectiveCost: the bill's net cost; an estimate's BilledCost
    text(invoiceId); // InvoiceId: AWS's, from the bill; empty for an estimate
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
    // Keys FOCUS does not define carry the x_ prefix (SkuPriceDetails-C-017).
    text(Json.object(Map.of("x_Architecture", row.architecture()))); // SkuPriceDetails
    text(skuId == null ? null : skuId + ":" + row.priceVersion()); // SkuPriceId
    text(row.accountId()); // SubAccountId
    text(orId(row.accountName(), row.accountId())); // SubAccountName
    text(tags); // Tags
    text(row.origin().label()); // x_CostSource: estimate or billed
    text(billed ? "false" : "true"); // x_Estimated
    text(billed ? null : ESTIMATE_SOURCE); // x_EstimateSource
    text(row.architecture()); // x_Architecture
    number(Integer.toString(row.memoryMb())); // x_MemoryMB
    number(Integer.toString(row.ephemeralStorageMb())); // x_EphemeralStorageMB
    number(freeTierCredit); // x_FreeTierCredit
    text(row.priceVersion()); // x_PriceVersion
    text(notes); // x_Notes
    text(row.priced() ? "false" : "true"); // x_Unpriced
    text(row.historyProvenance()); // x_HistoryProvenance
    printer.println();
  }

  static String description(ChargeKind kind, String architecture) {
    return description(kind, architecture, false);
  }

  static String description(ChargeKind kind, String architecture, boolean billed) {
    String unit = kind == ChargeKind.REQUESTS ? "requests" : "GB-seconds";
    return kind.description()
        + ", "
        + architecture
        + ", "
        + unit
        + (billed ? " (from the AWS bill)" : " (estimated from CloudWatch)");
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
