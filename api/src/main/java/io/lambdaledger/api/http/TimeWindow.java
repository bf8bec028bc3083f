package io.lambdaledger.api.http;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A half-open interval of time {@code [start, end)}, in UTC. */
public record TimeWindow(Instant start, Instant end) {

  public TimeWindow {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("window start must be before its end");
    }
  }

  public static TimeWindow of(YearMonth month) {
    return new TimeWindow(monthStart(month), monthStart(month.plusMonths(1)));
  }

  public static Instant monthStart(YearMonth month) {
    return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  public static YearMonth monthOf(Instant instant) {
    return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  /** The window widened to whole hours: the finest resolution usage is stored at. */
  public TimeWindow alignedToHours() {
    Instant alignedStart = start.truncatedTo(ChronoUnit.HOURS);
    Instant alignedEnd = end.truncatedTo(ChronoUnit.HOURS);
    if (alignedEnd.isBefore(end)) {
      alignedEnd = alignedEnd.plus(1, ChronoUnit.HOURS);
    }
    return new TimeWindow(alignedStart, alignedEnd);
  }

  TimeWindow alignedToDays() {
    Instant alignedStart = start.truncatedTo(ChronoUnit.DAYS);
    Instant alignedEnd = end.truncatedTo(ChronoUnit.DAYS);
    if (alignedEnd.isBefore(end)) {
      alignedEnd = alignedEnd.plus(1, ChronoUnit.DAYS);
    }
    return new TimeWindow(alignedStart, alignedEnd);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** The calendar months this window touches, oldest first. */
  public List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    YearMonth last = monthOf(end.minusNanos(1));
    for (YearMonth m = monthOf(start); !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The part of this window inside {@code other}, if they overlap. */
  public TimeWindow intersect(TimeWindow other) {
    Instant s = start.isAfter(other.start) ? start : other.start;
    Instant e = end.isBefore(other.end) ? end : other.end;
    return s.isBefore(e) ? new TimeWindow(s, e) : null;
  }
}
