package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Provisioned concurrency allocated to a qualifier during {@code [validFrom, validTo)}.
 *
 * @param validTo nullable: {@code null} while still allocated
 */
public record ProvisionedConcurrencyPeriod(
    String qualifier, int allocated, Instant validFrom, Instant validTo) {

  public ProvisionedConcurrencyPeriod {
    FunctionKey.requireText(qualifier, "qualifier");
    Objects.requireNonNull(validFrom, "validFrom");
    if (allocated < 0) {
      throw new IllegalArgumentException("allocated must not be negative, was " + allocated);
    }
    if (validTo != null && !validTo.isAfter(validFrom)) {
      throw new IllegalArgumentException("validTo must be after validFrom");
    }
  }

  public boolean isCurrent() {
    return validTo == null;
  }
}
