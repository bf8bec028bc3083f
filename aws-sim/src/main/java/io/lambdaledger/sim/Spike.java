package io.lambdaledger.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A cost spike planted on one function: from {@code start} for {@code duration} its invocation rate
 * is multiplied by {@code factor} (every invocation costs what it did, so its cost rises by about
 * the factor). Whole minutes: the minutes that start in {@code [start, start + duration)}.
 *
 * @param function the function's name (names are unique within the estate)
 * @param start first instant of the spike, on a whole minute
 * @param duration how long it lasts, whole minutes and at least one
 * @param factor multiplier of the function's traffic, &gt; 0 (5 for a five-fold spike)
 */
public record Spike(String function, Instant start, Duration duration, double factor) {

  public Spike {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    if (start.getEpochSecond() % 60 != 0 || start.getNano() != 0) {
      throw new IllegalArgumentException("start must be on a whole minute, was " + start);
    }
    if (duration.compareTo(Duration.ofMinutes(1)) < 0
        || duration.getSeconds() % 60 != 0
        || duration.getNano() != 0) {
      throw new IllegalArgumentException("duration must be whole minutes, was " + duration);
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be > 0, was " + factor);
    }
  }

  /** The first instant after the spike. */
  public Instant end() {
    return start.plus(duration);
  }

  /** Whether the minute starting at {@code minute} × 60 epoch seconds of {@code name} spikes. */
  boolean covers(String name, long minute) {
    long second = minute * 60;
    return second >= start.getEpochSecond()
        && second < end().getEpochSecond()
        && name.equals(function);
  }
}
