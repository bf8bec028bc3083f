package io.lambdaledger.collector;

import java.util.function.LongSupplier;

/**
 * Client-side limit of calls per second, well under the AWS quota (GetMetricData 50 TPS, Lambda
 * control plane 15 rps per account and region, shared with every other tool): each caller gets the
 * next free slot, slots are {@code 1 / rate} apart, and the caller sleeps until its slot. The SDK's
 * retries with backoff handle whatever throttling still happens.
 */
final class RateLimiter {

  /** Sleeps for a number of nanoseconds; tests replace it to run without waiting. */
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long nextFreeSlot;
  private boolean started;

  public RateLimiter(double permitsPerSecond) {
    this(
        permitsPerSecond,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  RateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException("a rate limit must be a positive number per second");
    }
    this.intervalNanos = (long) (1_000_000_000L / permitsPerSecond);
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Waits until the caller may make one call. */
  public void acquire() {
    long waitNanos = reserve();
    if (waitNanos > 0) {
      try {
        sleeper.sleepNanos(waitNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectionInterruptedException("interrupted while waiting for a rate limit", e);
      }
    }
  }

  private synchronized long reserve() {
    long now = nanoTime.getAsLong();
    if (!started || now - nextFreeSlot > 0) {
      nextFreeSlot = now;
      started = true;
    }
    long slot = nextFreeSlot;
    nextFreeSlot = slot + intervalNanos;
    return slot - now;
  }
}
