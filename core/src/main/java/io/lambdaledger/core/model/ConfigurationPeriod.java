package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A configuration and the time it was in force: {@code [validFrom, validTo)}.
 *
 * @param validTo nullable: {@code null} while the configuration is current
 */
public record ConfigurationPeriod(
    Instant validFrom, Instant validTo, FunctionConfiguration configuration) {

  public ConfigurationPeriod {
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(configuration, "configuration");
    if (validTo != null && !validTo.isAfter(validFrom)) {
      throw new IllegalArgumentException("validTo must be after validFrom");
    }
  }

  public boolean isCurrent() {
    return validTo == null;
  }

  /** Whether the configuration was in force at {@code instant}. */
  public boolean covers(Instant instant) {
    return !instant.isBefore(validFrom) && (validTo == null || instant.isBefore(validTo));
  }
}
