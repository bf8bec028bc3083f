package io.lambdaledger.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.MutableClock;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import io.lambdaledger.sim.Truth;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The simulator's exports of a month, imported through the real SDK S3 client into H2 and
 * PostgreSQL: the billed total equals the truth's bill to the cent, whatever the table and format.
 */
class BillImportTest {

  static final Instant OCTOBER = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
  static final YearMonth MONTH = YearMonth.of(2026, 10);

  static MutableClock clock;
  static AwsSimulator sim;
  static S3Client s3;
  static Truth october;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2026-11-04T07:00:00Z"));
    sim =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(30)
                .withAccounts(2)
                .withSeed(31)
                .withStart(OCTOBER)
                .withClock(clock));
    s3 = TestS3.client(sim);
    october = sim.truth(OCTOBER, NOVEMBER);
  }

  @AfterAll
  static void stop() {
    s3.close();
    sim.close();
  }

  static Stream<Arguments> exportsAndDatabases() {
    return TestDatabases.kinds()
        .flatMap(
            kind ->
                Stream.of(
                        AwsSimulator.CUR2_CSV_EXPORT,
                        AwsSimulator.CUR2_PARQUET_EXPORT,
                        AwsSimulator.FOCUS_CSV_EXPORT,
                        AwsSimulator.FOCUS_PARQUET_EXPORT)
                    .map(export -> Arguments.of(kind, export)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("exportsAndDatabases")
  void theImportedMonthEqualsTheTruthsBillToTheCentAndReimportingChangesNothing(
      DatabaseKind kind, String export) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      BillStore store = new BillStore(db.dsl());
      BillImporter importer = new BillImporter(s3, store, clock);

      List<ImportResult> first = importer.importExport(export, MONTH);
      BillStore.PeriodTotals totals = store.totals("2026-10");
      List<ImportResult> again = importer.importExport(export, MONTH);

      assertThat(first)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.outcome()).isEqualTo(ImportResult.Outcome.IMPORTED);
                assertThat(r.lambdaLines()).isPositive();
              });
      assertThat(totals.billed()).isEqualByComparingTo(october.billTotal());
      // Net: covered usage at the plan's rate instead of the rounded fee; within a cent per payer.
      assertThat(totals.net().subtract(october.billTotal()).abs())
          .isLessThanOrEqualTo(new BigDecimal("0.02"));
      assertThat(totals.unallocated()).isNegative(); // fees and credits; the credit is larger
      assertThat(again)
          .singleElement()
          .extracting(ImportResult::outcome)
          .isEqualTo(ImportResult.Outcome.UNCHANGED);
      assertThat(store.totals("2026-10")).isEqualTo(totals);
      assertThat(store.amounts("2026-10"))
          .extracting(BillStore.BilledAmount::lineType)
          .contains(
              LineType.USAGE,
              LineType.SAVINGS_PLAN_COVERED,
              LineType.SAVINGS_PLAN_FEE,
              LineType.CREDIT);
    }
  }

  @OnEachDatabase
  void aRestatedMonthReplacesTheMonthToDateOnce(DatabaseKind kind) {
    MutableClock early = new MutableClock(Instant.parse("2026-10-20T07:00:00Z"));
    try (AwsSimulator midMonth =
            AwsSimulator.start(
                SimulatorSettings.defaults()
                    .withFunctions(12)
                    .withSeed(32)
                    .withStart(OCTOBER)
                    .withClock(early));
        S3Client client = TestS3.client(midMonth);
        TestDatabase db = TestDatabases.fresh(kind)) {
      BillStore store = new BillStore(db.dsl());
      BillImporter importer = new BillImporter(client, store, early);

      ImportResult toDate = importer.importExport(AwsSimulator.CUR2_CSV_EXPORT, MONTH).get(0);
      Truth twentiethBill = midMonth.truth(OCTOBER, Instant.parse("2026-10-20T00:00:00Z"));
      early.advance(Duration.ofDays(20));
      ImportResult closed = importer.importExport(AwsSimulator.CUR2_CSV_EXPORT, MONTH).get(0);
      ImportResult again = importer.importExport(AwsSimulator.CUR2_CSV_EXPORT, MONTH).get(0);

      // The month to date has no credit yet: it comes with the restatement at month close.
      assertThat(toDate.billedTotal())
          .isEqualByComparingTo(twentiethBill.billTotal().subtract(twentiethBill.credit()));
      assertThat(closed.outcome()).isEqualTo(ImportResult.Outcome.REPLACED);
      assertThat(closed.version()).isNotEqualTo(toDate.version());
      assertThat(again.outcome()).isEqualTo(ImportResult.Outcome.UNCHANGED);
      assertThat(store.totals("2026-10").billed())
          .isEqualByComparingTo(midMonth.truth(OCTOBER, NOVEMBER).billTotal());
    }
  }
}
