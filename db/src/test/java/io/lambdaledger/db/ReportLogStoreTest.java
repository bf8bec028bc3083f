package io.lambdaledger.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.ledger.ReportLogs;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.ReportLogDay;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The Logs Insights aggregates and the scan spend, on H2 and PostgreSQL (migration V14). */
class ReportLogStoreTest {

  private static final FunctionKey F = new FunctionKey("123456789012", "us-east-1", "api");
  private static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant NOV_3 = Instant.parse("2026-11-03T00:00:00Z");
  private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");

  private static ReportLogDay day(int dayOfMonth, long reports, int maxUsed) {
    return new ReportLogDay(
        F,
        LocalDate.of(2026, 11, dayOfMonth),
        reports,
        1024,
        maxUsed,
        new BigDecimal("1234.500"),
        3,
        new BigDecimal("600.250"),
        0);
  }

  @OnEachDatabase
  void storesDaysAsUpsertsAndMetersTheBytesOfTheMonthsQueries(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      ReportLogStore store = new ReportLogStore(db.dsl());
      store.store(
          "q1", F, NOV_1, NOV_3, NOV_3, 1L << 30, List.of(day(1, 100, 300), day(2, 90, 310)));
      // a rescan of day 2 rewrites it; the query is a second one. Stored twice: idempotent, the
      // same query stored again changes nothing
      for (int stored = 0; stored < 2; stored++) {
        store.store(
            "q2",
            F,
            NOV_1.plusSeconds(86_400),
            NOV_3,
            NOV_3.plusSeconds(60),
            1L << 29,
            List.of(day(2, 95, 320)));
      }

      assertThat(store.days(NOV_1, DEC_1)).containsExactly(day(1, 100, 300), day(2, 95, 320));
      assertThat(store.days(NOV_1.plusSeconds(86_400), DEC_1)).containsExactly(day(2, 95, 320));
      assertThat(store.scannedDays(F, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5)))
          .isEqualTo(Set.of(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)));
      ReportLogs.ScanSpend spend = store.spend(NOV_1, DEC_1);
      assertThat(spend.queries()).isEqualTo(2);
      assertThat(spend.bytesScanned()).isEqualTo((1L << 30) + (1L << 29));
      assertThat(spend.costUsd()).isEqualByComparingTo("0.0075");
      assertThat(store.spend(DEC_1, DEC_1.plusSeconds(86_400)).queries()).isZero();
    }
  }
}
