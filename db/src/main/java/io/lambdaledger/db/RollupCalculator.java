package io.lambdaledger.db;

import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.jooq.tables.records.MetricSampleRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes one function's hourly usage from its samples, configuration history and provisioned
 * concurrency history. Pure: no database.
 *
 * <ul>
 *   <li>A sample belongs to the hour its period starts in and is priced with the configuration in
 *       force at its start: the latest period starting at or before it, or the first period for
 *       samples older than the first observation (backfill).
 *   <li>Only measured quantities are stored: billed milliseconds and GB-seconds follow from the
 *       requests and the duration sum where a line is priced ({@code core.costing.BillableUsage}).
 *   <li>Provisioned concurrency is charged for allocated × seconds allocated, each ended period
 *       rounded up to five minutes (F27), split by hour and by the configuration in force, up to
 *       {@code pcUntil} (not in the future).
 * </ul>
 */
final class RollupCalculator {

  static final int GB_SECONDS_SCALE = 13;
  static final int DURATION_SCALE = 6;

  private static final Duration HOUR = Duration.ofHours(1);

  /** A configuration and the instant it came into force. */
  record ConfigurationStart(Instant validFrom, BillingConfiguration billing) {}

  /** Provisioned concurrency allocated during {@code [from, to)}; {@code to} null = still. */
  record Allocation(int allocated, Instant from, Instant to) {}

  /** An hour and the configuration usage in it was priced with. */
  record HourKey(Instant hourStart, BillingConfiguration billing) implements Comparable<HourKey> {
    private static final Comparator<HourKey> ORDER =
        Comparator.comparing(HourKey::hourStart)
            .thenComparingInt(key -> key.billing().memoryMb())
            .thenComparing(key -> key.billing().architecture())
            .thenComparingInt(key -> key.billing().ephemeralStorageMb());

    @Override
    public int compareTo(HourKey other) {
      return ORDER.compare(this, other);
    }
  }

  /**
   * Hourly totals of one function.
   *
   * @param hoursWithSamples hours in which the function has samples: their rows are complete
   * @param samplesWithoutConfiguration samples skipped because the function has no configuration
   */
  record Result(
      SortedMap<HourKey, UsageTotals> hours,
      Set<Instant> hoursWithSamples,
      int samplesWithoutConfiguration) {}

  private final List<ConfigurationStart> configurations;

  RollupCalculator(List<ConfigurationStart> configurations) {
    this.configurations =
        configurations.stream()
            .sorted(Comparator.comparing(ConfigurationStart::validFrom))
            .toList();
  }

  Result compute(
      List<MetricSampleRecord> samples,
      List<Allocation> allocations,
      Instant from,
      Instant to,
      Instant pcUntil) {
    if (configurations.isEmpty()) {
      return new Result(new TreeMap<>(), Set.of(), samples.size());
    }
    SortedMap<HourKey, UsageTotals> hours = new TreeMap<>();
    Set<Instant> hoursWithSamples = new TreeSet<>();
    for (MetricSampleRecord sample : samples) {
      Instant hour = sample.getPeriodStart().truncatedTo(ChronoUnit.HOURS);
      BillingConfiguration billing = configurationAt(sample.getPeriodStart());
      hours.merge(new HourKey(hour, billing), ofSample(sample, billing), UsageTotals::plus);
      hoursWithSamples.add(hour);
    }
    Instant pcEnd = pcUntil.isBefore(to) ? pcUntil : to;
    for (Allocation allocation : allocations) {
      addAllocation(hours, allocation, from, pcEnd);
    }
    return new Result(hours, hoursWithSamples, 0);
  }

  /** The configuration in force at {@code instant}, the first one before any was observed. */
  BillingConfiguration configurationAt(Instant instant) {
    ConfigurationStart inForce = configurations.get(0);
    for (ConfigurationStart start : configurations) {
      if (start.validFrom().isAfter(instant)) {
        break;
      }
      inForce = start;
    }
    return inForce.billing();
  }

  private Instant nextConfigurationChangeAfter(Instant instant) {
    for (ConfigurationStart start : configurations) {
      if (start.validFrom().isAfter(instant)) {
        return start.validFrom();
      }
    }
    return Instant.MAX;
  }

  private void addAllocation(
      Map<HourKey, UsageTotals> hours, Allocation allocation, Instant from, Instant until) {
    Instant start = allocation.from().isAfter(from) ? allocation.from() : from;
    Instant billedEnd = billedEnd(allocation);
    Instant end = billedEnd != null && billedEnd.isBefore(until) ? billedEnd : until;
    Instant cursor = start;
    while (cursor.isBefore(end)) {
      Instant hour = cursor.truncatedTo(ChronoUnit.HOURS);
      Instant next = min(min(hour.plus(HOUR), nextConfigurationChangeAfter(cursor)), end);
      BillingConfiguration billing = configurationAt(cursor);
      long millis = Duration.between(cursor, next).toMillis();
      hours.merge(
          new HourKey(hour, billing),
          ofAllocation(allocation.allocated(), millis, billing),
          UsageTotals::plus);
      cursor = next;
    }
  }

  /**
   * Where an ended period stops being billed: AWS bills provisioned concurrency from when it is
   * enabled until it is disabled, rounded up to the next five minutes (cost-model F27), so the
   * period is extended to a multiple of five minutes. Null while it has not ended.
   */
  static Instant billedEnd(Allocation allocation) {
    if (allocation.to() == null) {
      return null;
    }
    long periodMs = Duration.ofSeconds(UsageLine.PROVISIONED_PERIOD_SECONDS).toMillis();
    long enabledMs = Duration.between(allocation.from(), allocation.to()).toMillis();
    long billedMs = Math.ceilDiv(enabledMs, periodMs) * periodMs;
    return allocation.from().plusMillis(billedMs);
  }

  static UsageTotals ofSample(MetricSampleRecord sample, BillingConfiguration billing) {
    long invocations = sample.getInvocations();
    BigDecimal duration = sample.getDurationMsSum();
    long provisioned = Math.min(sample.getPcInvocations(), invocations);
    BigDecimal provisionedDuration =
        invocations == 0
            ? BigDecimal.ZERO
            : duration
                .multiply(BigDecimal.valueOf(provisioned))
                .divide(BigDecimal.valueOf(invocations), DURATION_SCALE, RoundingMode.HALF_UP);
    return Measures.gauges(sample, UsageTotals.builder())
        .requests(invocations)
        .durationMsSum(duration)
        .provisionedRequests(sample.getPcInvocations())
        .provisionedSpilloverRequests(sample.getPcSpilloverInvocations())
        .provisionedDurationMsEstimate(provisionedDuration)
        .errors(sample.getErrors())
        .throttles(sample.getThrottles())
        .deadLetterErrors(sample.getDeadLetterErrors())
        .build();
  }

  static UsageTotals ofAllocation(int allocated, long millis, BillingConfiguration billing) {
    BigDecimal seconds = BigDecimal.valueOf(allocated).multiply(BigDecimal.valueOf(millis, 3));
    BigDecimal gbSeconds =
        GbSeconds.of(Math.multiplyExact((long) allocated, millis), billing.memoryMb())
            .setScale(GB_SECONDS_SCALE, RoundingMode.UNNECESSARY);
    return UsageTotals.builder()
        .provisionedConcurrencySeconds(seconds)
        .provisionedConcurrencyGbSeconds(gbSeconds)
        .build();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
