package io.lambdaledger.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Billed duration of a set of invocations in milliseconds, either known exactly or bounded from a
 * CloudWatch {@code Duration} sum.
 *
 * <p>AWS rounds each invocation up to the next millisecond. A sum of per-invocation billed
 * durations ({@code Billed Duration} in REPORT logs, the simulator's ground truth, or a what-if
 * average) is {@link Billed}. A sum of the CloudWatch {@code Duration} metric is {@link MetricSum}:
 * the billed total lies between {@code ceil(sum)} and {@code floor(sum) + invocations}.
 */
public sealed interface BilledDuration {

  /** No invocations. */
  BilledDuration NONE = new Billed(BigDecimal.ZERO);

  /** Billed milliseconds the engine prices (the lower bound when only a sum is known). */
  BigDecimal lowerMs();

  /** The most the billed milliseconds can be. */
  BigDecimal upperMs();

  /** True when the billed duration is known, not bounded. */
  boolean isExact();

  /** A known billed duration: the sum of per-invocation billed milliseconds. */
  static BilledDuration billedMs(long milliseconds) {
    return new Billed(BigDecimal.valueOf(milliseconds));
  }

  /** A known billed duration: the sum of per-invocation billed milliseconds. */
  static BilledDuration billedMs(BigDecimal milliseconds) {
    return new Billed(milliseconds);
  }

  /** What-if: {@code invocations} each billed {@code averageBilledMs} on average. */
  static BilledDuration average(long invocations, BigDecimal averageBilledMs) {
    return new Billed(averageBilledMs.multiply(BigDecimal.valueOf(invocations)));
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
  record Billed(BigDecimal milliseconds) implements BilledDuration {
    public Billed {
      if (milliseconds == null || milliseconds.signum() < 0) {
        throw new IllegalArgumentException("billed duration must be zero or more");
      }
    }

    @Override
    public BigDecimal lowerMs() {
      return milliseconds;
    }

    @Override
    public BigDecimal upperMs() {
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

    /** {@code ceil(sum)}: every invocation rounded up by nothing more than needed. */
    @Override
    public BigDecimal lowerMs() {
      return durationSumMs.setScale(0, RoundingMode.CEILING);
    }

    /** {@code floor(sum) + invocations}: every invocation rounded up by almost 1 ms. */
    @Override
    public BigDecimal upperMs() {
      BigDecimal upper =
          durationSumMs.setScale(0, RoundingMode.FLOOR).add(BigDecimal.valueOf(invocations));
      return upper.max(lowerMs());
    }

    @Override
    public boolean isExact() {
      return false;
    }
  }
}
