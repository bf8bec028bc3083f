package io.lambdaledger.reports;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A month is final once its end plus the finality horizon has passed and every account and region
 * in scope that has been collected is complete past the month's end. Accounts and regions never
 * collected have no watermark and do not hold a month back.
 */
final class WatermarkFinality implements MonthFinality {

  private final CollectionProgress progress;
  private final Duration horizon;
  private final Clock clock;

  WatermarkFinality(CollectionProgress progress, Duration horizon, Clock clock) {
    this.progress = progress;
    this.horizon = horizon;
    this.clock = clock;
  }

  @Override
  public Status check(YearMonth month, AccountScope accounts) {
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant finalAt = end.plus(horizon);
    Instant now = clock.instant();
    if (now.isBefore(finalAt)) {
      return new Status(
          false,
          finalAt,
          "usage can still change until "
              + finalAt
              + " (the month's end plus the "
              + describe(horizon)
              + " finality horizon)");
    }
    Optional<Watermark> lagging = lagging(progress.watermarks(), accounts, end);
    return lagging
        .map(
            watermark ->
                new Status(
                    false,
                    finalAt,
                    "account "
                        + watermark.accountId()
                        + " in "
                        + watermark.region()
                        + " is collected only up to "
                        + watermark.completeTo()))
        .orElseGet(() -> new Status(true, finalAt, ""));
  }

  private static Optional<Watermark> lagging(
      List<Watermark> watermarks, AccountScope accounts, Instant end) {
    return watermarks.stream()
        .filter(watermark -> accounts.includes(watermark.accountId()))
        .filter(watermark -> watermark.completeTo().isBefore(end))
        .min(Comparator.comparing(Watermark::completeTo));
  }

  static String describe(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes * 60 == duration.toSeconds()
        ? minutes + "-minute"
        : duration.toSeconds() + "-second";
  }
}
