package io.lambdaledger.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A half-open interval of time {@code [start, end)}, as GetMetricData reads it. */
public record TimeWindow(Instant start, Instant end) {

  public TimeWindow {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("window ends before it starts: " + start + " .. " + end);
    }
  }

  /** Rounds an instant down to a multiple of the period since the epoch. */
  public static Instant floor(Instant instant, Duration period) {
    long seconds = period.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
  }

  /** Rounds an instant up to a multiple of the period since the epoch. */
  public static Instant ceil(Instant instant, Duration period) {
    Instant floor = floor(instant, period);
    return floor.equals(instant) ? floor : floor.plus(period);
  }

  /**
   * This window with both ends rounded down to the period, so every query reads whole periods
   * (CloudWatch rounds an unaligned start down itself and returns two partial periods).
   */
  public TimeWindow alignedDown(Duration period) {
    return new TimeWindow(floor(start, period), floor(end, period));
  }

  /** This window grown to whole periods: start rounded down, end rounded up. */
  public TimeWindow alignedOutward(Duration period) {
    return new TimeWindow(floor(start, period), ceil(end, period));
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean isEmpty() {
    return !end.isAfter(start);
  }

  /** How many periods of the given length fit; the window must be aligned to it. */
  public long periods(Duration period) {
    return length().toSeconds() / period.toSeconds();
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Splits this window into consecutive slices no longer than {@code maxLength}. */
  public List<TimeWindow> split(Duration maxLength) {
    List<TimeWindow> slices = new ArrayList<>();
    Instant sliceStart = start;
    while (sliceStart.isBefore(end)) {
      Instant sliceEnd = sliceStart.plus(maxLength);
      if (sliceEnd.isAfter(end)) {
        sliceEnd = end;
      }
      slices.add(new TimeWindow(sliceStart, sliceEnd));
      sliceStart = sliceEnd;
    }
    return slices;
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
