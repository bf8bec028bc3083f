package io.lambdaledger.core.model;

import java.util.Objects;

/**
 * A function's configuration as Lambda reports it; history is kept as {@link ConfigurationPeriod}s.
 */
public record FunctionConfiguration(
    int memoryMb, Architecture architecture, int ephemeralStorageMb, int timeoutSeconds) {

  /** Lambda's longest timeout (15 minutes). */
  public static final int MAX_TIMEOUT_SECONDS = 900;

  public FunctionConfiguration {
    Objects.requireNonNull(architecture, "architecture");
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException(
          "timeoutSeconds must be within 1..900, was " + timeoutSeconds);
    }
    // Validates memory and ephemeral storage ranges.
    new BillingConfiguration(memoryMb, architecture, ephemeralStorageMb);
  }

  /** The price-relevant part of this configuration. */
  public BillingConfiguration billing() {
    return new BillingConfiguration(memoryMb, architecture, ephemeralStorageMb);
  }
}
