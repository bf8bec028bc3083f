package io.lambdaledger.core.costing;

import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.FunctionUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A month's usage to date and its projection to the month's end ({@link RunRate}), read through
 * {@link UsageReader}: what {@code /forecast} prices and what budgets are checked against. Each
 * function's usage over the last seven days (or the month so far, if shorter) is extended at the
 * same hourly rate to the end of the month. Priced with {@link MonthPricing}.
 *
 * @param through the end of the usage read: the current whole hour, or the month's end once over
 * @param closed the month is over: the projection is the month's actual usage
 */
public record MonthForecast(
    YearMonth month,
    Instant through,
    boolean closed,
    List<FunctionUsage> monthToDate,
    List<FunctionUsage> projected) {

  /** The span whose hourly rate is extended. */
  public static final Duration RECENT = Duration.ofDays(7);

  public MonthForecast {
    monthToDate = List.copyOf(monthToDate);
    projected = List.copyOf(projected);
  }

  /**
   * The forecast of {@code month} as of {@code now} (a month that has started).
   *
   * @throws IllegalArgumentException if the month starts after {@code now}
   */
  public static MonthForecast of(UsageReader usage, YearMonth month, Instant now) {
    Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    if (!start.isBefore(now)) {
      throw new IllegalArgumentException("cannot forecast " + month + ": it has not started");
    }
    Instant asOf = now.truncatedTo(ChronoUnit.HOURS);
    boolean closed = !end.isAfter(asOf);
    Instant through = closed ? end : asOf;
    List<FunctionUsage> monthToDate =
        through.isAfter(start) ? usage.totals(start, through) : List.of();
    if (closed) {
      return new MonthForecast(month, through, true, monthToDate, monthToDate);
    }
    Instant recentStart = through.minus(RECENT);
    if (recentStart.isBefore(start)) {
      recentStart = start;
    }
    long recentHours = Duration.between(recentStart, through).toHours();
    long remainingHours = Duration.between(through, end).toHours();
    List<FunctionUsage> projected =
        recentHours <= 0 || remainingHours <= 0
            ? monthToDate
            : RunRate.projectedMonth(
                monthToDate, usage.totals(recentStart, through), recentHours, remainingHours);
    return new MonthForecast(month, through, false, monthToDate, projected);
  }
}
