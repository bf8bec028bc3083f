package io.lambdaledger.api;

import io.lambdaledger.core.ledger.BilledMonths;
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
 * @param bill the imported bill (AWS Data Exports)
 */
public record LedgerData(
    UsageReader usage,
    FunctionDirectory functions,
    CollectionHistory collections,
    UsageMonths months,
    HistoryEvidence history,
    ReportLogs reportLogs,
    BilledMonths bill) {

  public LedgerData {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(collections, "collections");
    Objects.requireNonNull(months, "months");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(reportLogs, "reportLogs");
    Objects.requireNonNull(bill, "bill");
  }

  /** Without Logs Insights aggregates (memory recommendations need them). */
  public LedgerData(
      UsageReader usage,
      FunctionDirectory functions,
      CollectionHistory collections,
      UsageMonths months,
      HistoryEvidence history,
      BilledMonths bill) {
    this(usage, functions, collections, months, history, ReportLogs.NONE, bill);
  }
}
