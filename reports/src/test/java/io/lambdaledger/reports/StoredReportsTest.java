package io.lambdaledger.reports;

import static io.lambdaledger.reports.StoredMonth.A;
import static io.lambdaledger.reports.StoredMonth.B;
import static io.lambdaledger.reports.StoredMonth.FORMULA;
import static io.lambdaledger.reports.StoredMonth.NOVEMBER_5;
import static io.lambdaledger.reports.StoredMonth.OCTOBER;
import static io.lambdaledger.reports.StoredMonth.SOLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.costing.BillableUsage;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.UsageQuery;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reports over real stores (H2 and PostgreSQL), parsed back with commons-csv and checked against
 * the cost engine pricing the same stored usage.
 */
class StoredReportsTest {

  private static final Clock CLOCK = Clock.fixed(NOVEMBER_5, ZoneOffset.UTC);
  private static final Duration HORIZON = MonthlyReports.finalityHorizon(Duration.ofMinutes(10));
  private static final Instant NOVEMBER_1 = Instant.parse("2026-11-01T00:00:00Z");

  private static MonthlyReports reports(StoredMonth month, List<Watermark> watermarks) {
    return new MonthlyReports(month.dsl, () -> watermarks, PriceBooks.bundled(), HORIZON, CLOCK);
  }

  private static List<Watermark> completeTo(Instant instant) {
    return List.of(
        new Watermark(A, "us-east-1", instant, instant),
        new Watermark(A, "eu-west-1", instant, instant),
        new Watermark(B, "us-east-1", instant, instant),
        new Watermark(SOLO, "us-east-1", instant, instant));
  }

  /** What the cost engine says the stored month costs, priced on its own. */
  private static CostReport engine(StoredMonth month) {
    return new CostEngine(PriceBooks.bundled())
        .price(
            OCTOBER,
            month.usage.usageByFunction(UsageQuery.month(OCTOBER)).stream()
                .map(BillableUsage::of)
                .toList(),
            CostOptions.DEFAULT);
  }

  private static List<CSVRecord> write(MonthlyReports reports, ReportRequest request)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    reports.write(request, out);
    return TestCsv.records(out);
  }

  @OnEachDatabase
  void theCsvAndTheConformingFocusDatasetAddUpToTheCostEngineTotalToTheCent(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth month = StoredMonth.store(db, CLOCK);
      MonthlyReports reports = reports(month, completeTo(NOVEMBER_1));

      List<CSVRecord> csv = write(reports, ReportRequest.of(OCTOBER, ReportFormat.CSV));
      List<CSVRecord> focus = write(reports, ReportRequest.of(OCTOBER, ReportFormat.FOCUS));

      BigDecimal engineTotal = engine(month).total();
      assertThat(engineTotal).isGreaterThan(new BigDecimal("10"));
      assertThat(TestCsv.sum(csv, "total_cost")).isEqualByComparingTo(engineTotal);
      assertThat(reports.totalCost(OCTOBER, AccountScope.all())).isEqualByComparingTo(engineTotal);
      assertThat(csv).hasSize(6);
      assertThat(csv)
          .allSatisfy(record -> assertThat(record.get("total_cost")).matches("-?\\d+\\.\\d{2}"));
      focus.forEach(FocusColumns::assertConforms);
      assertThat(TestCsv.sum(focus, "BilledCost")).isEqualByComparingTo(engineTotal);
      assertThat(focus)
          .extracting(record -> record.get("SkuMeter"))
          .contains("Ephemeral Storage", "Provisioned Concurrency", "Provisioned Duration");
    }
  }

  @OnEachDatabase
  void userInputThatLooksLikeAFormulaComesOutNeutralised(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth month = StoredMonth.store(db, CLOCK);
      MonthlyReports reports = reports(month, completeTo(NOVEMBER_1));

      List<CSVRecord> csv =
          write(
              reports, ReportRequest.of(OCTOBER, ReportFormat.CSV).withTagColumns(List.of("team")));
      List<CSVRecord> focus = write(reports, ReportRequest.of(OCTOBER, ReportFormat.FOCUS));

      assertThat(csv).extracting(r -> r.get("function_name")).contains("'" + FORMULA);
      assertThat(csv).extracting(r -> r.get("tag:team")).contains("'+cmd");
      assertThat(focus).extracting(r -> r.get("ResourceName")).contains("'" + FORMULA);
      assertThat(csv)
          .flatExtracting(record -> record.toList())
          .noneSatisfy(cell -> assertThat(cell).matches("^[=+@\\t\\r].*"));
    }
  }

  @OnEachDatabase
  void aMonthStillOpenIsRefusedUnlessPartialIsAllowed(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth month = StoredMonth.store(db, CLOCK);
      MonthlyReports reports = reports(month, completeTo(NOVEMBER_5));
      ReportRequest november = ReportRequest.of(OCTOBER.plusMonths(1), ReportFormat.CSV);

      assertThatThrownBy(() -> write(reports, november))
          .isInstanceOf(MonthNotFinalException.class)
          .hasMessage(
              "month 2026-11 is not final yet: usage can still change until 2026-12-01T00:25:00Z"
                  + " (the month's end plus the 25-minute finality horizon)");
      List<CSVRecord> partial = write(reports, november.withAllowPartial(true));
      assertThat(partial)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.get("notes")).startsWith("PARTIAL: month not final"));
    }
  }

  @OnEachDatabase
  void aMonthIsNotFinalWhileCollectionLagsBehindItsEnd(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth month = StoredMonth.store(db, CLOCK);
      Instant lagging = Instant.parse("2026-10-30T00:00:00Z");
      List<Watermark> watermarks = new ArrayList<>(completeTo(NOVEMBER_1));
      watermarks.set(2, new Watermark(B, "us-east-1", lagging, lagging));
      MonthlyReports reports = reports(month, watermarks);

      assertThatThrownBy(() -> write(reports, ReportRequest.of(OCTOBER, ReportFormat.CSV)))
          .isInstanceOf(MonthNotFinalException.class)
          .hasMessageContaining("account 222222222222 in us-east-1 is collected only up to");
      assertThat(reports.isFinal(OCTOBER, AccountScope.only(List.of(A)))).isTrue();
      assertThat(
              write(
                  reports,
                  ReportRequest.of(OCTOBER, ReportFormat.CSV)
                      .withAccounts(AccountScope.only(List.of(A)))))
          .hasSize(3);
    }
  }

  @OnEachDatabase
  void anAccountsReportAddsUpToWhatTheEngineChargesThatAccount(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth month = StoredMonth.store(db, CLOCK);
      MonthlyReports reports = reports(month, completeTo(NOVEMBER_1));
      AccountScope onlyB = AccountScope.only(List.of(B));

      List<CSVRecord> csv =
          write(reports, ReportRequest.of(OCTOBER, ReportFormat.CSV).withAccounts(onlyB));

      BigDecimal engineB = engine(month).sumBy(line -> line.line().account()).get(B).total();
      assertThat(csv).extracting(r -> r.get("account_id")).containsOnly(B);
      assertThat(csv).hasSize(2);
      assertThat(TestCsv.sum(csv, "total_cost")).isEqualByComparingTo(engineB);
      assertThat(reports.totalCost(OCTOBER, onlyB)).isEqualByComparingTo(engineB);
    }
  }
}
