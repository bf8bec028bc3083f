package io.lambdaledger.core.ledger;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import java.time.Instant;
import java.util.List;

/**
 * Reads stored usage rollups for pricing. Bounds are whole hours; a reader uses the day rollup when
 * both bounds are whole days.
 */
public interface UsageReader {

  /** Usage per function and billing configuration in {@code [start, end)}, summed. */
  List<FunctionUsage> totals(Instant start, Instant end);

  /** Usage per function, billing configuration and bucket in {@code [start, end)}. */
  List<Bucket> buckets(Granularity granularity, Instant start, Instant end);

  /** The buckets of one function (every configuration it had) in {@code [start, end)}. */
  List<Bucket> functionBuckets(
      FunctionKey function, Granularity granularity, Instant start, Instant end);

  /**
   * Something equal for two calls only if the usage of the UTC month starting at {@code monthStart}
   * was not rewritten in between: priced snapshots of the month are reused while it stays equal.
   */
  Object monthStamp(Instant monthStart);

  /** One function's usage under one configuration in one hour or day. */
  public record Bucket(Instant start, FunctionUsage usage) {}

  public enum Granularity {
    HOUR,
    DAY
  }
}
