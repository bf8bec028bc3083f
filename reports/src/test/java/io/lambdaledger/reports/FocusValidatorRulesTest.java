package io.lambdaledger.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.RegionRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our FOCUS export against rules of the FinOps Foundation's focus_validator ({@code
 * focus_validator/rules/model-1.2.json}), the ones an outside check found broken and their
 * neighbours, re-implemented here (the validator's Python dependencies are not installable in the
 * build). Each test names its rule ids.
 */
class FocusValidatorRulesTest {

  private static List<String> header;
  private static List<CSVRecord> records;

  /** SkuPriceDetails properties FOCUS 1.2 defines; every other key needs the x_ prefix. */
  private static final Set<String> FOCUS_SKU_PRICE_PROPERTIES =
      Set.of(
          "CoreCount",
          "DiskMaxIops",
          "DiskMaxThroughput",
          "DiskSpace",
          "DiskType",
          "ForwardingRuleCount",
          "GpuCount",
          "GpuMemory",
          "InstanceType",
          "InstanceSeries",
          "MemorySize",
          "NetworkMaxIops",
          "NetworkMaxThroughput",
          "NetworkType",
          "OperatingSystem",
          "RedundancyType",
          "StorageClass");

  /**
   * Rows whose charges round the way the outside check saw: free-tier credits of half a cent each
   * (rounded alone they add up to a cent more than the row's credit), and billed cents the
   * allocation rounded up past the charge's list cost (requests; and ephemeral storage of 0.42
   * cents given a whole one, as on the simulator's month).
   */
  @BeforeAll
  static void write() throws IOException {
    RegionRates rates = PriceBook.bundled().rates("us-east-1", Architecture.X86_64);
    List<ReportRow> rows = new ArrayList<>();
    rows.add(TestRows.row("111111111111", "us-east-1", "api", "3.10"));
    rows.add(TestRows.row("222222222222", "eu-west-1", "worker", "arm64", Map.of(), "0.40"));
    ChargeLine requests = charge(rates, ChargeKind.REQUESTS, "333", "0.01", "0.005");
    ChargeLine duration = charge(rates, ChargeKind.DURATION, "600", "0.00", "0.005");
    rows.add(usEast1Row("rounding", 512, 333L, "600", List.of(requests, duration), "0.01", "0.01"));
    rows.add(storageRoundedUp(rates));
    String csv = TestCsv.write(FocusCsvWriter::new, rows);
    header = TestCsv.header(csv);
    records = TestCsv.records(csv);
    assertThat(records).hasSize(9);
  }

  /**
   * A function with 2,048 MB of ephemeral storage whose storage list cost is 0.42 cents, allocated
   * a whole cent of the payer's storage line; its duration cost leaves room below its list cost.
   */
  private static ReportRow storageRoundedUp(RegionRates rates) {
    List<ChargeLine> charges =
        List.of(
            charge(rates, ChargeKind.REQUESTS, "50000", "0.01", "0.00"),
            charge(rates, ChargeKind.DURATION, "9000", "0.12", "0.00"),
            charge(rates, ChargeKind.EPHEMERAL_STORAGE, "136000", "0.01", "0.00"));
    return usEast1Row("scratch", 2048, 50_000L, "9000", charges, "0.00", "0.14");
  }

  /** A priced row of an x86_64 function of 1,024 MB in us-east-1, without tags or notes. */
  private static ReportRow usEast1Row(
      String function,
      int ephemeralStorageMb,
      long requests,
      String gbSeconds,
      List<ChargeLine> charges,
      String freeTierCredit,
      String totalCost) {
    return new ReportRow(
        TestRows.OCTOBER,
        "999999999999",
        null,
        "111111111111",
        null,
        "us-east-1",
        function,
        "arn:aws:lambda:us-east-1:111111111111:function:" + function,
        "x86_64",
        1024,
        ephemeralStorageMb,
        requests,
        new BigDecimal(gbSeconds),
        charges,
        new BigDecimal(freeTierCredit),
        new BigDecimal(totalCost),
        "USD",
        "bundled-2026-09",
        new TreeMap<>(),
        List.of(),
        true,
        null,
        null);
  }

  /** A charge at the rates' list price: quantity, cost and free-tier credit as decimals. */
  private static ChargeLine charge(
      RegionRates rates, ChargeKind kind, String quantity, String cost, String credit) {
    return new ChargeLine(
        kind,
        new BigDecimal(quantity),
        rates.rate(kind.priceGroup()),
        new BigDecimal(cost),
        new BigDecimal(credit),
        rates.usageType(kind.priceGroup()));
  }

  private static boolean isNull(CSVRecord r, String column) {
    return r.get(column).isEmpty();
  }

  @Test
  void billedCostIsOnlyZeroedForThirdPartyChargesAndNoRowIsOne() {
    // BilledCost-C-005-C: BilledCost MUST be 0 where ProviderName differs from InvoiceIssuerName.
    assertThat(records)
        .allSatisfy(
            r -> {
              if (!r.get("ProviderName").equals(r.get("InvoiceIssuerName"))) {
                assertThat(new BigDecimal(r.get("BilledCost"))).isZero();
              }
            });
    assertThat(records).extracting(r -> r.get("InvoiceIssuerName")).containsOnly("AWS");
    assertThat(records)
        .anySatisfy(r -> assertThat(new BigDecimal(r.get("BilledCost"))).isPositive());
  }

