package io.lambdaledger.collector;

import java.time.Duration;

/**
 * How SDK clients retry: the SDK's standard strategy (exponential backoff with jitter, throttling
 * errors such as {@code Throttling} / "Rate exceeded" backing off longer) with more attempts than
 * its default and without its retry-quota circuit breaker, so a burst of throttling slows a cycle
 * down instead of failing it.
 */
public record RetrySettings(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay) {

  public RetrySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
    }
  }

  /** What production uses: 10 attempts, 100 ms base, 1 s base for throttling, 20 s cap. */
  public static RetrySettings defaults() {
    return new RetrySettings(10, Duration.ofMillis(100), Duration.ofSeconds(1));
  }

  /** Longest single backoff. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
}
