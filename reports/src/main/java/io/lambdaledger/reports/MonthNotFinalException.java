package io.lambdaledger.reports;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A report was asked for a month whose usage can still change and a partial report was not allowed.
 * Thrown before anything is written, so callers can still answer with an error.
 */
public final class MonthNotFinalException extends RuntimeException {

  private final YearMonth month;
  private final Instant finalAt;

  public MonthNotFinalException(YearMonth month, Instant finalAt, String reason) {
    super("month " + month + " is not final yet: " + reason);
    this.month = month;
    this.finalAt = finalAt;
  }

  public YearMonth month() {
    return month;
  }

  /** The earliest instant the month can be final (it may be later if collection lags). */
  public Instant finalAt() {
    return finalAt;
  }
}
