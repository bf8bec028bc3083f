package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.FUNCTION_CONFIG;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static org.jooq.impl.DSL.row;

import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.RollupCalculator.Allocation;
import io.lambdaledger.db.RollupCalculator.ConfigurationStart;
import io.lambdaledger.db.RollupCalculator.HourKey;
import io.lambdaledger.db.jooq.tables.records.MetricSampleRecord;
import io.lambdaledger.db.jooq.tables.records.UsageDayRecord;
import io.lambdaledger.db.jooq.tables.records.UsageHourRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Row2;

/**
 * Recomputes the hour and day rollups of a few functions over whole hours {@code [from, to)},
 * inside the caller's transaction.
 *
 * <p>An hour in which a function has samples is replaced entirely (so rows of a configuration no
 * longer in force there disappear). An hour without samples only gets its provisioned concurrency
 * columns refreshed: its samples may have been deleted by retention, and the usage rolled up from
 * them must survive. Days touched are then re-summed from their hours.
 */
final class RollupWriter {

  private static final List<Field<?>> HOUR_KEY =
      List.of(
          USAGE_HOUR.FUNCTION_ID,
          USAGE_HOUR.HOUR_START,
          USAGE_HOUR.MEMORY_MB,
          USAGE_HOUR.ARCHITECTURE,
          USAGE_HOUR.EPHEMERAL_MB);
  private static final List<Field<?>> DAY_KEY =
      List.of(
          USAGE_DAY.FUNCTION_ID,
          USAGE_DAY.DAY_START,
          USAGE_DAY.MEMORY_MB,
          USAGE_DAY.ARCHITECTURE,
          USAGE_DAY.EPHEMERAL_MB);
  private static final List<Field<?>> PROVISIONED_COLUMNS =
      List.of(USAGE_HOUR.PC_ALLOCATED_S, USAGE_HOUR.PC_GB_S, USAGE_HOUR.COMPUTED_AT);
  private static final Comparator<UsageHourRecord> HOUR_ORDER =
      Comparator.comparing(UsageHourRecord::getFunctionId)
          .thenComparing(UsageHourRecord::getHourStart)
          .thenComparing(UsageHourRecord::getMemoryMb)
          .thenComparing(UsageHourRecord::getArchitecture)
          .thenComparing(UsageHourRecord::getEphemeralMb);
  private static final Duration DAY = Duration.ofDays(1);

  private final DSLContext dsl;
  private final List<Long> functionIds;
  private final Instant from;
  private final Instant to;
  private final Instant now;

  private final List<UsageHourRecord> completeRows = new ArrayList<>();
  private final List<UsageHourRecord> provisionedOnlyRows = new ArrayList<>();
  private final List<Row2<Long, Instant>> hoursWithSamples = new ArrayList<>();
  private final Map<Long, Instant> lastActivity = new HashMap<>();
  private int samplesWithoutConfiguration;

  RollupWriter(DSLContext dsl, List<Long> functionIds, Instant from, Instant to, Instant now) {
    this.dsl = dsl;
    this.functionIds = functionIds;
    this.from = from;
    this.to = to;
    this.now = now;
  }

  RollupResult write() {
    computeHours();
    int hourRows = writeHours();
    int dayRows = writeDays();
    writeLastActivity();
    return new RollupResult(functionIds.size(), hourRows, dayRows, samplesWithoutConfiguration);
  }

