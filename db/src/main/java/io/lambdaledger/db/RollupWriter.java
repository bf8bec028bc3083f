package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_CONFIG;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;
import static org.jooq.impl.DSL.row;

import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.RollupCalculator.Allocation;
import io.lambdaledger.db.RollupCalculator.ConfigurationStart;
import io.lambdaledger.db.RollupCalculator.HourKey;
import io.lambdaledger.db.jooq.tables.records.MetricSampleRecord;
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
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.Table;
import org.jooq.TableRecord;

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
  private static final List<Field<?>> PROVISIONED_COLUMNS =
      List.of(USAGE_HOUR.PC_ALLOCATED_S, USAGE_HOUR.PC_GB_S, USAGE_HOUR.COMPUTED_AT);
  private static final Comparator<UsageHourRecord> HOUR_ORDER =
      Comparator.comparing(row -> RollupKey.of(row, HOUR_KEY));
  private static final Duration DAY = Duration.ofDays(1);

  private final DSLContext dsl;
  private final List<Long> functionIds;
  private final Set<Long> functionIdSet;
  private final Instant from;
  private final Instant to;
  private final Instant now;

  private final List<UsageHourRecord> completeRows = new ArrayList<>();
  private final List<UsageHourRecord> provisionedOnlyRows = new ArrayList<>();
  private final Set<FunctionHour> hoursWithSamples = new HashSet<>();
  private final Map<Long, Instant> lastActivity = new HashMap<>();
  private int samplesWithoutConfiguration;

  RollupWriter(DSLContext dsl, List<Long> functionIds, Instant from, Instant to, Instant now) {
    this.dsl = dsl;
    this.functionIds = functionIds.stream().sorted().toList();
    this.functionIdSet = Set.copyOf(functionIds);
    this.from = from;
    this.to = to;
    this.now = now;
  }

  RollupResult write() {
    lockAccounts();
    computeHours();
    int hourRows = writeHours();
    int dayRows = writeDays();
    int monthRows = writeMonths();
    writeLastActivity();
    return new RollupResult(
        functionIds.size(), hourRows, dayRows, monthRows, samplesWithoutConfiguration);
  }

  /**
   * Serializes the rollup writers of an account (as its inventory writes are): each replaces the
   * rows of an hour by those of the configurations it reads, so two at once over the same hour, one
   * reading the configuration before a history pass replaced it and one after, would each delete
   * only the rows the other had not committed yet and both keep theirs: the hour counted twice.
   * Locked before anything is read, in account order.
   */
  private void lockAccounts() {
    if (functionIds.isEmpty()) {
      return;
    }
    List<String> accounts =
        dsl.selectDistinct(LAMBDA_FUNCTION.ACCOUNT_ID)
            .from(LAMBDA_FUNCTION)
            .where(inIdRange(LAMBDA_FUNCTION.ID))
            .fetch(LAMBDA_FUNCTION.ACCOUNT_ID);
    if (!accounts.isEmpty()) {
      dsl.select(ACCOUNT.ACCOUNT_ID)
          .from(ACCOUNT)
          .where(ACCOUNT.ACCOUNT_ID.in(accounts))
          .orderBy(ACCOUNT.ACCOUNT_ID)
          .forUpdate()
          .fetch();
    }
  }

  /**
   * The chunk's ids for an index lookup (a range when dense, an {@code IN} list when sparse; see
   * {@link IdSets}). Rows of other functions inside a range are dropped in Java.
   */
  private Condition inIdRange(Field<Long> functionId) {
    return IdSets.condition(functionId, functionIds);
  }

  private void computeHours() {
    Map<Long, List<ConfigurationStart>> configurations = loadConfigurations();
    Map<Long, List<Allocation>> allocations = loadAllocations();
    Set<Long> computed = new HashSet<>();
    try (Cursor<MetricSampleRecord> samples =
        dsl.selectFrom(METRIC_SAMPLE)
            .where(inIdRange(METRIC_SAMPLE.FUNCTION_ID))
            .and(METRIC_SAMPLE.PERIOD_START.ge(from))
            .and(METRIC_SAMPLE.PERIOD_START.lt(to))
            .orderBy(METRIC_SAMPLE.FUNCTION_ID, METRIC_SAMPLE.PERIOD_START)
            .fetchSize(5_000)
            .fetchLazy()) {
      Long current = null;
      List<MetricSampleRecord> ofCurrent = new ArrayList<>();
      for (MetricSampleRecord sample : samples) {
        if (!functionIdSet.contains(sample.getFunctionId())) {
          continue;
        }
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
      hoursWithSamples.add(new FunctionHour(functionId, hour));
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
    return ofOurFunctions(
        dsl.selectFrom(FUNCTION_CONFIG)
            .where(inIdRange(FUNCTION_CONFIG.FUNCTION_ID))
            .orderBy(FUNCTION_CONFIG.FUNCTION_ID, FUNCTION_CONFIG.VALID_FROM)
            .fetch(),
        FUNCTION_CONFIG.FUNCTION_ID,
        row ->
            new ConfigurationStart(
                row.getValidFrom(),
                Rows.billing(row.getMemoryMb(), row.getArchitecture(), row.getEphemeralMb())));
  }

  private Map<Long, List<Allocation>> loadAllocations() {
    return ofOurFunctions(
        dsl.selectFrom(PROVISIONED_CONCURRENCY)
            .where(inIdRange(PROVISIONED_CONCURRENCY.FUNCTION_ID))
            .and(PROVISIONED_CONCURRENCY.ALLOCATED.gt(0)) // UNKNOWN periods carry 0
            .and(FunctionRows.provisionedDuring(from, to))
            .fetch(),
        PROVISIONED_CONCURRENCY.FUNCTION_ID,
        row -> new Allocation(row.getAllocated(), row.getValidFrom(), row.getValidTo()));
  }

  /** The rows of the functions being rolled up (the id range holds others too), in order, by id. */
  private <R extends Record, T> Map<Long, List<T>> ofOurFunctions(
      List<R> rows, Field<Long> functionId, Function<R, T> value) {
    Map<Long, List<T>> byFunction = new HashMap<>();
    for (R row : rows) {
      Long id = row.get(functionId);
      if (functionIdSet.contains(id)) {
        byFunction.computeIfAbsent(id, key -> new ArrayList<>()).add(value.apply(row));
      }
    }
    return byFunction;
  }

  /**
   * Upserts the hours computed. Rows of an hour with samples whose configuration no longer appears
   * there (the configuration history changed) are deleted; in hours without samples only
   * provisioned concurrency is refreshed.
   */
  private int writeHours() {
    completeRows.sort(HOUR_ORDER);
    provisionedOnlyRows.sort(HOUR_ORDER);
    Set<RollupKey> written = new HashSet<>();
    completeRows.forEach(row -> written.add(RollupKey.of(row, HOUR_KEY)));
    List<RollupKey> stale = new ArrayList<>();
    for (Record existing :
        dsl.select(HOUR_KEY)
            .from(USAGE_HOUR)
            .where(inIdRange(USAGE_HOUR.FUNCTION_ID))
            .and(USAGE_HOUR.HOUR_START.ge(from))
            .and(USAGE_HOUR.HOUR_START.lt(to))
            .fetch()) {
      RollupKey key = RollupKey.of(existing, HOUR_KEY);
      if (hoursWithSamples.contains(new FunctionHour(key.functionId(), key.start()))
          && !written.contains(key)) {
        stale.add(key);
      }
    }
    deleteExactly(USAGE_HOUR, HOUR_KEY, stale);
    int count = Upserts.upsert(dsl, USAGE_HOUR, completeRows, HOUR_KEY, null);
    count +=
        Upserts.upsert(dsl, USAGE_HOUR, provisionedOnlyRows, HOUR_KEY, PROVISIONED_COLUMNS, null);
    return count;
  }

  /** A function's hour. */
  private record FunctionHour(long functionId, Instant hour) {}

  /**
   * The primary key of a rollup row (hour, day or month): the function, the bucket's start and the
   * billing configuration, in the order of the key columns.
   */
  record RollupKey(
      long functionId, Instant start, int memoryMb, String architecture, int ephemeralMb)
      implements Comparable<RollupKey> {

    private static final Comparator<RollupKey> ORDER =
        Comparator.comparingLong(RollupKey::functionId)
            .thenComparing(RollupKey::start)
            .thenComparingInt(RollupKey::memoryMb)
            .thenComparing(RollupKey::architecture)
            .thenComparingInt(RollupKey::ephemeralMb);

    /** The key of {@code row}, read through the key columns of its table. */
    static RollupKey of(Record row, List<Field<?>> keyColumns) {
      return new RollupKey(
          row.get(keyColumns.get(0), Long.class),
          row.get(keyColumns.get(1), Instant.class),
          row.get(keyColumns.get(2), Integer.class),
          row.get(keyColumns.get(3), String.class),
          row.get(keyColumns.get(4), Integer.class));
    }

    RowN asRow() {
      return row(new Object[] {functionId, start, memoryMb, architecture, ephemeralMb});
    }

    @Override
    public int compareTo(RollupKey other) {
      return ORDER.compare(this, other);
    }
  }

  /** Deletes exactly these rows, by their whole primary key (rarely any). */
  private void deleteExactly(Table<?> table, List<Field<?>> key, List<RollupKey> rows) {
    for (List<RollupKey> chunk : Chunks.of(rows, 200)) {
      dsl.deleteFrom(table)
          .where(row(key).in(chunk.stream().map(RollupKey::asRow).toList()))
          .execute();
    }
  }

  /** Re-sums the days touched from their hours. */
  private int writeDays() {
    List<Instant> days = new ArrayList<>();
    for (Instant day = RollupTime.floorDay(from); day.isBefore(to); day = day.plus(DAY)) {
      days.add(day);
    }
    return resum(
        USAGE_DAY, USAGE_DAY.DAY_START, USAGE_HOUR, USAGE_HOUR.HOUR_START, days, d -> d.plus(DAY));
  }

  /** Re-sums the months touched from their days. */
  private int writeMonths() {
    List<Instant> months = new ArrayList<>();
    for (Instant month = RollupTime.floorMonth(from);
        month.isBefore(to);
        month = RollupTime.nextMonth(month)) {
      months.add(month);
    }
    return resum(
        USAGE_MONTH,
        USAGE_MONTH.MONTH_START,
        USAGE_DAY,
        USAGE_DAY.DAY_START,
        months,
        RollupTime::nextMonth);
  }

  /**
   * Replaces the {@code coarse} rows of {@code buckets} by the sums of the {@code fine} rows in
   * them (same columns in both tables).
   */
  private <R extends TableRecord<R>> int resum(
      Table<R> coarse,
      Field<Instant> coarseStart,
      Table<?> fine,
      Field<Instant> fineStart,
      List<Instant> buckets,
      UnaryOperator<Instant> next) {
    Field<Long> fineFunction = fine.field(USAGE_HOUR.FUNCTION_ID);
    Field<Integer> fineMemory = fine.field(USAGE_HOUR.MEMORY_MB);
    Field<String> fineArchitecture = fine.field(USAGE_HOUR.ARCHITECTURE);
    Field<Integer> fineEphemeral = fine.field(USAGE_HOUR.EPHEMERAL_MB);
    List<Field<?>> key =
        List.of(
            coarse.field(USAGE_HOUR.FUNCTION_ID),
            coarseStart,
            coarse.field(USAGE_HOUR.MEMORY_MB),
            coarse.field(USAGE_HOUR.ARCHITECTURE),
            coarse.field(USAGE_HOUR.EPHEMERAL_MB));
    List<Field<?>> selected =
        new ArrayList<>(List.of(fineFunction, fineMemory, fineArchitecture, fineEphemeral));
    selected.addAll(Measures.aggregates(fine));
    List<R> rows = new ArrayList<>();
    Set<RollupKey> written = new HashSet<>();
    for (Instant bucket : buckets) {
      for (Record sum :
          dsl.select(selected)
              .from(fine)
              .where(inIdRange(fineFunction))
              .and(fineStart.ge(bucket))
              .and(fineStart.lt(next.apply(bucket)))
              .groupBy(fineFunction, fineMemory, fineArchitecture, fineEphemeral)
              .fetch()) {
        if (!functionIdSet.contains(sum.get(fineFunction))) {
          continue;
        }
        R row = coarse.newRecord();
        row.set(coarse.field(USAGE_HOUR.FUNCTION_ID), sum.get(fineFunction));
        row.set(coarseStart, bucket);
        row.set(coarse.field(USAGE_HOUR.MEMORY_MB), sum.get(fineMemory));
        row.set(coarse.field(USAGE_HOUR.ARCHITECTURE), sum.get(fineArchitecture));
        row.set(coarse.field(USAGE_HOUR.EPHEMERAL_MB), sum.get(fineEphemeral));
        Measures.set(row, Measures.totals(sum));
        row.set(coarse.field(USAGE_HOUR.COMPUTED_AT), now);
        rows.add(row);
        written.add(RollupKey.of(row, key));
      }
    }
    if (!buckets.isEmpty()) {
      List<RollupKey> stale = new ArrayList<>();
      for (Record existing :
          dsl.select(key)
              .from(coarse)
              .where(inIdRange(coarse.field(USAGE_HOUR.FUNCTION_ID)))
              .and(coarseStart.ge(buckets.get(0)))
              .and(coarseStart.lt(next.apply(buckets.get(buckets.size() - 1))))
              .fetch()) {
        RollupKey existingKey = RollupKey.of(existing, key);
        if (functionIdSet.contains(existingKey.functionId()) && !written.contains(existingKey)) {
          stale.add(existingKey);
        }
      }
      deleteExactly(coarse, key, stale);
    }
    rows.sort(Comparator.comparing(row -> RollupKey.of(row, key)));
    return Upserts.upsert(dsl, coarse, rows, key, null);
  }

  /** One statement per distinct hour (usually one: the window's latest). */
  private void writeLastActivity() {
    Map<Instant, List<Long>> functionsByHour = new TreeMap<>();
    lastActivity.forEach(
        (function, hour) ->
            functionsByHour.computeIfAbsent(hour, h -> new ArrayList<>()).add(function));
    functionsByHour.forEach(
        (hour, functions) -> {
          for (List<Long> chunk : Chunks.of(functions.stream().sorted().toList(), Chunks.IDS)) {
            dsl.update(LAMBDA_FUNCTION)
                .set(LAMBDA_FUNCTION.LAST_ACTIVITY, hour)
                .where(LAMBDA_FUNCTION.ID.in(chunk))
                .and(
                    LAMBDA_FUNCTION
                        .LAST_ACTIVITY
                        .isNull()
                        .or(LAMBDA_FUNCTION.LAST_ACTIVITY.lt(hour)))
                .execute();
          }
        });
  }
}
