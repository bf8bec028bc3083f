package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Usage of one function under one billing configuration in one time bucket (an hour or a UTC day),
 * starting at {@code bucketStart}.
 */
public record UsageRollup(
    FunctionKey function,
    Instant bucketStart,
    BillingConfiguration configuration,
    UsageTotals usage) {

  public UsageRollup {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(bucketStart, "bucketStart");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(usage, "usage");
  }
}