  private void computeHours() {
    Map<Long, List<ConfigurationStart>> configurations = loadConfigurations();
    Map<Long, List<Allocation>> allocations = loadAllocations();
    Set<Long> computed = new HashSet<>();
    try (Cursor<MetricSampleRecord> samples =
        dsl.selectFrom(METRIC_SAMPLE)
            .where(METRIC_SAMPLE.FUNCTION_ID.in(functionIds))
            .and(METRIC_SAMPLE.PERIOD_START.ge(from))
            .and(METRIC_SAMPLE.PERIOD_START.lt(to))
            .orderBy(METRIC_SAMPLE.FUNCTION_ID, METRIC_SAMPLE.PERIOD_START)
            .fetchSize(5_000)
            .fetchLazy()) {
      Long current = null;
      List<MetricSampleRecord> ofCurrent = new ArrayList<>();
      for (MetricSampleRecord sample : samples) {
        if (current != null && !current.equals(sample.getFunctionId())) {
          compute(current, ofCurrent, configurations, allocations);
          computed.add(current);
          ofCurrent = new ArrayList<>();
        }
        current = sample.getFunctionId();
        ofCurrent.add(sample);
      }
      if (current != null) {
        compute(current, ofCurrent, configurations, allocations);
        computed.add(current);
      }
    }
    for (Long id : functionIds) {
      if (!computed.contains(id)) {
        compute(id, List.of(), configurations, allocations);
      }
    }
  }

  private void compute(
      long functionId,
      List<MetricSampleRecord> samples,
      Map<Long, List<ConfigurationStart>> configurations,
      Map<Long, List<Allocation>> allocations) {
    RollupCalculator.Result result =
        new RollupCalculator(configurations.getOrDefault(functionId, List.of()))
            .compute(samples, allocations.getOrDefault(functionId, List.of()), from, to, now);
    samplesWithoutConfiguration += result.samplesWithoutConfiguration();
    for (Instant hour : result.hoursWithSamples()) {
      hoursWithSamples.add(row(functionId, hour));
    }
    result
        .hours()
        .forEach(
            (key, totals) -> {
              UsageHourRecord row = hourRecord(functionId, key, totals);
              if (result.hoursWithSamples().contains(key.hourStart())) {
                completeRows.add(row);
                if (totals.requests() > 0) {
                  lastActivity.merge(functionId, key.hourStart(), (a, b) -> a.isAfter(b) ? a : b);
                }
              } else {
                provisionedOnlyRows.add(row);
              }
            });
  }

  private UsageHourRecord hourRecord(long functionId, HourKey key, UsageTotals totals) {
    BillingConfiguration billing = key.billing();
    UsageHourRecord row = new UsageHourRecord();
    row.setFunctionId(functionId);
    row.setHourStart(key.hourStart());
    row.setMemoryMb(billing.memoryMb());
    row.setArchitecture(billing.architecture().id());
    row.setEphemeralMb(billing.ephemeralStorageMb());
    Measures.set(row, totals);
    row.setComputedAt(now);
    return row;
  }

  private Map<Long, List<ConfigurationStart>> loadConfigurations() {
    Map<Long, List<ConfigurationStart>> configurations = new HashMap<>();
    dsl.selectFrom(FUNCTION_CONFIG)
        .where(FUNCTION_CONFIG.FUNCTION_ID.in(functionIds))
        .orderBy(FUNCTION_CONFIG.FUNCTION_ID, FUNCTION_CONFIG.VALID_FROM)
        .forEach(
            row ->
                configurations
                    .computeIfAbsent(row.getFunctionId(), id -> new ArrayList<>())
                    .add(
                        new ConfigurationStart(
                            row.getValidFrom(),
                            Rows.billing(
                                row.getMemoryMb(), row.getArchitecture(), row.getEphemeralMb()))));
    return configurations;
  }

  private Map<Long, List<Allocation>> loadAllocations() {
    Map<Long, List<Allocation>> allocations = new HashMap<>();
    dsl.selectFrom(PROVISIONED_CONCURRENCY)
        .where(PROVISIONED_CONCURRENCY.FUNCTION_ID.in(functionIds))
        .and(PROVISIONED_CONCURRENCY.VALID_FROM.lt(to))
        .and(
            PROVISIONED_CONCURRENCY.VALID_TO.isNull().or(PROVISIONED_CONCURRENCY.VALID_TO.gt(from)))
        .forEach(
            row ->
                allocations
                    .computeIfAbsent(row.getFunctionId(), id -> new ArrayList<>())
                    .add(new Allocation(row.getAllocated(), row.getValidFrom(), row.getValidTo())));
    return allocations;
  }

