package io.lambdaledger.core.ledger;

import io.lambdaledger.core.model.ReportLogDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The stored Logs Insights aggregates of REPORT lines, and what reading them cost. */
public interface ReportLogs {

  /** No aggregates stored and nothing spent: where Logs Insights is not read. */
  ReportLogs NONE =
      new ReportLogs() {
        @Override
        public List<ReportLogDay> days(Instant from, Instant to) {
          return List.of();
        }

        @Override
        public ScanSpend spend(Instant from, Instant to) {
          return new ScanSpend(0, 0, BigDecimal.ZERO);
        }
      };

  /** Every function's days in {@code [from, to)} (whole UTC days). */
  List<ReportLogDay> days(Instant from, Instant to);

  /** Bytes scanned and their charge for the queries started in {@code [from, to)}. */
  ScanSpend spend(Instant from, Instant to);

  /**
   * Logs Insights queries and what they scanned.
   *
   * @param costUsd bytes scanned × $0.005 per GB
   */
  record ScanSpend(long queries, long bytesScanned, BigDecimal costUsd) {}
}
