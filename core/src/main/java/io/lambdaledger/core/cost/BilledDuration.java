package io.lambdaledger.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Billed duration of a set of invocations in whole milliseconds, either known exactly or bounded
 * from a CloudWatch {@code Duration} sum.
 *
 * <p>AWS rounds each invocation up to the next millisecond, so a billed total is always whole. A
 * sum of per-invocation billed durations ({@code Billed Duration} in REPORT logs, the simulator's
 * ground truth, or a what-if) is {@link Billed}. A sum of the CloudWatch {@code Duration} metric is
 * {@link MetricSum}: the billed total lies between {@code ceil(sum)} and {@code floor(sum) +
 * invocations}.
 */
public sealed interface BilledDuration {

  /** No invocations. */
  BilledDuration NONE = new Billed(0);

  /** Billed milliseconds the engine prices (the lower bound when only a sum is known). */
  long lowerMs();

  /** The most the billed milliseconds can be. */
  long upperMs();

  /** True when the billed duration is known, not bounded. */
  boolean isExact();

  /** A known billed duration: the sum of per-invocation billed milliseconds. */
  static BilledDuration billedMs(long milliseconds) {
    return new Billed(milliseconds);
  }

  /**
   * What-if: {@code invocations} billed {@code averageBilledMs} each on average; the total is
   * rounded up to a whole millisecond.
   */
  static BilledDuration average(long invocations, BigDecimal averageBilledMs) {
    return new Billed(
        averageBilledMs
            .multiply(BigDecimal.valueOf(invocations))
            .setScale(0, RoundingMode.CEILING)
            .longValueExact());
  }

  /** The CloudWatch {@code Duration} sum (ms, unrounded) over {@code invocations}. */
  static BilledDuration fromMetricSum(BigDecimal durationSumMs, long invocations) {
    return new MetricSum(durationSumMs, invocations);
  }

  /**
   * The billed duration of one invocation: {@code ceil(duration + init)} milliseconds. INIT is
   * billed for on-demand invocations of ZIP functions on managed runtimes since 2025-08-01 (and was
   * always billed for custom runtimes and container images); pass zero when it is not billed.
   */
  static long billedMsOfInvocation(BigDecimal durationMs, BigDecimal initDurationMs) {
    return durationMs.add(initDurationMs).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** A known billed duration. */
  record Billed(long milliseconds) implements BilledDuration {
    public Billed {
      if (milliseconds < 0) {
        throw new IllegalArgumentException("billed duration must be zero or more");
      }
    }

    @Override
    public long lowerMs() {
      return milliseconds;
    }

    @Override
    public long upperMs() {
      return milliseconds;
    }

    @Override
    public boolean isExact() {
      return true;
    }
  }

  /** A CloudWatch {@code Duration} sum: bounds, not the billed value. */
  record MetricSum(BigDecimal durationSumMs, long invocations) implements BilledDuration {
    public MetricSum {
      if (durationSumMs == null || durationSumMs.signum() < 0 || invocations < 0) {
        throw new IllegalArgumentException("duration sum and invocations must be zero or more");
      }
    }

    /** {@code ceil(sum)}: no invocation rounded up more than needed. */
    @Override
    public long lowerMs() {
      return durationSumMs.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** {@code floor(sum) + invocations}: every invocation rounded up by almost 1 ms. */
    @Override
    public long upperMs() {
      long floor = durationSumMs.setScale(0, RoundingMode.FLOOR).longValueExact();
      return Math.max(lowerMs(), Math.addExact(floor, invocations));
    }

    @Override
    public boolean isExact() {
      return false;
    }
  }
}