  @Test
  void skuPriceDetailsKeysAreFocusPropertiesOrCarryTheCustomPrefix() {
    // SkuPriceDetails-C-017: keys not defined by FOCUS MUST be prefixed with x_; the column is a
    // JSON object (KeyValueFormat).
    assertThat(records)
        .allSatisfy(
            r -> {
              JsonNode details = FocusColumns.json(r.get("SkuPriceDetails"));
              assertThat(details.isObject()).isTrue();
              for (Iterator<String> keys = details.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                assertThat(FOCUS_SKU_PRICE_PROPERTIES.contains(key) || key.startsWith("x_"))
                    .as(key)
                    .isTrue();
              }
            });
  }

  @Test
  void commitmentDiscountAndCapacityReservationColumnsArePresentAndNullWithoutACommitment() {
    // CostAndUsage-D (ColumnPresent, COMMITMENT_DISCOUNT_SUPPORTED and
    // CAPACITY_RESERVATION_SUPPORTED apply to AWS) and the nullability rules of each column:
    // CommitmentDiscount{Category,Name,Quantity,Status,Type,Unit} MUST be null when
    // CommitmentDiscountId is null; CapacityReservationStatus MUST be null when
    // CapacityReservationId is null.
    List<String> commitment =
        List.of(
            "CommitmentDiscountCategory",
            "CommitmentDiscountName",
            "CommitmentDiscountQuantity",
            "CommitmentDiscountStatus",
            "CommitmentDiscountType",
            "CommitmentDiscountUnit");
    assertThat(header).containsAll(commitment).contains("CommitmentDiscountId");
    assertThat(header).contains("CapacityReservationId", "CapacityReservationStatus");
    assertThat(records)
        .allSatisfy(
            r -> {
              if (isNull(r, "CommitmentDiscountId")) {
                commitment.forEach(c -> assertThat(isNull(r, c)).as(c).isTrue());
              }
              if (isNull(r, "CapacityReservationId")) {
                assertThat(isNull(r, "CapacityReservationStatus")).isTrue();
              }
            });
  }

  @Test
  void listCostIsListUnitPriceTimesPricingQuantityAndBilledCostNeverExceedsIt() {
    // ListCost: "When ListUnitPrice is present and not null, multiplying the ListUnitPrice by
    // PricingQuantity MUST produce the ListCost" (also ContractedCost from ContractedUnitPrice).
    // BilledCost is in cents that add up to the invoice; a cent the allocation rounded up past a
    // charge's list cost moves to a charge of the same function with room below its own.
    assertThat(records)
        .allSatisfy(
            r -> {
              BigDecimal list = new BigDecimal(r.get("ListCost"));
              assertThat(
                      new BigDecimal(r.get("ListUnitPrice"))
                          .multiply(new BigDecimal(r.get("PricingQuantity"))))
                  .isEqualByComparingTo(list);
              assertThat(
                      new BigDecimal(r.get("ContractedUnitPrice"))
                          .multiply(new BigDecimal(r.get("PricingQuantity"))))
                  .isEqualByComparingTo(new BigDecimal(r.get("ContractedCost")));
              assertThat(new BigDecimal(r.get("BilledCost")))
                  .as("%s %s", r.get("ResourceName"), r.get("SkuMeter"))
                  .isLessThanOrEqualTo(list);
            });
  }

  @Test
  void aFunctionsBilledCostStillAddsUpToThePlainCsvTotal() {
    // The cent moved between charges stays in the function: its rows sum to total_cost.
    assertThat(billed("scratch")).isEqualByComparingTo("0.14");
    assertThat(billed("rounding")).isEqualByComparingTo("0.01");
    assertThat(billed("api")).isEqualByComparingTo("3.10");
    assertThat(records)
        .filteredOn(r -> r.get("ResourceName").equals("scratch"))
        .extracting(r -> r.get("SkuMeter"), r -> r.get("BilledCost"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Requests", "0.01"),
            org.assertj.core.groups.Tuple.tuple("Duration", "0.13"),
            org.assertj.core.groups.Tuple.tuple("Ephemeral Storage", "0.00"));
  }

  private static BigDecimal billed(String function) {
    return ofFunction(function, "BilledCost");
  }

  /** The sum of one column over a function's records. */
  private static BigDecimal ofFunction(String function, String column) {
    return TestCsv.sum(records, column, r -> r.get("ResourceName").equals(function));
  }

  @Test
  void theFreeTierCreditOfTheChargesAddsUpToTheRowsCreditAsInThePlainCsv() {
    // x_FreeTierCredit summed over a function's charges equals the plain CSV's free_tier_credit.
    assertThat(ofFunction("rounding", "x_FreeTierCredit")).isEqualByComparingTo("0.01");
    assertThat(ofFunction("api", "x_FreeTierCredit")).isEqualByComparingTo("1.25");
  }

  @Test
  void resourceTypeAndPricingCategoryFollowTheirNullabilityRules() {
    // ResourceType-C-004-C / -005-C: null exactly when ResourceId is null.
    // PricingCategory-C-004-C: not null for Usage and Purchase charges that are not corrections.
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(isNull(r, "ResourceType")).isEqualTo(isNull(r, "ResourceId"));
              if (Set.of("Usage", "Purchase").contains(r.get("ChargeCategory"))
                  && !r.get("ChargeClass").equals("Correction")) {
                assertThat(isNull(r, "PricingCategory")).isFalse();
              }
            });
  }
}
