package io.lambdaledger.core.ledger;

import java.time.YearMonth;
import java.util.List;

/** Which UTC months have stored usage, per account: what a month picker can offer. */
public interface UsageMonths {

  /** Every account and month with usage, in any order. */
  List<AccountMonth> withUsage();

  /** How many functions of one account had usage in one month. */
  record AccountMonth(String accountId, YearMonth month, int functions) {}
}
