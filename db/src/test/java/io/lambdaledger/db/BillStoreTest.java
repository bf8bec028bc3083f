package io.lambdaledger.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.bill.BillImport;
import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

class BillStoreTest {

  private static final String EXPORT = "s3://bills/exports/lambda-cur";
  private static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:api";
  private static final Instant AT = Instant.parse("2026-11-03T06:00:00Z");

  private static BillImport header(String version) {
    return new BillImport(EXPORT, "2026-10", "CUR2", version, 0, BigDecimal.ZERO, AT);
  }

  private static BillLine line(String fn, int day, LineType type, String billed, String net) {
    return new BillLine(
        "111122223333",
        "111122223333",
        "us-east-1",
        fn,
        LocalDate.of(2026, 10, day),
        fn == null ? ChargeKind.OTHER : ChargeKind.DURATION,
        type,
        fn == null ? "" : "USE1-Lambda-GB-Second",
        new BigDecimal("100.5"),
        new BigDecimal(billed),
        new BigDecimal(billed),
        new BigDecimal(net),
        null);
  }

  @OnEachDatabase
  void aRestatedVersionReplacesTheEarlierOneAndReimportingChangesNothing(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      BillStore store = new BillStore(db.dsl());
      store.replace(
          header("v1"),
          sink -> {
            sink.add(1, 1, line(FN, 1, LineType.USAGE, "1.25", "1.25"));
            sink.add(1, 2, line(FN, 2, LineType.USAGE, "2.00", "2.00"));
          });
      BillStore.LineSource restated =
          sink -> {
            sink.add(1, 1, line(FN, 1, LineType.USAGE, "1.25", "1.25"));
            sink.add(1, 2, line(FN, 2, LineType.SAVINGS_PLAN_COVERED, "2.10", "1.743"));
            sink.add(2, 1, line(null, 2, LineType.CREDIT, "-0.50", "-0.50"));
          };
      store.replace(header("v2"), restated);
      BillImport again = store.replace(header("v2"), restated);

      assertThat(again.lineItems()).isEqualTo(3);
      assertThat(again.billedTotal()).isEqualByComparingTo("2.85");
      assertThat(store.imported(EXPORT, "2026-10"))
          .get()
          .extracting(BillImport::version)
          .isEqualTo("v2");
      BillStore.PeriodTotals totals = store.totals("2026-10");
      assertThat(totals.lines()).isEqualTo(3);
      assertThat(totals.billed()).isEqualByComparingTo("2.85");
      assertThat(totals.net()).isEqualByComparingTo("2.493");
      assertThat(totals.unallocated()).isEqualByComparingTo("-0.50");
      assertThat(store.amounts("2026-10"))
          .extracting(BillStore.BilledAmount::functionArn, BillStore.BilledAmount::lineType)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(FN, LineType.USAGE),
              org.assertj.core.groups.Tuple.tuple(FN, LineType.SAVINGS_PLAN_COVERED),
              org.assertj.core.groups.Tuple.tuple(null, LineType.CREDIT));
    }
  }

  @OnEachDatabase
  void aSourceThatFailsHalfwayLeavesTheEarlierVersionWhole(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      BillStore store = new BillStore(db.dsl());
      store.replace(header("v1"), sink -> sink.add(1, 1, line(FN, 1, LineType.USAGE, "1", "1")));

      assertThatThrownBy(
              () ->
                  store.replace(
                      header("v2"),
                      sink -> {
                        for (int i = 1; i <= 2_500; i++) {
                          sink.add(1, i, line(FN, 3, LineType.USAGE, "9", "9"));
                        }
                        throw new IOException("Unexpected end of ZLIB input stream");
                      }))
          .hasMessageContaining("ZLIB");

      assertThat(store.imported(EXPORT, "2026-10"))
          .get()
          .extracting(BillImport::version)
          .isEqualTo("v1");
      assertThat(store.totals("2026-10").lines()).isEqualTo(1);
      assertThat(store.totals("2026-10").billed()).isEqualByComparingTo("1");
    }
  }

  @OnEachDatabase
  void manyLinesAndTextThatCopyMustEscapeAreStoredAsGiven(DatabaseKind kind) {
    String odd = "arn:aws:lambda:us-east-1:111122223333:function:a\tb\\c\nd\re \\N ü";
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      BillStore store = new BillStore(db.dsl());
      BillImport recorded =
          store.replace(
              header("v1"),
              sink -> {
                // more than one COPY chunk and one JDBC batch
                for (int i = 1; i <= 5_000; i++) {
                  sink.add(1, i, line(FN, 1 + i % 28, LineType.USAGE, "0.0000000001", "0"));
                }
                sink.add(2, 1, line(odd, 2, LineType.USAGE, "123456789.0123456789", "1"));
                sink.add(2, 2, line(null, 2, LineType.CREDIT, "-0.5", "-0.5"));
              });

      assertThat(recorded.lineItems()).isEqualTo(5_002);
      assertThat(recorded.billedTotal()).isEqualByComparingTo("123456788.5123461789");
      BillStore.PeriodTotals totals = store.totals("2026-10");
      assertThat(totals.lines()).isEqualTo(5_002);
      assertThat(totals.billed()).isEqualByComparingTo("123456788.5123461789");
      assertThat(totals.unallocated()).isEqualByComparingTo("-0.5");
      assertThat(store.amounts("2026-10"))
          .filteredOn(a -> odd.equals(a.functionArn()))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.usageDate()).isEqualTo(LocalDate.of(2026, 10, 2));
                assertThat(a.billedCost()).isEqualByComparingTo("123456789.0123456789");
                assertThat(a.usageAmount()).isEqualByComparingTo("100.5");
              });
    }
  }
}
