package io.lambdaledger.core.ledger;

import io.lambdaledger.core.bill.BilledAmount;
import java.time.YearMonth;
import java.util.List;

/** Reads the imported bill (AWS Data Exports) for reconciliation and for the billed source. */
public interface BilledMonths {

  /**
   * The month's billed amounts per function, day, charge kind and line type, over every account and
   * export; empty when no bill of the month is imported.
   */
  List<BilledAmount> amounts(YearMonth month);
}
