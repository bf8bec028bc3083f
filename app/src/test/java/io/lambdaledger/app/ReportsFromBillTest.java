package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.billing.BillImporter;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.costing.BillCover;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.StoredLedger;
import io.lambdaledger.db.WatermarkStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.reports.MonthlyReports;
import io.lambdaledger.reports.ReportFormat;
import io.lambdaledger.reports.ReportRequest;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The monthly reports of a simulator month use its imported bill as {@code /costs?source=best}
 * does: rows of the days the bill covers carry the bill's amounts to the cent and say {@code
 * billed}, the rest say {@code estimate}; once AWS has invoiced the month, FOCUS rows from the bill
 * carry its invoice id.
 */
class ReportsFromBillTest {

  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOVEMBER_16 = Instant.parse("2026-11-16T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

  /** The plain CSV's cost columns, in the order of {@link ChargeKind}. */
  private static final List<String> CHARGE_COLUMNS =
      List.of(
          "request_cost",
          "duration_cost",
          "ephemeral_storage_cost",
          "provisioned_concurrency_cost",
          "provisioned_duration_cost");

  private static final BigDecimal CENT = new BigDecimal("0.01");

  private static BigDecimal sum(java.util.Collection<BigDecimal> amounts) {
    return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The month to date, 16 November at noon: the export holds 1–15 November, not invoiced. */
  @OnEachDatabase
  void rowsOfTheBilledDaysAreTheBillToTheCentAndTheRestAreEstimated(DatabaseKind kind)
      throws IOException {
    Instant now = Instant.parse("2026-11-16T12:00:00Z");
    try (Month month = Month.collect(kind, now, now)) {
      month.importBill(AwsSimulator.CUR2_CSV_EXPORT);

      List<CSVRecord> plain = month.report(ReportFormat.CSV);
      List<CSVRecord> focus = month.report(ReportFormat.FOCUS);

      Map<String, Map<String, BigDecimal>> bill = month.billedCharges();
      assertThat(bill).isNotEmpty();
      Map<String, BigDecimal> billedRows = new TreeMap<>();
      Map<String, Long> estimatedRequests = new TreeMap<>();
      for (CSVRecord r : plain) {
        assertThat(r.get("source")).isIn("billed", "estimate");
        if (r.get("source").equals("billed")) {
          assertThat(billedRows.put(r.get("function_arn"), new BigDecimal(r.get("total_cost"))))
              .as("one billed row per function")
              .isNull();
          Map<String, BigDecimal> charges = bill.get(r.get("function_arn"));
          assertThat(charges).as(r.get("function_arn")).isNotNull();
          for (String column : CHARGE_COLUMNS) {
            BigDecimal exact = charges.getOrDefault(column, BigDecimal.ZERO);
            assertThat(new BigDecimal(r.get(column)).subtract(exact).abs())
                .as(
                    "%s %s: %s against the bill's %s",
                    r.get("function_name"), column, r.get(column), exact)
                .isLessThanOrEqualTo(CENT);
          }
        } else {
          estimatedRequests.merge(
              r.get("function_arn"), Long.parseLong(r.get("requests")), Long::sum);
        }
      }
      assertThat(billedRows.keySet()).isEqualTo(bill.keySet());
      assertThat(sum(billedRows.values())).isEqualByComparingTo(month.billedTotal());
      assertThat(estimatedRequests).isEqualTo(month.requestsAfter(NOVEMBER_16));
      assertThat(estimatedRequests.values().stream().mapToLong(Long::longValue).sum()).isPositive();

      for (CSVRecord r : focus) {
        boolean billed = r.get("x_CostSource").equals("billed");
        assertThat(r.get("ChargePeriodStart"))
            .isEqualTo(billed ? "2026-11-01T00:00:00Z" : "2026-11-16T00:00:00Z");
        assertThat(r.get("InvoiceId")).as("not invoiced yet").isEmpty();
      }
      Map<String, BigDecimal> focusBilled = new TreeMap<>();
      for (CSVRecord r : focus) {
        if (r.get("x_CostSource").equals("billed")) {
          focusBilled.merge(
              r.get("ResourceId"), new BigDecimal(r.get("BilledCost")), BigDecimal::add);
        }
      }
      assertThat(focusBilled).isEqualTo(billedRows);
    }
  }

  /** 6 December: November is closed and invoiced, and the bill covers all of it. */
  @OnEachDatabase
  void anInvoicedMonthIsAllFromTheBillWithAwssInvoiceId(DatabaseKind kind) throws IOException {
    try (Month month = Month.collect(kind, Instant.parse("2026-12-06T12:00:00Z"), TO)) {
      month.importBill(AwsSimulator.FOCUS_PARQUET_EXPORT);

      List<CSVRecord> focus = month.report(ReportFormat.FOCUS);

      Set<String> invoices = new HashSet<>();
      for (BilledAmount amount : month.amounts()) {
        if (amount.invoiceId() != null) {
          invoices.add(amount.invoiceId());
        }
      }
      assertThat(invoices).hasSize(1);
      assertThat(focus).isNotEmpty();
      assertThat(focus).extracting(r -> r.get("x_CostSource")).containsOnly("billed");
      assertThat(focus).extracting(r -> r.get("x_Estimated")).containsOnly("false");
      assertThat(focus)
          .extracting(r -> r.get("InvoiceId"))
          .containsOnly(invoices.iterator().next());
      Map<String, BigDecimal> focusBilled = new TreeMap<>();
      Map<String, BigDecimal> room = new TreeMap<>();
      for (CSVRecord r : focus) {
        BigDecimal billed = new BigDecimal(r.get("BilledCost"));
        BigDecimal list = new BigDecimal(r.get("ListCost"));
        focusBilled.merge(r.get("ResourceId"), billed, BigDecimal::add);
        room.merge(
            r.get("ResourceId"),
            list.setScale(2, RoundingMode.FLOOR).subtract(billed),
            BigDecimal::add);
      }
      // BilledCost <= ListCost on every charge of a function whose cents fit under its list costs
      // at all (docs/reports.md: a function with under a cent of usage given a cent cannot).
      for (CSVRecord r : focus) {
        if (room.get(r.get("ResourceId")).signum() >= 0) {
          assertThat(new BigDecimal(r.get("BilledCost")))
              .as("%s %s", r.get("ResourceName"), r.get("SkuMeter"))
              .isLessThanOrEqualTo(new BigDecimal(r.get("ListCost")));
        }
      }
      assertThat(room.values().stream().filter(x -> x.signum() >= 0).count())
          .as("most functions have room: %s", room)
          .isGreaterThan(room.size() / 2);
      assertThat(focusBilled.keySet()).isEqualTo(month.billedCharges().keySet());
      assertThat(sum(focusBilled.values())).isEqualByComparingTo(month.billedTotal());
    }
  }

  /** A simulator month collected up to {@code collectedTo}, in a fresh database. */
  private static final class Month implements AutoCloseable {
    final Clock clock;
    final AwsSimulator sim;
    final TestDatabase db;
    final S3Client s3;

    private Month(Clock clock, AwsSimulator sim, TestDatabase db) {
      this.clock = clock;
      this.sim = sim;
      this.db = db;
      this.s3 = SimulatedAws.s3(sim);
    }

    static Month collect(DatabaseKind kind, Instant now, Instant collectedTo) {
      Clock clock = Clock.fixed(now, ZoneOffset.UTC);
      AwsSimulator sim =
          AwsSimulator.start(
              SimulatorSettings.defaults().withFunctions(12).withSeed(31).withClock(clock));
      Month month = new Month(clock, sim, TestDatabases.fresh(kind));
      try (AwsClientFactory clients = SimulatedAws.clients(sim, 3, 8)) {
        Collector collector =
            SimulatedAws.collector(
                month.db.database(),
                clients,
                SimulatedAws.settings(),
                clock,
                "reports-from-bill-test");
        SimulatedAws.backfill(collector, FROM, collectedTo);
      }
      return month;
    }

    void importBill(String export) {
      new BillImporter(s3, new BillStore(db.dsl()), clock).importExport(export, NOVEMBER);
    }

    List<BilledAmount> amounts() {
      return StoredLedger.bill(db.database()).amounts(NOVEMBER);
    }

    /** Per function ARN, the bill's exact cost of each charge, by plain CSV column. */
    Map<String, Map<String, BigDecimal>> billedCharges() {
      Map<String, Map<String, BigDecimal>> charges = new TreeMap<>();
      for (BilledAmount amount : amounts()) {
        if (amount.functionArn() != null
            && BillCover.chargesUsage(amount.lineType())
            && amount.chargeKind() != ChargeKind.OTHER) {
          charges
              .computeIfAbsent(amount.functionArn(), k -> new HashMap<>())
              .merge(
                  CHARGE_COLUMNS.get(amount.chargeKind().ordinal()),
                  amount.billedCost(),
                  BigDecimal::add);
        }
      }
      return charges;
    }

    /** The bill's functions' charges, summed exactly and rounded to the cent. */
    BigDecimal billedTotal() {
      BigDecimal total = BigDecimal.ZERO;
      for (Map<String, BigDecimal> charges : billedCharges().values()) {
        total = total.add(sum(charges.values()));
      }
      return total.setScale(2, RoundingMode.HALF_UP);
    }

    /** Per function ARN with usage after {@code from}, its stored requests from then on. */
    Map<String, Long> requestsAfter(Instant from) {
      Map<String, Long> out = new TreeMap<>();
      for (FunctionUsage usage : StoredLedger.usage(db.database()).totals(from, TO)) {
        String arn =
            "arn:aws:lambda:"
                + usage.function().region()
                + ":"
                + usage.function().accountId()
                + ":function:"
                + usage.function().name();
        out.merge(arn, usage.usage().requests(), Long::sum);
      }
      out.values().removeIf(requests -> requests == 0);
      return out;
    }

    List<CSVRecord> report(ReportFormat format) throws IOException {
      MonthlyReports reports =
          new MonthlyReports(
              db.dsl(),
              new WatermarkStore(db.dsl(), clock)::list,
              PriceBooks.bundled(),
              MonthlyReports.finalityHorizon(Duration.ofMinutes(10)),
              clock);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      reports.write(ReportRequest.of(NOVEMBER, format).withAllowPartial(true), out);
      CSVFormat csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
      try (CSVParser parser =
          CSVParser.parse(new StringReader(out.toString(StandardCharsets.UTF_8)), csv)) {
        return parser.getRecords();
      }
    }

    @Override
    public void close() {
      s3.close();
      db.close();
      sim.close();
    }
  }
}
