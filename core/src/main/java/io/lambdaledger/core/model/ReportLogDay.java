package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One function's REPORT log lines of one UTC day, aggregated by CloudWatch Logs Insights (never the
 * raw lines).
 *
 * @param reports REPORT lines (one per invocation)
 * @param memorySizeMb the largest configured memory seen that day
 * @param maxMemoryUsedMb the largest "Max Memory Used" of the day
 * @param billedDurationMsSum sum of "Billed Duration"
 * @param coldStarts REPORT lines with an "Init Duration"
 * @param initDurationMsSum sum of "Init Duration"
 * @param timeouts REPORT lines with "Status: timeout"
 */
public record ReportLogDay(
    FunctionKey function,
    LocalDate day,
    long reports,
    int memorySizeMb,
    int maxMemoryUsedMb,
    BigDecimal billedDurationMsSum,
    long coldStarts,
    BigDecimal initDurationMsSum,
    long timeouts) {

  public ReportLogDay {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(billedDurationMsSum, "billedDurationMsSum");
    Objects.requireNonNull(initDurationMsSum, "initDurationMsSum");
  }
}
