package io.lambdaledger.sim;

import io.lambdaledger.core.cost.CostReport;
import java.time.Instant;
import java.time.YearMonth;

/**
 * The exact bill of the part of a truth window that falls in one calendar month, priced by the cost
 * engine with the bundled price book in force that month. The free tier applies once per payer to
 * this part, as if it were the whole month.
 *
 * @param from start of the part (inclusive)
 * @param to end of the part (exclusive)
 */
public record MonthlyBill(YearMonth month, Instant from, Instant to, CostReport report) {}
