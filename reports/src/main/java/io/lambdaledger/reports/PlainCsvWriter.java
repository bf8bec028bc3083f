package io.lambdaledger.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The per-function monthly CSV that finance opens in a spreadsheet: one row per function and
 * configuration, money with two decimals, text cells neutralised against formula injection.
 */
final class PlainCsvWriter implements RowWriter {

  static final List<String> COLUMNS =
      List.of(
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
          "tags");

  static final String NOTES = "notes";

  private final CSVPrinter printer;
  private final List<String> tagColumns;

  /**
   * @param tagColumns tag keys that each get a column {@code tag:<key>}, between {@code tags} and
   *     {@code notes}
   */
  PlainCsvWriter(Writer out, List<String> tagColumns) throws IOException {
    this.tagColumns = List.copyOf(tagColumns);
    this.printer = Csv.printer(out, header(this.tagColumns));
  }

  static List<String> header(List<String> tagColumns) {
    List<String> header = new ArrayList<>(COLUMNS);
    tagColumns.forEach(key -> header.add("tag:" + key));
    header.add(NOTES);
    return header;
  }

  @Override
  public void write(ReportRow row) throws IOException {
    text(row.month().toString());
    text(row.payerAccountId());
    text(row.accountId());
    text(row.region());
    text(row.functionName());
    text(row.functionArn());
    text(row.architecture());
    printer.print(row.memoryMb());
    printer.print(row.ephemeralStorageMb());
    printer.print(row.requests());
    printer.print(Decimals.exact(row.gbSeconds()));
    // A row in a region without prices has usage and no cost: its cost cells are empty, not 0.00.
    for (ChargeKind kind : ChargeKind.values()) {
      printer.print(row.priced() ? Decimals.money(row.cost(kind)) : null);
    }
    printer.print(row.priced() ? Decimals.money(row.freeTierCredit()) : null);
    printer.print(row.priced() ? Decimals.money(row.totalCost()) : null);
    text(row.currency());
    text(row.priceVersion());
    text(row.origin().label());
    text(Json.object(row.tags()));
    for (String key : tagColumns) {
      text(row.tags().get(key));
    }
    text(String.join("; ", row.notes()));
    printer.println();
  }

  private void text(String value) throws IOException {
    printer.print(FormulaGuard.text(value));
  }

  @Override
  public void finish() throws IOException {
    printer.flush();
  }
}
