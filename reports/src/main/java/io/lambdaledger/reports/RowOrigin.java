package io.lambdaledger.reports;

import io.lambdaledger.core.costing.BillCover;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a report row's figures come from and the days they cover, {@code [start, end)}: the
 * estimate from metrics, or the imported bill for the whole UTC days it covers (the rule of {@code
 * /costs?source=best}, {@link BillCover}).
 */
record RowOrigin(BillCover.Source source, Instant start, Instant end) {

  RowOrigin {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** The whole month, estimated. */
  static RowOrigin estimated(YearMonth month) {
    return new RowOrigin(
        BillCover.Source.ESTIMATE, monthStart(month), monthStart(month.plusMonths(1)));
  }

  static Instant monthStart(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  boolean billed() {
    return source == BillCover.Source.BILLED;
  }

  /** {@code estimate} or {@code billed}, as {@code /costs} names its sources. */
  String label() {
    return source.name().toLowerCase(Locale.ROOT);
  }
}
