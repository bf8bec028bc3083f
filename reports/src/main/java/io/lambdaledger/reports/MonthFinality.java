package io.lambdaledger.reports;

import io.lambdaledger.core.model.AccountScope;
import java.time.Instant;
import java.time.YearMonth;

/** Whether a month's usage can still change. */
interface MonthFinality {

  /**
   * @param isFinal no more usage will arrive for the month
   * @param finalAt the earliest instant the month can be final
   * @param reason why it is not final (empty when it is)
   */
  record Status(boolean isFinal, Instant finalAt, String reason) {}

  Status check(YearMonth month, AccountScope accounts);
}
