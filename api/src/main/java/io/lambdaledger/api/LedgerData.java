package io.lambdaledger.api;

import io.lambdaledger.core.ledger.CollectionHistory;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.HistoryEvidence;
import io.lambdaledger.core.ledger.ReportLogs;
import io.lambdaledger.core.ledger.UsageMonths;
import io.lambdaledger.core.ledger.UsageReader;
import java.util.Objects;

/**
 * What the API reads, through the read ports of {@code core.ledger}; the composition root ({@code
 * app}) gives it the database behind them ({@code db.StoredLedger}).
 *
 * @param usage stored usage rollups
 * @param functions the function inventory
 * @param collections past collection runs
 * @param months which months have usage, per account
 * @param history how sure the history behind each function's lines is
 * @param reportLogs the Logs Insights aggregates of REPORT lines and their scan spend
 */
public record LedgerData(
    UsageReader usage,
    FunctionDirectory functions,
    CollectionHistory collections,
    UsageMonths months,
    HistoryEvidence history,
    ReportLogs reportLogs) {

  public LedgerData {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(collections, "collections");
    Objects.requireNonNull(months, "months");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(reportLogs, "reportLogs");
  }

  /** Without Logs Insights aggregates (memory recommendations need them). */
  public LedgerData(
      UsageReader usage,
      FunctionDirectory functions,
      CollectionHistory collections,
      UsageMonths months,
      HistoryEvidence history) {
    this(usage, functions, collections, months, history, ReportLogs.NONE);
  }

  /** Without any history evidence (nothing is warned about it) nor Logs Insights aggregates. */
  public LedgerData(
      UsageReader usage,
      FunctionDirectory functions,
      CollectionHistory collections,
      UsageMonths months) {
    this(usage, functions, collections, months, HistoryEvidence.NONE, ReportLogs.NONE);
  }
}
