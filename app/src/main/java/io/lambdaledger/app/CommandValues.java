package io.lambdaledger.app;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Option values the commands share, parsed; a bad one is a {@link UsageException} naming it. */
final class CommandValues {
  private CommandValues() {}

  /** The {@code --month} value as a month. */
  static YearMonth month(String month) {
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new UsageException("--month must be a month like 2026-10, got '" + month + "'");
    }
  }
}
