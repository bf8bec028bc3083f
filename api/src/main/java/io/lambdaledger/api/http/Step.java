package io.lambdaledger.api.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The {@code step} of a time series: one point per hour, day or calendar month (UTC). */
public enum Step {
  HOUR,
  DAY,
  MONTH;

  /** More points than this in one response is refused: ask for a coarser step. */
  public static final int MAX_POINTS = 400;

  public static Step parse(String parameter, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return switch (raw.trim()) {
      case "hour", "1h" -> HOUR;
      case "day", "1d" -> DAY;
      case "month" -> MONTH;
      default ->
          throw ApiProblem.badParameter(
              parameter,
              "'"
                  + parameter
                  + "' must be hour, day or month; got '"
                  + WindowParser.shorten(raw)
                  + "'");
    };
  }

  Instant floor(Instant instant) {
    return switch (this) {
      case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
      case DAY -> instant.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> TimeWindow.monthStart(TimeWindow.monthOf(instant));
    };
  }

  Instant next(Instant instant) {
    return switch (this) {
      case HOUR -> instant.plus(1, ChronoUnit.HOURS);
      case DAY -> instant.plus(1, ChronoUnit.DAYS);
      case MONTH -> instant.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
    };
  }

  /** The windows of this step covering {@code window}, the first and last clipped to it. */
  public List<TimeWindow> split(String parameter, TimeWindow window) {
    List<TimeWindow> steps = new ArrayList<>();
    Instant cursor = window.start();
    while (cursor.isBefore(window.end())) {
      Instant next = next(floor(cursor));
      Instant end = next.isBefore(window.end()) ? next : window.end();
      steps.add(new TimeWindow(cursor, end));
      if (steps.size() > MAX_POINTS) {
        throw ApiProblem.badParameter(
            parameter,
            "'"
                + parameter
                + "' would give more than "
                + MAX_POINTS
                + " points for this window; use a coarser step or a shorter window");
      }
      cursor = end;
    }
    return steps;
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
