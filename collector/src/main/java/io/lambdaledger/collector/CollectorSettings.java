package io.lambdaledger.collector;

import java.time.Duration;

/**
 * How the collector runs; the app fills it from the {@code collector.*} configuration.
 *
 * @param interval how often a shard's cycle runs ({@code serve}); also the basis of the projected
 *     monthly CloudWatch cost
 * @param period CloudWatch period of recent samples, a whole number of minutes
 * @param lookback trailing window every cycle reads again, so late datapoints are caught
 * @param finalityMargin added to the longest function timeout: a period older than that is final
 * @param sampleRetentionDays days raw samples are kept; rollups are kept for ever
 * @param maxConcurrentShards shards one process collects at the same time
 * @param getMetricDataTps client-side limit of CloudWatch calls per second per shard
 * @param lambdaTps client-side limit of Lambda and tagging calls per second per shard
 * @param inventoryInterval how old a shard's inventory may get before a cycle lists it again
 * @param callsInFlight GetMetricData calls one shard has in flight at once
 */
public record CollectorSettings(
    Duration interval,
    Duration period,
    Duration lookback,
    Duration finalityMargin,
    int sampleRetentionDays,
    int maxConcurrentShards,
    double getMetricDataTps,
    double lambdaTps,
    Duration inventoryInterval,
    int callsInFlight) {

  /** Longest gap a cycle closes on its own; an older gap needs {@code collect --from}. */
  public static final Duration MAX_CATCH_UP = Duration.ofDays(14);

  public CollectorSettings {
    PeriodRules.requireValidConfigured(period);
    if (Duration.ofHours(1).toSeconds() % period.toSeconds() != 0
        && period.toSeconds() % Duration.ofHours(1).toSeconds() != 0) {
      throw new IllegalArgumentException(
          "collector.period must divide an hour or be whole hours: " + period);
    }
    requirePositive(interval, "collector.interval");
    requirePositive(lookback, "collector.lookback");
    requirePositive(inventoryInterval, "collector.inventoryInterval");
    if (finalityMargin.isNegative()) {
      throw new IllegalArgumentException("collector.finalityMargin must not be negative");
    }
    if (sampleRetentionDays < 1) {
      throw new IllegalArgumentException("collector.sampleRetentionDays must be at least 1");
    }
    if (maxConcurrentShards < 1 || callsInFlight < 1) {
      throw new IllegalArgumentException("concurrency settings must be at least 1");
    }
    if (!(getMetricDataTps > 0) || !(lambdaTps > 0)) {
      throw new IllegalArgumentException("rate limits must be positive");
    }
  }

  /** The documented defaults (docs/configuration.md). */
  public static CollectorSettings defaults() {
    return new CollectorSettings(
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        Duration.ofMinutes(10),
        35,
        4,
        25,
        10,
        Duration.ofHours(1),
        4);
  }

  public CollectorSettings withInterval(Duration value) {
    return new CollectorSettings(
        value,
        period,
        lookback,
        finalityMargin,
        sampleRetentionDays,
        maxConcurrentShards,
        getMetricDataTps,
        lambdaTps,
        inventoryInterval,
        callsInFlight);
  }

  public CollectorSettings withPeriod(Duration value) {
    return new CollectorSettings(
        interval,
        value,
        lookback,
        finalityMargin,
        sampleRetentionDays,
        maxConcurrentShards,
        getMetricDataTps,
        lambdaTps,
        inventoryInterval,
        callsInFlight);
  }

  public CollectorSettings withLookback(Duration value) {
    return new CollectorSettings(
        interval,
        period,
        value,
        finalityMargin,
        sampleRetentionDays,
        maxConcurrentShards,
        getMetricDataTps,
        lambdaTps,
        inventoryInterval,
        callsInFlight);
  }

  public CollectorSettings withFinalityMargin(Duration value) {
    return new CollectorSettings(
        interval,
        period,
        lookback,
        value,
        sampleRetentionDays,
        maxConcurrentShards,
        getMetricDataTps,
        lambdaTps,
        inventoryInterval,
        callsInFlight);
  }

  public CollectorSettings withSampleRetentionDays(int value) {
    return new CollectorSettings(
        interval,
        period,
        lookback,
        finalityMargin,
        value,
        maxConcurrentShards,
        getMetricDataTps,
        lambdaTps,
        inventoryInterval,
        callsInFlight);
  }

  public CollectorSettings withRateLimits(double getMetricDataPerSecond, double lambdaPerSecond) {
    return new CollectorSettings(
        interval,
        period,
        lookback,
        finalityMargin,
        sampleRetentionDays,
        maxConcurrentShards,
        getMetricDataPerSecond,
        lambdaPerSecond,
        inventoryInterval,
        callsInFlight);
  }

  public CollectorSettings withInventoryInterval(Duration value) {
    return new CollectorSettings(
        interval,
        period,
        lookback,
        finalityMargin,
        sampleRetentionDays,
        maxConcurrentShards,
        getMetricDataTps,
        lambdaTps,
        value,
        callsInFlight);
  }

  public CollectorSettings withConcurrency(int shards, int calls) {
    return new CollectorSettings(
        interval,
        period,
        lookback,
        finalityMargin,
        sampleRetentionDays,
        shards,
        getMetricDataTps,
        lambdaTps,
        inventoryInterval,
        calls);
  }

  private static void requirePositive(Duration value, String key) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive: " + value);
    }
  }
}
