package io.lambdaledger.reports;

import static io.lambdaledger.reports.StoredMonth.A;
import static io.lambdaledger.reports.StoredMonth.B;
import static io.lambdaledger.reports.StoredMonth.FORMULA;
import static io.lambdaledger.reports.StoredMonth.NOVEMBER_5;
import static io.lambdaledger.reports.StoredMonth.OCTOBER;
import static io.lambdaledger.reports.StoredMonth.SOLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Rows priced from stored rollups (H2 and PostgreSQL), before any CSV is written. */
class StoredRowsTest {

  private static final Clock CLOCK = Clock.fixed(NOVEMBER_5, ZoneOffset.UTC);

  private static List<ReportRow> rows(TestDatabase db, AccountScope scope) throws IOException {
    List<ReportRow> rows = new ArrayList<>();
    new StoredRows(db.dsl(), PriceBooks.bundled(), CLOCK).rows(OCTOBER, scope, rows::add);
    return rows;
  }

  private static BigDecimal total(List<ReportRow> rows) {
    return rows.stream().map(ReportRow::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @OnEachDatabase
  void rowsAreSortedByAccountRegionFunctionAndFirstUse(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth.store(db, CLOCK);

      List<ReportRow> rows = rows(db, AccountScope.all());

      assertThat(rows)
          .extracting(
              ReportRow::accountId, ReportRow::region, ReportRow::functionName, ReportRow::memoryMb)
          .containsExactly(
              tuple(A, "eu-west-1", "worker", 2048),
              tuple(A, "us-east-1", FORMULA, 128),
              tuple(A, "us-east-1", "api", 1024),
              tuple(B, "us-east-1", "batch", 512),
              tuple(B, "us-east-1", "batch", 2048),
              tuple(SOLO, "us-east-1", "lone", 256));
      assertThat(rows)
          .allSatisfy(
              row ->
                  assertThat(row.totalCost())
                      .isEqualByComparingTo(
                          row.charges().stream()
                              .map(ChargeLine::cost)
                              .reduce(BigDecimal.ZERO, BigDecimal::add)));
    }
  }

  @OnEachDatabase
  void aConfigurationChangeGivesOneRowPerConfigurationAndSaysSo(DatabaseKind kind)
      throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth.store(db, CLOCK);

      List<ReportRow> rows = rows(db, AccountScope.all());

      assertThat(rows.get(3).notes())
          .containsExactly(
              "configuration changed during the month: row 1 of 2, x86_64 512 MB, used from"
                  + " 2026-10-01");
      assertThat(rows.get(4).notes())
          .containsExactly(
              "configuration changed during the month: row 2 of 2, x86_64 2048 MB, used from"
                  + " 2026-10-16");
      assertThat(rows.get(2).notes()).isEmpty();
    }
  }

  @OnEachDatabase
  void filteringAccountsListsFewerRowsWithTheSameAmounts(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth.store(db, CLOCK);

      List<ReportRow> all = rows(db, AccountScope.all());
      List<ReportRow> onlyB = rows(db, AccountScope.only(List.of(B)));

      assertThat(onlyB).extracting(ReportRow::accountId).containsOnly(B);
      assertThat(onlyB)
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(
              all.stream().filter(row -> row.accountId().equals(B)).toList());
      assertThat(total(onlyB)).isPositive();
      assertThat(rows(db, AccountScope.only(List.of()))).isEmpty();
    }
  }

  @OnEachDatabase
  void rowsCarryInventoryNamesArnsTagsAndTheChargesThatApply(DatabaseKind kind) throws IOException {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      StoredMonth.store(db, CLOCK);

      List<ReportRow> rows = rows(db, AccountScope.all());
      ReportRow api = rows.get(2);
      ReportRow batch = rows.get(3);
      ReportRow lone = rows.get(5);

      assertThat(api.payerAccountName()).isEqualTo("Acme org");
      assertThat(api.accountName()).isEqualTo("payments-prod");
      assertThat(api.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:111111111111:function:api");
      assertThat(api.tags()).containsEntry("team", "payments");
      assertThat(api.requests()).isEqualTo(11 * 1_000_000L);
      assertThat(api.ephemeralStorageMb()).isEqualTo(2048);
      assertThat(api.priceVersion()).isNotBlank();
      assertThat(api.currency()).isEqualTo("USD");
      assertThat(api.charges())
          .extracting(ChargeLine::kind, ChargeLine::usageType)
          .containsExactly(
              tuple(ChargeKind.REQUESTS, "Request"),
              tuple(ChargeKind.DURATION, "Lambda-GB-Second"),
              tuple(ChargeKind.EPHEMERAL_STORAGE, "Lambda-Storage-GB-Second"),
              tuple(ChargeKind.PROVISIONED_CONCURRENCY, "Lambda-Provisioned-Concurrency"),
              tuple(ChargeKind.PROVISIONED_DURATION, "Lambda-Provisioned-GB-Second"));
      assertThat(batch.tags()).containsEntry("team", "+cmd");
      assertThat(batch.charges())
          .extracting(ChargeLine::kind)
          .containsExactly(ChargeKind.REQUESTS, ChargeKind.DURATION);
      assertThat(lone.payerAccountId()).isEqualTo(SOLO);
      assertThat(lone.totalCost()).isEqualByComparingTo("0.00");
      assertThat(lone.freeTierCredit()).isPositive();
    }
  }
}
