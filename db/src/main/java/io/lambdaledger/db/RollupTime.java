package io.lambdaledger.db;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** UTC hour and day boundaries. */
final class RollupTime {

  private RollupTime() {}

  static Instant floorHour(Instant instant) {
    return instant.truncatedTo(ChronoUnit.HOURS);
  }

  static Instant ceilHour(Instant instant) {
    Instant floor = floorHour(instant);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.HOURS);
  }

  static Instant floorDay(Instant instant) {
    return instant.truncatedTo(ChronoUnit.DAYS);
  }

  static Instant ceilDay(Instant instant) {
    Instant floor = floorDay(instant);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.DAYS);
  }

  static Instant floorMonth(Instant instant) {
    return YearMonth.from(instant.atOffset(ZoneOffset.UTC))
        .atDay(1)
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC);
  }

  static Instant nextMonth(Instant monthStart) {
    return monthStart.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
  }

  static Instant ceilMonth(Instant instant) {
    Instant floor = floorMonth(instant);
    return floor.equals(instant) ? floor : nextMonth(floor);
  }
}
