package io.lambdaledger.api.operations;

import io.lambdaledger.core.model.AccountScope;
import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.util.Locale;

/**
 * Writes a month's report ({@code GET /api/v1/reports/{month}.csv}) by streaming rows to {@code
 * out}, only for the accounts in {@code scope}.
 */
@FunctionalInterface
public interface MonthlyReportSource {

  /**
   * Writes the report. Before writing anything, throws {@link ReportRefusedException} if the month
   * cannot be reported (for example not final yet and {@code allowPartial} false).
   */
  void write(
      YearMonth month, Format format, AccountScope scope, boolean allowPartial, OutputStream out)
      throws IOException;

  /** Plain per-function CSV or the FinOps FOCUS 1.2 dataset. */
  enum Format {
    CSV,
    FOCUS;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The month cannot be reported; the message is shown to the caller (HTTP 409). */
  final class ReportRefusedException extends RuntimeException {
    public ReportRefusedException(String message) {
      super(message);
    }
  }
}
