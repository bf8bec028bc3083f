package io.lambdaledger.reports;

import static io.lambdaledger.reports.StoredMonth.A;
import static io.lambdaledger.reports.StoredMonth.NOVEMBER_5;
import static io.lambdaledger.reports.StoredMonth.OCTOBER;
import static io.lambdaledger.reports.StoredMonth.PAYER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.bill.BillImport;
import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.core.costing.BillCover;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.costing.PricedLine;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.StoredLedger;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * With October's bill imported for 1–15 October (the api function only), the report takes the bill
 * for those days and the estimate after, by the rule of {@code /costs?source=best}: api gets a row
 * from the bill (its amounts to the cent, AWS's invoice id) and a row estimated from 16 October;
 * every other function only its estimate from 16 October. Each row says which.
 */
class BilledRowsTest {

  private static final Clock CLOCK = Clock.fixed(NOVEMBER_5, ZoneOffset.UTC);
  private static final String API_ARN = "arn:aws:lambda:us-east-1:" + A + ":function:api";
  private static final Instant OCTOBER_1 = Instant.parse("2026-10-01T00:00:00Z");
  private static final Instant OCTOBER_16 = Instant.parse("2026-10-16T00:00:00Z");
  private static final Instant NOVEMBER_1 = Instant.parse("2026-11-01T00:00:00Z");
  private static final String INVOICE = "2026-10-INV-1234";

  private static void importBill(TestDatabase db) {
    new BillStore(db.dsl())
        .replace(
            new BillImport(
                "s3://bills/cur", "2026-10", "CUR2", "v1", 0, BigDecimal.ZERO, Instant.EPOCH),
            sink -> {
              int n = 0;
              for (int day = 1; day <= 15; day++) {
                sink.add(
                    1, ++n, line(day, ChargeKind.REQUESTS, "USE1-Request", "500000", "0.1000"));
                sink.add(
                    1,
                    ++n,
                    line(day, ChargeKind.DURATION, "USE1-Lambda-GB-Second", "64000", "1.0600"));
                sink.add(
                    1,
                    ++n,
                    line(
                        day,
                        ChargeKind.EPHEMERAL_STORAGE,
                        "USE1-Lambda-Storage-GB-Second",
                        "96000",
                        "0.0030"));
              }
            });
  }

  private static BillLine line(
      int day, ChargeKind kind, String usageType, String usage, String cost) {
    return new BillLine(
        PAYER,
        A,
        "us-east-1",
        API_ARN,
        LocalDate.of(2026, 10, day),
        kind,
        LineType.USAGE,
        usageType,
        new BigDecimal(usage),
        new BigDecimal(cost),
        new BigDecimal(cost),
        new BigDecimal(cost),
        INVOICE);
  }

  private static List<ReportRow> rows(TestDatabase db) throws IOException {
    List<ReportRow> rows = new ArrayList<>();
    new StoredRows(db.dsl(), PriceBooks.bundled(), CLOCK)
        .rows(OCTOBER, AccountScope.all(), rows::add);
    return rows;
  }

  /** Each function's estimated cost from 16 October: month to date at the end less at the 16th. */
  private static Map<FunctionKey, BigDecimal> estimateAfterTheBill(TestDatabase db) {
    MonthPricing pricing = new MonthPricing(PriceBooks.bundled());
    Map<FunctionKey, BigDecimal> out = new HashMap<>();
    add(out, pricing.price(OCTOBER, usage(db, NOVEMBER_1)).lines(AccountScope.all()), 1);
    add(out, pricing.price(OCTOBER, usage(db, OCTOBER_16)).lines(AccountScope.all()), -1);
    return out;
  }

  private static List<FunctionUsage> usage(TestDatabase db, Instant end) {
    return StoredLedger.usage(db.dsl()).totals(OCTOBER_1, end);
  }

  private static void add(Map<FunctionKey, BigDecimal> out, List<PricedLine> lines, int sign) {
    for (PricedLine line : lines) {
      out.merge(
          line.usage().function(),
          line.cost().total().multiply(BigDecimal.valueOf(sign)),
          BigDecimal::add);
    }
  }

  @OnEachDatabase
  void coveredDaysComeFromTheBillToTheCentAndTheRestFromTheEstimate(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth.store(db, CLOCK);
      importBill(db);

      List<ReportRow> rows = rows(db);

      List<ReportRow> billed = rows.stream().filter(r -> r.origin().billed()).toList();
      assertThat(billed).hasSize(1);
      ReportRow api = billed.get(0);
      assertThat(api.functionName()).isEqualTo("api");
      assertThat(api.origin())
          .isEqualTo(new RowOrigin(BillCover.Source.BILLED, OCTOBER_1, OCTOBER_16));
      assertThat(api.requests()).isEqualTo(7_500_000);
      assertThat(api.cost(io.lambdaledger.reports.ChargeKind.REQUESTS))
          .isEqualByComparingTo("1.50");
      assertThat(api.cost(io.lambdaledger.reports.ChargeKind.DURATION))
          .isEqualByComparingTo("15.90");
      assertThat(api.cost(io.lambdaledger.reports.ChargeKind.EPHEMERAL_STORAGE))
          .isEqualByComparingTo("0.05");
      assertThat(api.totalCost()).isEqualByComparingTo("17.45");
      assertThat(api.charges()).extracting(ChargeLine::invoiceId).containsOnly(INVOICE);
      assertThat(api.notes()).contains("from the AWS bill: 2026-10-01 to 2026-10-15");

      Map<FunctionKey, BigDecimal> after = estimateAfterTheBill(db);
      Map<FunctionKey, BigDecimal> estimated = new HashMap<>();
      for (ReportRow row : rows) {
        if (!row.origin().billed()) {
          assertThat(row.origin())
              .isEqualTo(new RowOrigin(BillCover.Source.ESTIMATE, OCTOBER_16, NOVEMBER_1));
          assertThat(row.charges()).extracting(ChargeLine::invoiceId).containsOnlyNulls();
          estimated.merge(
              new FunctionKey(row.accountId(), row.region(), row.functionName()),
              row.totalCost(),
              BigDecimal::add);
        }
      }
      assertThat(estimated.keySet()).isEqualTo(after.keySet());
      after.forEach(
          (function, total) ->
              assertThat(estimated.get(function)).as("%s", function).isEqualByComparingTo(total));
      assertThat(rows.indexOf(api))
          .isLessThan(
              rows.indexOf(
                  rows.stream()
                      .filter(r -> r.functionName().equals("api") && !r.origin().billed())
                      .findFirst()
                      .orElseThrow()));
    }
  }

  @OnEachDatabase
  void theCsvAndFocusSayTheSourceOfEveryRowAndFocusCarriesTheInvoiceId(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth.store(db, CLOCK);
      importBill(db);
      List<ReportRow> rows = rows(db);

      List<CSVRecord> plain =
          TestCsv.records(TestCsv.write(out -> new PlainCsvWriter(out, List.of()), rows));
      List<CSVRecord> focus = TestCsv.records(TestCsv.write(FocusCsvWriter::new, rows));

      assertThat(plain).extracting(r -> r.get("source")).contains("billed", "estimate");
      assertThat(plain)
          .filteredOn(r -> r.get("source").equals("billed"))
          .extracting(r -> r.get("function_name"), r -> r.get("total_cost"))
          .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "17.45"));
      for (CSVRecord r : focus) {
        boolean billed = r.get("x_CostSource").equals("billed");
        assertThat(r.get("x_CostSource")).isIn("billed", "estimate");
        assertThat(r.get("x_Estimated")).isEqualTo(billed ? "false" : "true");
        assertThat(r.get("InvoiceId")).isEqualTo(billed ? INVOICE : "");
        assertThat(r.get("ChargePeriodStart"))
            .isEqualTo(billed ? "2026-10-01T00:00:00Z" : "2026-10-16T00:00:00Z");
        assertThat(r.get("ChargePeriodEnd"))
            .isEqualTo(billed ? "2026-10-16T00:00:00Z" : "2026-11-01T00:00:00Z");
        assertThat(r.get("BillingPeriodStart")).isEqualTo("2026-10-01T00:00:00Z");
        if (billed) {
          assertThat(new BigDecimal(r.get("BilledCost")))
              .as("%s", r.get("SkuMeter"))
              .isLessThanOrEqualTo(new BigDecimal(r.get("ListCost")));
        }
      }
      assertThat(TestCsv.sum(focus, "BilledCost", r -> r.get("x_CostSource").equals("billed")))
          .isEqualByComparingTo("17.45");
      // The storage cent the bill's rounding put above its list cost moved to duration.
      assertThat(focus)
          .filteredOn(r -> r.get("x_CostSource").equals("billed"))
          .extracting(r -> r.get("SkuMeter"), r -> r.get("BilledCost"))
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("Requests", "1.50"),
              org.assertj.core.groups.Tuple.tuple("Duration", "15.91"),
              org.assertj.core.groups.Tuple.tuple("Ephemeral Storage", "0.04"));
    }
  }
}
