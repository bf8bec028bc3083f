package io.lambdaledger.api;

import io.lambdaledger.core.ledger.CollectionHistory;
import io.lambdaledger.core.ledger.FunctionDirectory;
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
 * @param reportLogs the Logs Insights aggregates of REPORT lines and their scan spend
 */
public record LedgerData(
    UsageReader usage,
    FunctionDirectory functions,
    CollectionHistory collections,
    UsageMonths months,
    ReportLogs reportLogs) {

  /** Without Logs Insights aggregates (memory recommendations need them). */
  public LedgerData(
      UsageReader usage,
      FunctionDirectory functions,
      CollectionHistory collections,
      UsageMonths months) {
    this(usage, functions, collections, months, ReportLogs.NONE);
  }

  public LedgerData {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(collections, "collections");
    Objects.requireNonNull(months, "months");
    Objects.requireNonNull(reportLogs, "reportLogs");
  }
}
