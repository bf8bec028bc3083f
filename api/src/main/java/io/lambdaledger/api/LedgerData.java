package io.lambdaledger.api;

import io.lambdaledger.core.ledger.BilledMonths;
import io.lambdaledger.core.ledger.CollectionHistory;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.UsageMonths;
import io.lambdaledger.core.ledger.UsageReader;
import java.util.List;
import java.util.Objects;

/**
 * What the API reads, through the read ports of {@code core.ledger}; the composition root ({@code
 * app}) gives it the database behind them ({@code db.StoredLedger}).
 *
 * @param usage stored usage rollups
 * @param functions the function inventory
 * @param collections past collection runs
 * @param months which months have usage, per account
 * @param bill the imported bill (AWS Data Exports)
 */
public record LedgerData(
    UsageReader usage,
    FunctionDirectory functions,
    CollectionHistory collections,
    UsageMonths months,
    BilledMonths bill) {

  /** Without an imported bill. */
  public LedgerData(
      UsageReader usage,
      FunctionDirectory functions,
      CollectionHistory collections,
      UsageMonths months) {
    this(usage, functions, collections, months, month -> List.of());
  }

  public LedgerData {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(collections, "collections");
    Objects.requireNonNull(months, "months");
    Objects.requireNonNull(bill, "bill");
  }
}
