package io.lambdaledger.reports;

import static io.lambdaledger.reports.TestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class PlainCsvWriterTest {

  private static String write(List<String> tagColumns, ReportRow... rows) throws IOException {
    return TestCsv.write(out -> new PlainCsvWriter(out, tagColumns), List.of(rows));
  }

  static List<CSVRecord> parse(String csv) throws IOException {
    assertThat(TestCsv.header(csv)).isNotEmpty();
    return TestCsv.records(csv);
  }

  @Test
  void headerHasTheDocumentedColumnsInOrderWithNotesLast() throws IOException {
    String csv = write(List.of("team"), row("111111111111", "us-east-1", "api", "3.00"));

    assertThat(TestCsv.header(csv))
        .containsExactly(
            "month",
            "payer_account_id",
            "account_id",
            "region",
            "function_name",
            "function_arn",
            "architecture",
            "memory_mb",
            "ephemeral_storage_mb",
            "requests",
            "gb_seconds",
            "request_cost",
            "duration_cost",
            "ephemeral_storage_cost",
            "provisioned_concurrency_cost",
            "provisioned_duration_cost",
            "free_tier_credit",
            "total_cost",
            "currency",
            "price_version",
            "source",
            "tags",
            "tag:team",
            "notes");
  }

  @Test
  void costColumnsFollowTheChargeKinds() {
    List<String> costColumns = PlainCsvWriter.COLUMNS.subList(11, 16);

    assertThat(costColumns)
        .containsExactly(
            java.util.Arrays.stream(ChargeKind.values())
                .map(ChargeKind::csvColumn)
                .toArray(String[]::new));
  }

  @Test
  void rowCarriesUsageAndMoneyWithTwoDecimals() throws IOException {
    CSVRecord record =
        parse(write(List.of(), row("111111111111", "eu-west-1", "orders", "12.3"))).get(0);

    assertThat(record.get("month")).isEqualTo("2026-10");
    assertThat(record.get("payer_account_id")).isEqualTo("999999999999");
    assertThat(record.get("account_id")).isEqualTo("111111111111");
    assertThat(record.get("region")).isEqualTo("eu-west-1");
    assertThat(record.get("function_name")).isEqualTo("orders");
    assertThat(record.get("function_arn"))
        .isEqualTo("arn:aws:lambda:eu-west-1:111111111111:function:orders");
    assertThat(record.get("architecture")).isEqualTo("x86_64");
    assertThat(record.get("memory_mb")).isEqualTo("1024");
    assertThat(record.get("requests")).isEqualTo("1000000");
    assertThat(record.get("gb_seconds")).isEqualTo("250000.5");
    assertThat(record.get("request_cost")).isEqualTo("0.20");
    assertThat(record.get("duration_cost")).isEqualTo("12.10");
    assertThat(record.get("ephemeral_storage_cost")).isEqualTo("0.00");
    assertThat(record.get("provisioned_concurrency_cost")).isEqualTo("0.00");
    assertThat(record.get("free_tier_credit")).isEqualTo("1.25");
    assertThat(record.get("total_cost")).isEqualTo("12.30");
    assertThat(record.get("currency")).isEqualTo("USD");
    assertThat(record.get("price_version")).isEqualTo("bundled-2026-09");
    assertThat(record.get("source")).isEqualTo("estimate");
  }

  @Test
  void functionNameThatIsAFormulaComesOutAsText() throws IOException {
    String name = "=HYPERLINK(\"http://evil.example\",\"click\")";

    CSVRecord record = parse(write(List.of(), row("111111111111", "us-east-1", name, "1"))).get(0);

    assertThat(record.get("function_name")).isEqualTo("'" + name);
    assertThat(record.get("function_arn")).endsWith(":function:" + name);
  }

  @Test
  void tagValueThatIsAFormulaComesOutAsTextInItsColumnAndVerbatimInsideTheJson()
      throws IOException {
    ReportRow row =
        row("111111111111", "us-east-1", "api", "arm64", Map.of("team", "+cmd", "env", "-1"), "1");

    CSVRecord record = parse(write(List.of("team", "env", "owner"), row)).get(0);

    assertThat(record.get("tag:team")).isEqualTo("'+cmd");
    assertThat(record.get("tag:env")).isEqualTo("'-1");
    assertThat(record.get("tag:owner")).isEmpty();
    assertThat(record.get("tags")).isEqualTo("{\"env\":\"-1\",\"team\":\"+cmd\"}");
  }

  @Test
  void negativeAmountsStayNumbers() throws IOException {
    CSVRecord record =
        parse(write(List.of(), row("111111111111", "us-east-1", "refund", "-1.5"))).get(0);

    assertThat(record.get("total_cost")).isEqualTo("-1.50");
    assertThat(new BigDecimal(record.get("duration_cost"))).isEqualByComparingTo("-1.70");
  }

  @Test
  void commasQuotesLineBreaksAndNonAsciiSurviveTheRoundTrip() throws IOException {
    Map<String, String> tags = Map.of("note", "a,b \"c\"\nd", "owner", "Zoë € 日本");

    CSVRecord record =
        parse(
                write(
                    List.of("note", "owner"),
                    row("111111111111", "us-east-1", "api", "x86_64", tags, "1")))
            .get(0);

    assertThat(record.get("tag:note")).isEqualTo("a,b \"c\"\nd");
    assertThat(record.get("tag:owner")).isEqualTo("Zoë € 日本");
  }

  @Test
  void recordsEndWithCrlfAsRfc4180Says() throws IOException {
    String csv = write(List.of(), row("111111111111", "us-east-1", "api", "1"));

    assertThat(csv).endsWith("\r\n");
    assertThat(csv.split("\r\n")).hasSize(2);
  }
}
