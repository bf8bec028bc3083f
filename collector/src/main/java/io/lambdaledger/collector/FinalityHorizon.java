package io.lambdaledger.collector;

import java.time.Duration;
import java.time.Instant;

/**
 * How long after its end a period may still change. Lambda stamps metrics with the invocation's
 * start and emits them when it ends, and CloudWatch converges for minutes after that, so a period
 * is final only once the longest function timeout plus a margin has passed since its end. Before
 * that, an empty period means "not yet known", never zero.
 */
record FinalityHorizon(Duration longestTimeout, Duration margin) {

  /** The longest timeout Lambda allows, assumed when the inventory does not know better. */
  public static final Duration MAX_LAMBDA_TIMEOUT = Duration.ofMinutes(15);

  public FinalityHorizon {
    if (longestTimeout.isNegative() || margin.isNegative()) {
      throw new IllegalArgumentException("timeouts and margins are not negative");
    }
  }

  public Duration length() {
    return longestTimeout.plus(margin);
  }

  /**
   * The end of the last final period at {@code now}: every period ending at or before it is final.
   */
  public Instant finalBefore(Instant now, Duration period) {
    return TimeWindow.floor(now.minus(length()), period);
  }

  /** Whether the period starting at {@code periodStart} can no longer change at {@code now}. */
  public boolean isFinal(Instant periodStart, Duration period, Instant now) {
    return !periodStart.plus(period).isAfter(now.minus(length()));
  }
}
