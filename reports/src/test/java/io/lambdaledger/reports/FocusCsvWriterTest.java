package io.lambdaledger.reports;

import static io.lambdaledger.reports.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class FocusCsvWriterTest {

  private static List<String> header;

  private static List<CSVRecord> write(ReportRow... rows) throws IOException {
    String csv = TestCsv.write(FocusCsvWriter::new, List.of(rows));
    header = TestCsv.header(csv);
    return TestCsv.records(csv);
  }

  @Test
  void everyMandatoryAndApplicableColumnIsPresentWithTheRightType() throws IOException {
    List<CSVRecord> records =
        write(
            row("111111111111", "us-east-1", "api", "3.10"),
            row("222222222222", "eu-west-1", "worker", "arm64", Map.of("team", "core"), "0.40"));

    assertThat(header).containsAll(FocusColumns.MANDATORY.keySet());
    assertThat(header).containsAll(FocusColumns.APPLICABLE.keySet());
    assertThat(header).doesNotHaveDuplicates();
    assertThat(records).hasSize(4);
    records.forEach(FocusColumns::assertConforms);
  }

  @Test
  void customColumnsArePrefixedAndMarkEveryRowAsAnEstimate() throws IOException {
    List<CSVRecord> records = write(row("111111111111", "us-east-1", "api", "3.10"));

    assertThat(header.stream().filter(c -> !FocusCsvWriter.FOCUS_COLUMNS.contains(c)))
        .allSatisfy(column -> assertThat(column).startsWith("x_"));
    assertThat(records)
        .allSatisfy(
            record -> {
              assertThat(record.get("x_Estimated")).isEqualTo("true");
              assertThat(record.get("x_Architecture")).isEqualTo("x86_64");
              assertThat(record.get("x_MemoryMB")).isEqualTo("1024");
            });
  }

  @Test
  void oneRowPerChargeWhoseBilledCostsAddUpToTheFunctionTotal() throws IOException {
    List<CSVRecord> records = write(row("111111111111", "us-east-1", "api", "3.10"));

    assertThat(records).extracting(r -> r.get("SkuMeter")).containsExactly("Requests", "Duration");
    assertThat(TestCsv.sum(records, "BilledCost")).isEqualByComparingTo("3.10");
    assertThat(records)
        .extracting(r -> r.get("PricingUnit"))
        .containsExactly("Requests", "GB-Seconds");
  }

  @Test
  void usageRowsCarryBillingAndChargePeriodsAsUtcMonthBounds() throws IOException {
    CSVRecord record = write(row("111111111111", "us-east-1", "api", "3.10")).get(0);

    assertThat(record.get("BillingPeriodStart")).isEqualTo("2026-10-01T00:00:00Z");
    assertThat(record.get("BillingPeriodEnd")).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(record.get("ChargePeriodStart")).isEqualTo("2026-10-01T00:00:00Z");
    assertThat(record.get("ChargePeriodEnd")).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(record.get("ChargeCategory")).isEqualTo("Usage");
    assertThat(record.get("ChargeClass")).isEmpty();
    assertThat(record.get("ChargeFrequency")).isEqualTo("Usage-Based");
  }

  @Test
  void accountsCostsAndPricesMapAsDocumented() throws IOException {
    List<CSVRecord> records = write(row("111111111111", "us-east-1", "api", "3.10"));
    CSVRecord requests = records.get(0);
    CSVRecord duration = records.get(1);

    assertThat(requests.get("BillingAccountId")).isEqualTo("999999999999");
    assertThat(requests.get("BillingAccountName")).isEqualTo("org-payer");
    assertThat(requests.get("SubAccountId")).isEqualTo("111111111111");
    assertThat(requests.get("SubAccountName")).isEqualTo("111111111111");
    assertThat(requests.get("ServiceName")).isEqualTo("AWS Lambda");
    assertThat(requests.get("ServiceCategory")).isEqualTo("Compute");
    assertThat(requests.get("ProviderName")).isEqualTo("AWS");
    assertThat(requests.get("InvoiceIssuerName")).isEqualTo("AWS");
    assertThat(requests.get("PricingQuantity")).isEqualTo("1000000");
    assertThat(requests.get("ListUnitPrice")).isEqualTo("0.0000002");
    assertThat(requests.get("ListCost")).isEqualTo("0.2");
    assertThat(duration.get("ListCost")).isEqualTo("4.16668333335");
    assertThat(duration.get("ContractedCost")).isEqualTo(duration.get("ListCost"));
    assertThat(duration.get("BilledCost")).isEqualTo("2.90");
    assertThat(duration.get("EffectiveCost")).isEqualTo("2.90");
    assertThat(duration.get("x_FreeTierCredit")).isEqualTo("1.25");
    assertThat(duration.get("ResourceId"))
        .isEqualTo("arn:aws:lambda:us-east-1:111111111111:function:api");
  }

  @Test
  void skuIdsAreTheAwsUsageTypes() throws IOException {
    List<CSVRecord> records =
        write(
            row("111111111111", "us-east-1", "a", "x86_64", Map.of(), "1"),
            row("111111111111", "us-east-1", "b", "arm64", Map.of(), "1"),
            row("111111111111", "eu-west-1", "c", "arm64", Map.of(), "1"),
            row("111111111111", "ap-south-1", "d", "x86_64", Map.of(), "1"));

    assertThat(records)
        .extracting(r -> r.get("SkuId"))
        .containsExactly(
            "Request",
            "Lambda-GB-Second",
            "Request-ARM",
            "Lambda-GB-Second-ARM",
            "EU-Request-ARM",
            "EU-Lambda-GB-Second-ARM",
            "APS3-Request",
            "APS3-Lambda-GB-Second");
    assertThat(records.get(4).get("RegionName")).isEqualTo("Europe (Ireland)");
    assertThat(
            FocusColumns.json(records.get(2).get("SkuPriceDetails")).get("x_Architecture").asText())
        .isEqualTo("arm64");
  }

  @Test
  void formulaLikeNamesAreNeutralisedAndTagsStayFaithfulJson() throws IOException {
    String name = "=HYPERLINK(\"http://evil.example\",\"x\")";

    CSVRecord record =
        write(row("111111111111", "us-east-1", name, "x86_64", Map.of("team", "+cmd"), "1")).get(0);

    assertThat(record.get("ResourceName")).isEqualTo("'" + name);
    assertThat(record.get("Tags")).startsWith("{");
    assertThat(FocusColumns.json(record.get("Tags")).get("team").asText()).isEqualTo("+cmd");
  }
}
