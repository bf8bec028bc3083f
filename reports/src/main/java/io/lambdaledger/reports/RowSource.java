package io.lambdaledger.reports;

import io.lambdaledger.core.model.AccountScope;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;

/** Where report rows come from: a month priced, its rows handed over in report order. */
interface RowSource {

  /** Receives rows one at a time. */
  @FunctionalInterface
  interface Sink {
    void accept(ReportRow row) throws IOException;
  }

  /**
   * Hands every row of {@code month} for the accounts in scope to {@code sink}, sorted by account,
   * region, function and configuration.
   */
  void rows(YearMonth month, AccountScope accounts, Sink sink) throws IOException;

  /** Months with any usage stored, ascending. */
  List<YearMonth> monthsWithUsage();
}