  private int writeHours() {
    for (List<Row2<Long, Instant>> chunk : Chunks.of(hoursWithSamples)) {
      dsl.deleteFrom(USAGE_HOUR)
          .where(row(USAGE_HOUR.FUNCTION_ID, USAGE_HOUR.HOUR_START).in(chunk))
          .execute();
    }
    completeRows.sort(HOUR_ORDER);
    provisionedOnlyRows.sort(HOUR_ORDER);
    int written = Upserts.upsert(dsl, USAGE_HOUR, completeRows, HOUR_KEY, null);
    written +=
        Upserts.upsert(dsl, USAGE_HOUR, provisionedOnlyRows, HOUR_KEY, PROVISIONED_COLUMNS, null);
    return written;
  }

  private int writeDays() {
    Instant firstDay = RollupTime.floorDay(from);
    Instant endDay = RollupTime.ceilDay(to);
    List<UsageDayRecord> days = new ArrayList<>();
    for (Instant day = firstDay; day.isBefore(endDay); day = day.plus(DAY)) {
      days.addAll(sumDay(day));
    }
    dsl.deleteFrom(USAGE_DAY)
        .where(USAGE_DAY.FUNCTION_ID.in(functionIds))
        .and(USAGE_DAY.DAY_START.ge(firstDay))
        .and(USAGE_DAY.DAY_START.lt(endDay))
        .execute();
    days.sort(
        Comparator.comparing(UsageDayRecord::getFunctionId)
            .thenComparing(UsageDayRecord::getDayStart)
            .thenComparing(UsageDayRecord::getMemoryMb)
            .thenComparing(UsageDayRecord::getArchitecture)
            .thenComparing(UsageDayRecord::getEphemeralMb));
    return Upserts.upsert(dsl, USAGE_DAY, days, DAY_KEY, null);
  }

  private List<UsageDayRecord> sumDay(Instant day) {
    List<Field<?>> fields =
        new ArrayList<>(
            List.of(
                USAGE_HOUR.FUNCTION_ID,
                USAGE_HOUR.MEMORY_MB,
                USAGE_HOUR.ARCHITECTURE,
                USAGE_HOUR.EPHEMERAL_MB));
    fields.addAll(Measures.aggregates(USAGE_HOUR));
    List<UsageDayRecord> rows = new ArrayList<>();
    for (Record sum :
        dsl.select(fields)
            .from(USAGE_HOUR)
            .where(USAGE_HOUR.FUNCTION_ID.in(functionIds))
            .and(USAGE_HOUR.HOUR_START.ge(day))
            .and(USAGE_HOUR.HOUR_START.lt(day.plus(DAY)))
            .groupBy(
                USAGE_HOUR.FUNCTION_ID,
                USAGE_HOUR.MEMORY_MB,
                USAGE_HOUR.ARCHITECTURE,
                USAGE_HOUR.EPHEMERAL_MB)
            .fetch()) {
      UsageDayRecord row = new UsageDayRecord();
      row.setFunctionId(sum.get(USAGE_HOUR.FUNCTION_ID));
      row.setDayStart(day);
      row.setMemoryMb(sum.get(USAGE_HOUR.MEMORY_MB));
      row.setArchitecture(sum.get(USAGE_HOUR.ARCHITECTURE));
      row.setEphemeralMb(sum.get(USAGE_HOUR.EPHEMERAL_MB));
      Measures.set(row, Measures.totals(sum));
      row.setComputedAt(now);
      rows.add(row);
    }
    return rows;
  }

  private void writeLastActivity() {
    List<Query> updates = new ArrayList<>();
    lastActivity.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry ->
                updates.add(
                    dsl.update(LAMBDA_FUNCTION)
                        .set(LAMBDA_FUNCTION.LAST_ACTIVITY, entry.getValue())
                        .where(LAMBDA_FUNCTION.ID.eq(entry.getKey()))
                        .and(
                            LAMBDA_FUNCTION
                                .LAST_ACTIVITY
                                .isNull()
                                .or(LAMBDA_FUNCTION.LAST_ACTIVITY.lt(entry.getValue())))));
    if (!updates.isEmpty()) {
      dsl.batch(updates).execute();
    }
  }
}
