package io.lambdaledger.collector;

import java.time.Duration;
import java.time.Instant;

/**
 * CloudWatch's rules for which {@code Period} a query may use, by the age of its {@code StartTime}:
 * data 3 hours to 15 days old is kept at 60 s, up to 63 days at 300 s, up to 455 days at 3600 s. A
 * period that is not a multiple of what the age allows returns no datapoints (silently empty, not
 * an error), so the collector never asks for one.
 */
final class PeriodRules {

  /** Oldest data CloudWatch keeps at 1-minute resolution. */
  public static final Duration ONE_MINUTE_RETENTION = Duration.ofDays(15);

  /** Oldest data CloudWatch keeps at 5-minute resolution. */
  public static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(63);

  /** Oldest data CloudWatch keeps at all (1-hour resolution). */
  public static final Duration ONE_HOUR_RETENTION = Duration.ofDays(455);

  private PeriodRules() {}

  /**
   * The smallest period CloudWatch serves for a query starting at {@code start} when asked at
   * {@code now}; every valid period is a multiple of it.
   *
   * @throws IllegalArgumentException if CloudWatch no longer keeps data that old
   */
  public static Duration minimumPeriod(Instant start, Instant now) {
    Duration age = Duration.between(start, now);
    if (age.compareTo(ONE_MINUTE_RETENTION) <= 0) {
      return Duration.ofSeconds(60);
    }
    if (age.compareTo(FIVE_MINUTE_RETENTION) <= 0) {
      return Duration.ofSeconds(300);
    }
    if (age.compareTo(ONE_HOUR_RETENTION) <= 0) {
      return Duration.ofSeconds(3600);
    }
    throw new IllegalArgumentException(
        "CloudWatch keeps metrics for 455 days: " + start + " is older than that at " + now);
  }

  /**
   * The period to query with: the configured one when CloudWatch still keeps data that fine at that
   * age, else the coarser period the age allows. The configured period must be a whole number of
   * minutes.
   */
  public static Duration periodFor(Duration configured, Instant start, Instant now) {
    requireValidConfigured(configured);
    Duration minimum = minimumPeriod(start, now);
    if (configured.compareTo(minimum) >= 0 && configured.toSeconds() % minimum.toSeconds() == 0) {
      return configured;
    }
    return minimum.compareTo(configured) >= 0 ? minimum : roundUpToMultiple(configured, minimum);
  }

  /** Checks that a period is one CloudWatch accepts for standard-resolution metrics. */
  public static void requireValidConfigured(Duration period) {
    long seconds = period.toSeconds();
    if (seconds < 60 || seconds % 60 != 0 || period.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "a CloudWatch period must be a whole number of minutes, at least 1 minute: " + period);
    }
  }

  private static Duration roundUpToMultiple(Duration value, Duration unit) {
    long units = (value.toSeconds() + unit.toSeconds() - 1) / unit.toSeconds();
    return Duration.ofSeconds(units * unit.toSeconds());
  }
}
