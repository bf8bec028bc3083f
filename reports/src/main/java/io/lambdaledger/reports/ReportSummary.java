package io.lambdaledger.reports;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * What a written report contains.
 *
 * @param functionRows rows of the plain CSV (one per function and configuration); the FOCUS file
 *     has one line per charge of each of them
 * @param lines data lines written (header excluded)
 * @param totalCost the sum of {@code total_cost} (plain) or {@code BilledCost} (FOCUS), in cents
 * @param partial the month was not final and every row says so
 */
public record ReportSummary(
    YearMonth month,
    ReportFormat format,
    long functionRows,
    long lines,
    BigDecimal totalCost,
    String currency,
    boolean partial) {}
