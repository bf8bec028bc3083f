package io.lambdaledger.collector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monthly budget of CloudWatch API spend, turned into each shard's cadence. GetMetricData is
 * billed per metric requested, and a cycle requests each series that exists once, so a shard with
 * {@code s} active series costs {@code s × $0.00001} a cycle. Sharing the budget between shards in
 * proportion to their series gives every shard the same interval:
 *
 * <pre>
 * interval = 30 days × Σ active series × $0.00001 / budget
 * </pre>
 *
 * rounded up to a whole number of periods (so the spend stays within the budget) and kept between
 * {@link #SHORTEST} (the cadence ceiling: a cycle every five minutes) and {@link #LONGEST} (the
 * cadence floor: a cycle a day). When even the floor costs more than the budget, the collector
 * keeps the floor and warns. An explicit {@code collector.interval} wins over the budget (and warns
 * the same way when it costs more). The period, the data's resolution, is not touched.
 */
public final class CollectionBudget {

  /** The shortest interval the budget may choose (the cadence ceiling). */
  public static final Duration SHORTEST = Duration.ofMinutes(5);

  /** The longest interval the budget may choose (the cadence floor: a cycle a day). */
  public static final Duration LONGEST = Duration.ofDays(1);

  /** One shard's cadence and what it costs. */
  public record ShardCadence(
      Shard shard, Duration interval, long activeSeries, BigDecimal projectedMonthlyUsd) {}

  /**
   * The whole plan.
   *
   * @param warnings empty when the projection stays within the budget
   */
  public record Plan(
      BigDecimal monthlyUsd,
      BigDecimal projectedMonthlyUsd,
      List<String> warnings,
      List<ShardCadence> shards) {

    public Plan {
      warnings = List.copyOf(warnings);
      shards = List.copyOf(shards);
    }
  }

  private final BigDecimal monthlyUsd;
  private final Duration explicitInterval;
  private final Duration period;
  private final Map<Shard, Long> activeSeries = new LinkedHashMap<>();

  /**
   * @param explicitInterval null unless {@code collector.interval} is configured
   */
  public CollectionBudget(BigDecimal monthlyUsd, Duration explicitInterval, Duration period) {
    if (monthlyUsd == null || monthlyUsd.signum() <= 0) {
      throw new IllegalArgumentException("collector.budget must be a positive amount");
    }
    this.monthlyUsd = monthlyUsd;
    this.explicitInterval = explicitInterval;
    this.period = period;
  }

  /** The budget of the settings (their interval only when it is explicit). */
  public static CollectionBudget of(CollectorSettings settings) {
    return new CollectionBudget(
        settings.budget(),
        settings.intervalExplicit() ? settings.interval() : null,
        settings.period());
  }

  /** Records a shard's active series (from its latest cycle). */
  public synchronized void observed(Shard shard, long series) {
    activeSeries.put(shard, Math.max(0, series));
  }

  /** Records a shard before its first cycle (no series known yet). */
  public synchronized void known(Shard shard) {
    activeSeries.putIfAbsent(shard, 0L);
  }

  /** The interval every shard runs at now. */
  public synchronized Duration interval() {
    if (explicitInterval != null) {
      return explicitInterval;
    }
    long total = activeSeries.values().stream().mapToLong(Long::longValue).sum();
    Duration shortest = period.compareTo(SHORTEST) > 0 ? period : SHORTEST;
    if (total == 0) {
      return shortest;
    }
    BigDecimal seconds =
        BigDecimal.valueOf(CloudWatchCost.MONTH.toSeconds())
            .multiply(CloudWatchCost.ofMetricsRequested(total))
            .divide(monthlyUsd, 0, RoundingMode.CEILING);
    long periods = Math.ceilDiv(seconds.longValueExact(), period.toSeconds());
    Duration interval = period.multipliedBy(Math.max(1, periods));
    if (interval.compareTo(shortest) < 0) {
      return shortest;
    }
    return interval.compareTo(LONGEST) > 0 ? LONGEST : interval;
  }

  /** Every shard's cadence and projected spend, and the warnings. */
  public synchronized Plan plan() {
    Duration interval = interval();
    List<ShardCadence> shards = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<Shard, Long> entry : activeSeries.entrySet()) {
      BigDecimal projected = CloudWatchCost.projectedMonthly(entry.getValue(), interval);
      shards.add(new ShardCadence(entry.getKey(), interval, entry.getValue(), projected));
      total = total.add(projected);
    }
    List<String> warnings = new ArrayList<>();
    if (total.compareTo(monthlyUsd) > 0) {
      long series = activeSeries.values().stream().mapToLong(Long::longValue).sum();
      warnings.add(
          explicitInterval != null
              ? "collector.interval "
                  + interval
                  + " projects $"
                  + total.toPlainString()
                  + " a month of CloudWatch for "
                  + series
                  + " active series, over collector.budget $"
                  + monthlyUsd.toPlainString()
              : "collector.budget $"
                  + monthlyUsd.toPlainString()
                  + " cannot buy the floor of one cycle a day for "
                  + series
                  + " active series: collecting daily projects $"
                  + total.toPlainString()
                  + " a month");
    }
    return new Plan(monthlyUsd, total.setScale(2, RoundingMode.HALF_EVEN), warnings, shards);
  }
}
