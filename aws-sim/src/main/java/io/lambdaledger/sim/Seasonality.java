package io.lambdaledger.sim;

/**
 * A weekly seasonal pattern planted on the traffic of every function (on top of its own {@link
 * TrafficPattern}): Saturdays and Sundays (UTC) carry {@code weekendFactor} of a weekday's traffic,
 * and each day follows a cosine curve peaking at {@code peakHourUtc} whose amplitude is {@code
 * dailyAmplitude} (0 flattens it). The curve averages 1 over a day, so a whole weekend day's
 * invocations are {@code weekendFactor} × a weekday's.
 *
 * @param weekendFactor multiplier on Saturdays and Sundays (UTC), &gt; 0
 * @param dailyAmplitude 0 (flat) up to but excluding 1 (silent at the trough)
 * @param peakHourUtc hour of the day (0-23, UTC) with the most traffic
 */
public record Seasonality(double weekendFactor, double dailyAmplitude, int peakHourUtc) {

  public Seasonality {
    if (!(weekendFactor > 0) || Double.isInfinite(weekendFactor)) {
      throw new IllegalArgumentException("weekendFactor must be > 0, was " + weekendFactor);
    }
    if (!(dailyAmplitude >= 0 && dailyAmplitude < 1)) {
      throw new IllegalArgumentException("dailyAmplitude must be in [0, 1), was " + dailyAmplitude);
    }
    if (peakHourUtc < 0 || peakHourUtc > 23) {
      throw new IllegalArgumentException("peakHourUtc must be 0..23, was " + peakHourUtc);
    }
  }

  /** Weekends at 40 % of weekdays, a daily swing of ±50 % peaking at 14:00 UTC. */
  public static Seasonality weekly() {
    return new Seasonality(0.4, 0.5, 14);
  }

  /** The multiplier of the minute starting at {@code minute} × 60 epoch seconds. */
  double factorAt(long minute) {
    long dayOfWeek = Math.floorMod(Math.floorDiv(minute, 1440) + 3, 7); // 0 = Monday
    double minuteOfDay = Math.floorMod(minute, 1440);
    double curve =
        1
            + dailyAmplitude
                * StrictMath.cos(2 * StrictMath.PI * (minuteOfDay - 60.0 * peakHourUtc) / 1440);
    return curve * (dayOfWeek >= 5 ? weekendFactor : 1);
  }
}
