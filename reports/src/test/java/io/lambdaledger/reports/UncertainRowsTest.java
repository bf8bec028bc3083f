package io.lambdaledger.reports;

import static io.lambdaledger.reports.StoredMonth.A;
import static io.lambdaledger.reports.StoredMonth.B;
import static io.lambdaledger.reports.StoredMonth.NOVEMBER_5;
import static io.lambdaledger.reports.StoredMonth.OCTOBER;
import static io.lambdaledger.reports.StoredMonth.SOLO;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.FunctionUnknownStore;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reports never silently wrong (H2 and PostgreSQL): a region without prices (eu-west-1, worker's)
 * gives rows with usage and empty costs, marked unpriced, instead of failing the month; a function
 * priced with inferred history and one whose provisioned concurrency could not be read say so in
 * the CSV's notes and FOCUS's x_Notes and x_HistoryProvenance.
 */
class UncertainRowsTest {

  private static final Clock CLOCK = Clock.fixed(NOVEMBER_5, ZoneOffset.UTC);
  private static final Duration HORIZON = MonthlyReports.finalityHorizon(Duration.ofMinutes(10));
  private static final Instant NOVEMBER_1 = Instant.parse("2026-11-01T00:00:00Z");
  private static final String DENIED =
      "ListProvisionedConcurrencyConfigs 403 AccessDeniedException";

  static PriceBooks withoutEuWest1() {
    PriceBook bundled = PriceBook.bundled();
    return new PriceBooks(
        List.of(
            new PriceBook(
                bundled.version() + "-without-eu-west-1",
                bundled.effectiveDate(),
                "test",
                bundled.freeTier(),
                bundled.prices().stream().filter(p -> !p.region().equals("eu-west-1")).toList())));
  }

  private static MonthlyReports reports(StoredMonth month, PriceBooks books) {
    List<Watermark> watermarks =
        List.of(
            new Watermark(A, "us-east-1", NOVEMBER_1, NOVEMBER_1),
            new Watermark(A, "eu-west-1", NOVEMBER_1, NOVEMBER_1),
            new Watermark(B, "us-east-1", NOVEMBER_1, NOVEMBER_1),
            new Watermark(SOLO, "us-east-1", NOVEMBER_1, NOVEMBER_1));
    return new MonthlyReports(month.dsl, () -> watermarks, books, HORIZON, CLOCK);
  }

  private static List<CSVRecord> write(MonthlyReports reports, ReportFormat format)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    reports.write(ReportRequest.of(OCTOBER, format), out);
    return TestCsv.records(out);
  }

  /** lone's provisioned concurrency from 1 to 10 October inferred; api's PC configs denied. */
  private static void uncertainHistory(TestDatabase db) {
    new HistoryStore(db.dsl(), CLOCK)
        .replace(
            SOLO,
            "us-east-1",
            List.of(
                new HistoryStore.Rebuilt(
                    "lone",
                    Instant.parse("2026-10-01T00:00:00Z"),
                    Instant.parse("2026-10-10T00:00:00Z"),
                    List.of(),
                    List.of(
                        new HistoryStore.AllocationSpan(
                            "live",
                            Instant.parse("2026-10-01T00:00:00Z"),
                            Instant.parse("2026-10-10T00:00:00Z"),
                            3,
                            Provenance.INFERRED)))));
    new FunctionUnknownStore(db.dsl())
        .mark(
            A,
            "us-east-1",
            List.of("api"),
            FunctionUnknownStore.Aspect.PROVISIONED_CONCURRENCY,
            FunctionUnknownStore.Reason.DENIED,
            DENIED,
            NOVEMBER_1);
  }

  @OnEachDatabase
  void aRegionWithoutPricesGivesRowsWithUsageAndNoCost(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth month = StoredMonth.store(db, CLOCK);
      MonthlyReports reports = reports(month, withoutEuWest1());

      List<CSVRecord> csv = write(reports, ReportFormat.CSV);
      CSVRecord worker =
          csv.stream().filter(r -> r.get("function_name").equals("worker")).findFirst().get();
      assertThat(Long.parseLong(worker.get("requests"))).isPositive();
      assertThat(new BigDecimal(worker.get("gb_seconds"))).isPositive();
      assertThat(worker.get("total_cost")).isEmpty();
      assertThat(worker.get("duration_cost")).isEmpty();
      assertThat(worker.get("notes")).startsWith("UNPRICED: no prices for eu-west-1");
      assertThat(csv)
          .filteredOn(r -> !r.get("function_name").equals("worker"))
          .allSatisfy(r -> assertThat(r.get("total_cost")).isNotEmpty());

      ByteArrayOutputStream focusOut = new ByteArrayOutputStream();
      ReportSummary summary =
          reports.write(ReportRequest.of(OCTOBER, ReportFormat.FOCUS), focusOut);
      List<CSVRecord> focus = write(reports, ReportFormat.FOCUS);
      assertThat(summary.lines()).isEqualTo(focus.size());
      List<CSVRecord> workerRows =
          focus.stream().filter(r -> r.get("ResourceName").equals("worker")).toList();
      assertThat(workerRows).extracting(r -> r.get("SkuMeter")).hasSize(2);
      assertThat(workerRows)
          .allSatisfy(
              r -> {
                assertThat(r.get("x_Unpriced")).isEqualTo("true");
                assertThat(r.get("BilledCost")).isEmpty();
                assertThat(r.get("ListCost")).isEmpty();
                assertThat(r.get("ListUnitPrice")).isEmpty();
                assertThat(new BigDecimal(r.get("ConsumedQuantity"))).isPositive();
                assertThat(r.get("x_Notes")).contains("UNPRICED");
              });
      assertThat(focus)
          .filteredOn(r -> !r.get("ResourceName").equals("worker"))
          .allSatisfy(r -> assertThat(r.get("x_Unpriced")).isEqualTo("false"));
      assertThat(reports.totalCost(OCTOBER, AccountScope.all())).isPositive();
    }
  }

  @OnEachDatabase
  void inferredHistoryAndUnreadConfigurationsAreNotedOnTheirRows(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth month = StoredMonth.store(db, CLOCK);
      uncertainHistory(db);
      assertThat(new HistoryStore(db.dsl(), CLOCK).provenance(OCTOBER, AccountScope.all()))
          .filteredOn(p -> p.function().name().equals("lone"))
          .extracting(FunctionProvenance::provenance)
          .containsExactly(Provenance.INFERRED);
      MonthlyReports reports = reports(month, PriceBooks.bundled());

      List<CSVRecord> csv = write(reports, ReportFormat.CSV);
      CSVRecord lone =
          csv.stream().filter(r -> r.get("function_name").equals("lone")).findFirst().get();
      assertThat(lone.get("notes"))
          .contains("history INFERRED: provisioned concurrency deduced from CloudWatch metrics")
          .containsPattern("up to \\$\\d+\\.\\d\\d at risk");
      CSVRecord api =
          csv.stream().filter(r -> r.get("function_name").equals("api")).findFirst().get();
      assertThat(api.get("notes")).contains("PC configuration could not be read: " + DENIED);
      CSVRecord worker =
          csv.stream().filter(r -> r.get("function_name").equals("worker")).findFirst().get();
      assertThat(worker.get("notes")).isEmpty();

      List<CSVRecord> focus = write(reports, ReportFormat.FOCUS);
      assertThat(focus)
          .filteredOn(r -> r.get("ResourceName").equals("lone"))
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.get("x_HistoryProvenance")).isEqualTo("INFERRED");
                assertThat(r.get("x_Notes")).contains("history INFERRED");
              });
      assertThat(focus)
          .filteredOn(r -> r.get("ResourceName").equals("api"))
          .allSatisfy(r -> assertThat(r.get("x_Notes")).contains(DENIED));
      assertThat(focus)
          .filteredOn(r -> r.get("ResourceName").equals("worker"))
          .allSatisfy(r -> assertThat(r.get("x_HistoryProvenance")).isEqualTo("OBSERVED"));
    }
  }
}
