package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known when a collection run starts: its shard, window and who runs it.
 *
 * @param instance identifies the process (for example host and pid), so runs of several collectors
 *     can be told apart
 */
public record CollectionRunStart(
    String accountId,
    String region,
    Instant windowStart,
    Instant windowEnd,
    int periodSeconds,
    Instant startedAt,
    String instance) {

  public CollectionRunStart {
    FunctionKey.requireText(accountId, "accountId");
    FunctionKey.requireText(region, "region");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(instance, "instance");
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException("windowEnd must not be before windowStart");
    }
    if (periodSeconds <= 0) {
      throw new IllegalArgumentException("periodSeconds must be positive, was " + periodSeconds);
    }
  }
}
