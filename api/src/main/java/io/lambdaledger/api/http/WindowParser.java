package io.lambdaledger.api.http;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code window} grammar, borrowed from OpenCost: {@code 2026-10} (a month), {@code
 * 2026-10-05} (a day), {@code today}, {@code yesterday}, {@code month} (month to date), {@code
 * lastmonth}, a duration back from now ({@code 30m}, {@code 12h}, {@code 7d}), or a pair {@code
 * start,end} of RFC 3339 instants, dates or Unix seconds. Everything is UTC.
 */
public final class WindowParser {

  /** CloudWatch keeps hourly data 455 days: a longer window cannot have data. */
  static final Duration MAX_LENGTH = Duration.ofDays(456);

  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([mhd])");
  private static final Pattern UNIX = Pattern.compile("\\d{1,12}");
  private static final Instant EARLIEST = Instant.parse("2014-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private final Clock clock;

  public WindowParser(Clock clock) {
    this.clock = clock;
  }

  public TimeWindow parse(String parameter, String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiProblem.badParameter(parameter, "'" + parameter + "' is required");
    }
    String text = raw.trim();
    TimeWindow window = parseText(parameter, text);
    if (window.start().isBefore(EARLIEST) || window.end().isAfter(LATEST)) {
      throw ApiProblem.badParameter(
          parameter, "'" + parameter + "' must lie between 2014 and 2200, got '" + text + "'");
    }
    if (window.length().compareTo(MAX_LENGTH) > 0) {
      throw ApiProblem.badParameter(
          parameter,
          "'" + parameter + "' is longer than 456 days (CloudWatch keeps hourly data 455 days)");
    }
    return window;
  }

  public YearMonth parseMonth(String parameter, String raw) {
    if (raw == null || raw.isBlank()) {
      return TimeWindow.monthOf(clock.instant());
    }
    String text = raw.trim();
    YearMonth now = TimeWindow.monthOf(clock.instant());
    YearMonth month =
        switch (text) {
          case "month" -> now;
          case "lastmonth" -> now.minusMonths(1);
          default -> {
            if (!MONTH.matcher(text).matches()) {
              throw ApiProblem.badParameter(
                  parameter,
                  "'" + parameter + "' must look like 2026-10, got '" + shorten(text) + "'");
            }
            try {
              yield YearMonth.parse(text);
            } catch (DateTimeException e) {
              throw ApiProblem.badParameter(parameter, "'" + text + "' is not a valid month");
            }
          }
        };
    if (month.getYear() < 2014 || month.getYear() > 2199) {
      throw ApiProblem.badParameter(
          parameter, "'" + parameter + "' must lie between 2014 and 2199");
    }
    return month;
  }

  private TimeWindow parseText(String parameter, String text) {
    Instant now = clock.instant();
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    YearMonth thisMonth = TimeWindow.monthOf(now);
    switch (text) {
      case "today":
        return new TimeWindow(today, today.plus(1, ChronoUnit.DAYS));
      case "yesterday":
        return new TimeWindow(today.minus(1, ChronoUnit.DAYS), today);
      case "month":
        return TimeWindow.of(thisMonth);
      case "lastmonth":
        return TimeWindow.of(thisMonth.minusMonths(1));
      default:
        break;
    }
    if (text.indexOf(',') >= 0) {
      return parsePair(parameter, text);
    }
    Matcher relative = RELATIVE.matcher(text);
    if (relative.matches()) {
      long amount = Long.parseLong(relative.group(1));
      if (amount == 0) {
        throw ApiProblem.badParameter(parameter, "'" + parameter + "' cannot be empty: " + text);
      }
      ChronoUnit unit =
          switch (relative.group(2)) {
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
          };
      Duration length = Duration.of(amount, unit);
      if (length.compareTo(MAX_LENGTH) > 0) {
        throw ApiProblem.badParameter(
            parameter,
            "'" + parameter + "' is longer than 456 days (CloudWatch keeps hourly data 455 days)");
      }
      return new TimeWindow(now.minus(length), now);
    }
    if (MONTH.matcher(text).matches()) {
      return TimeWindow.of(parseMonth(parameter, text));
    }
    if (DAY.matcher(text).matches()) {
      Instant day = parseDay(parameter, text);
      return new TimeWindow(day, day.plus(1, ChronoUnit.DAYS));
    }
    throw ApiProblem.badParameter(
        parameter,
        "'"
            + parameter
            + "' must be a month (2026-10), a day (2026-10-05), today, yesterday, month,"
            + " lastmonth, a duration (12h, 7d) or start,end; got '"
            + shorten(text)
            + "'");
  }

  private TimeWindow parsePair(String parameter, String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      throw ApiProblem.badParameter(
          parameter, "'" + parameter + "' as a range needs exactly one comma: start,end");
    }
    Instant start = parseInstant(parameter, parts[0].trim());
    Instant end = parseInstant(parameter, parts[1].trim());
    if (!start.isBefore(end)) {
      throw ApiProblem.badParameter(
          parameter, "'" + parameter + "' must start before it ends: " + shorten(text));
    }
    return new TimeWindow(start, end);
  }

  private Instant parseInstant(String parameter, String text) {
    if (DAY.matcher(text).matches()) {
      return parseDay(parameter, text);
    }
    if (UNIX.matcher(text).matches()) {
      return Instant.ofEpochSecond(Long.parseLong(text));
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw ApiProblem.badParameter(
          parameter,
          "'"
              + parameter
              + "' bound '"
              + shorten(text)
              + "' is not an RFC 3339 instant (2026-10-01T00:00:00Z), a date or Unix seconds");
    }
  }

  private static Instant parseDay(String parameter, String text) {
    try {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw ApiProblem.badParameter(parameter, "'" + shorten(text) + "' is not a valid date");
    }
  }

  public static String shorten(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
  }
}
