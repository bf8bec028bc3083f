package io.lambdaledger.collector;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the collector runs; the app fills it from the {@code collector.*} configuration.
 *
 * @param interval how often a shard's cycle runs ({@code serve}) when {@code intervalExplicit};
 *     otherwise the budget chooses it
 * @param period CloudWatch period of recent samples, a whole number of minutes
 * @param lookback trailing window every cycle reads again, so late datapoints are caught
 * @param finalityMargin added to the longest function timeout: a period older than that is final
 * @param sampleRetentionDays days raw samples are kept; rollups are kept for ever
 * @param maxConcurrentShards shards one process collects at the same time
 * @param getMetricDataTps client-side limit of CloudWatch calls per second per shard
 * @param lambdaTps client-side limit of Lambda and tagging calls per second per shard
 * @param inventoryInterval how old a shard's inventory may get before a cycle lists it again
 * @param callsInFlight GetMetricData calls one shard has in flight at once
 * @param budget US dollars a month of CloudWatch API spend for the whole deployment; each shard's
 *     cadence is derived from it ({@link CollectionBudget}) unless the interval is explicit
 * @param intervalExplicit whether {@code interval} was configured ({@code collector.interval}),
 *     which wins over the budget
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
    int callsInFlight,
    BigDecimal budget,
    boolean intervalExplicit) {

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
    if (budget == null || budget.signum() <= 0) {
      throw new IllegalArgumentException("collector.budget must be a positive amount: " + budget);
    }
  }

  /** Default {@code collector.budget}: keeps a 1,000-function estate under $20 a month. */
  public static final BigDecimal DEFAULT_BUDGET = new BigDecimal("15");

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
        4,
        DEFAULT_BUDGET,
        false);
  }

  /** A copy of these settings with {@code change} made to it. */
  private CollectorSettings with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  public CollectorSettings withInterval(Duration value) {
    return with(
        copy -> {
          copy.interval = value;
          copy.intervalExplicit = true;
        });
  }

  public CollectorSettings withPeriod(Duration value) {
    return with(copy -> copy.period = value);
  }

  public CollectorSettings withLookback(Duration value) {
    return with(copy -> copy.lookback = value);
  }

  public CollectorSettings withFinalityMargin(Duration value) {
    return with(copy -> copy.finalityMargin = value);
  }

  public CollectorSettings withSampleRetentionDays(int value) {
    return with(copy -> copy.sampleRetentionDays = value);
  }

  public CollectorSettings withRateLimits(double getMetricDataPerSecond, double lambdaPerSecond) {
    return with(
        copy -> {
          copy.getMetricDataTps = getMetricDataPerSecond;
          copy.lambdaTps = lambdaPerSecond;
        });
  }

  public CollectorSettings withInventoryInterval(Duration value) {
    return with(copy -> copy.inventoryInterval = value);
  }

  public CollectorSettings withConcurrency(int shards, int calls) {
    return with(
        copy -> {
          copy.maxConcurrentShards = shards;
          copy.callsInFlight = calls;
        });
  }

  /** The same settings with another monthly budget (the interval stays as it is). */
  public CollectorSettings withBudget(BigDecimal value) {
    return with(copy -> copy.budget = value);
  }

  /**
   * The settings as named fields, so that each wither changes its own by name and only {@link
   * #build()} lists the components in order.
   */
  private static final class Copy {
    private Duration interval;
    private Duration period;
    private Duration lookback;
    private Duration finalityMargin;
    private int sampleRetentionDays;
    private int maxConcurrentShards;
    private double getMetricDataTps;
    private double lambdaTps;
    private Duration inventoryInterval;
    private int callsInFlight;
    private BigDecimal budget;
    private boolean intervalExplicit;

    private Copy(CollectorSettings settings) {
      interval = settings.interval;
      period = settings.period;
      lookback = settings.lookback;
      finalityMargin = settings.finalityMargin;
      sampleRetentionDays = settings.sampleRetentionDays;
      maxConcurrentShards = settings.maxConcurrentShards;
      getMetricDataTps = settings.getMetricDataTps;
      lambdaTps = settings.lambdaTps;
      inventoryInterval = settings.inventoryInterval;
      callsInFlight = settings.callsInFlight;
      budget = settings.budget;
      intervalExplicit = settings.intervalExplicit;
    }

    private CollectorSettings build() {
      return new CollectorSettings(
          interval,
          period,
          lookback,
          finalityMargin,
          sampleRetentionDays,
          maxConcurrentShards,
          getMetricDataTps,
          lambdaTps,
          inventoryInterval,
          callsInFlight,
          budget,
          intervalExplicit);
    }
  }

  private static void requirePositive(Duration value, String key) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive: " + value);
    }
  }
}
