package io.lambdaledger.reports;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectedWindow;
import io.lambdaledger.core.model.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A month is final once every account and region collected in it has completed runs covering all of
 * its days, and its end plus the finality horizon has passed and every account and region in scope
 * that has been collected is complete past the month's end. Accounts and regions never collected
 * have no watermark and do not hold a month back.
 */
final class WatermarkFinality implements MonthFinality {

  private final CollectionProgress progress;
  private final CollectionCoverage coverage;
  private final Duration horizon;
  private final Clock clock;

  WatermarkFinality(CollectionProgress progress, Duration horizon, Clock clock) {
    this(progress, CollectionCoverage.none(), horizon, clock);
  }

  WatermarkFinality(
      CollectionProgress progress, CollectionCoverage coverage, Duration horizon, Clock clock) {
    this.progress = progress;
    this.coverage = coverage;
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
    Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Optional<String> gap = firstGap(coverage.collectedWindows(start, end), accounts, start, end);
    if (gap.isPresent()) {
      return new Status(false, finalAt, gap.get());
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

  /**
   * The first account and region in scope whose collected windows leave part of {@code [start,
   * end)} uncovered, described; empty when each one collected in the month covers all of it.
   */
  static Optional<String> firstGap(
      List<CollectedWindow> windows, AccountScope accounts, Instant start, Instant end) {
    Map<String, List<CollectedWindow>> byShard = new TreeMap<>();
    for (CollectedWindow window : windows) {
      if (accounts.includes(window.accountId())) {
        byShard
            .computeIfAbsent(window.accountId() + " in " + window.region(), k -> new ArrayList<>())
            .add(window);
      }
    }
    for (Map.Entry<String, List<CollectedWindow>> shard : byShard.entrySet()) {
      List<CollectedWindow> sorted = new ArrayList<>(shard.getValue());
      sorted.sort(Comparator.comparing(CollectedWindow::start));
      Instant covered = start;
      for (CollectedWindow window : sorted) {
        if (window.start().isAfter(covered)) {
          break;
        }
        if (window.end().isAfter(covered)) {
          covered = window.end();
        }
      }
      if (covered.isBefore(end)) {
        Instant gapStart = covered;
        Instant gapEnd =
            sorted.stream()
                .map(CollectedWindow::start)
                .filter(s -> s.isAfter(gapStart))
                .findFirst()
                .orElse(end);
        return Optional.of(
            "account "
                + shard.getKey()
                + " was not collected from "
                + covered
                + " to "
                + gapEnd
                + " (run lambda-ledger collect --from "
                + covered
                + " --to "
                + gapEnd
                + ")");
      }
    }
    return Optional.empty();
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
