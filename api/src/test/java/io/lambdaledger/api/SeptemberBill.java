package io.lambdaledger.api;

import io.lambdaledger.core.bill.BillImport;
import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.db.BillStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A September 2026 CUR import written straight into a fixture's bill store, as the bill-aware api
 * tests need it; the usual content is search-indexer's requests and duration for 1–10 September.
 */
final class SeptemberBill {

  private SeptemberBill() {}

  /** Replaces the fixture's September bill with the lines {@code source} writes. */
  static void importInto(LedgerFixture fixture, BillStore.LineSource source) {
    new BillStore(fixture.db.dsl())
        .replace(
            new BillImport(
                "s3://bills/cur", "2026-09", "CUR2", "v1", 0, BigDecimal.ZERO, Instant.EPOCH),
            source);
  }

  /**
   * Writes search-indexer's lines for 1–10 September, $0.10 of requests and $1.07 of duration a
   * day, as lines 1 to 20 of file 1; returns the last line number written.
   */
  static int addSearchIndexerDays(BillStore.LineSink sink) {
    int line = 0;
    for (int day = 1; day <= 10; day++) {
      sink.add(1, ++line, searchIndexerLine(day, ChargeKind.REQUESTS, "0.10", "1000"));
      sink.add(1, ++line, searchIndexerLine(day, ChargeKind.DURATION, "1.07", "64000"));
    }
    return line;
  }

  private static BillLine searchIndexerLine(int day, ChargeKind kind, String cost, String usage) {
    return new BillLine(
        LedgerFixture.ORG_PAYER,
        LedgerFixture.MEMBER,
        "us-east-1",
        "arn:aws:lambda:us-east-1:222222222222:function:search-indexer",
        LocalDate.of(2026, 9, day),
        kind,
        LineType.USAGE,
        kind == ChargeKind.REQUESTS ? "USE1-Request" : "USE1-Lambda-GB-Second",
        new BigDecimal(usage),
        new BigDecimal(cost),
        new BigDecimal(cost),
        new BigDecimal(cost),
        "1234567890");
  }
}
