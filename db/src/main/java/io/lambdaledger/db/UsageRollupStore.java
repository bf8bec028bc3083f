package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_TAG;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE;
import static io.lambdaledger.db.jooq.Tables.PROVISIONED_CONCURRENCY;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageRollup;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Usage rollups per function, hour or UTC day, and billing configuration: recomputed from samples
 * and history (replaced, never incremented), and read for pricing and time series without touching
 * raw samples.
 */
public final class UsageRollupStore {

  /** Bounds the hour rows one transaction computes (functions × hours). */
  private static final int HOUR_ROWS_PER_TRANSACTION = 40_000;

  private static final int MAX_FUNCTIONS_PER_TRANSACTION = Chunks.IDS;

  private final DSLContext dsl;
  private final Clock clock;

  public UsageRollupStore(DSLContext dsl) {
    this(dsl, Clock.systemUTC());
  }

  /**
   * @param clock provisioned concurrency is counted up to {@code clock.instant()}, never beyond
   */
  public UsageRollupStore(DSLContext dsl, Clock clock) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Recomputes the hour rollups of {@code functions} for every hour that {@code [from, to)}
   * touches, and the day rollups of every day those hours fall in. Idempotent: running it twice
   * gives the same rows. Functions unknown to the inventory are ignored. Hours whose samples were
   * deleted by retention keep their usage (only provisioned concurrency is refreshed there).
   */
  public RollupResult recompute(Collection<FunctionKey> functions, Instant from, Instant to) {
    return recomputeIds(FunctionIds.resolve(dsl, functions).values(), from, to);
  }

  /**
   * Recomputes the rollups of every function with samples or provisioned concurrency in {@code
   * [from, to)} (for example after a backfill, or to rebuild rollups).
   */
  public RollupResult recomputeAll(Instant from, Instant to) {
    Instant hourFrom = RollupTime.floorHour(from);
    Instant hourTo = RollupTime.ceilHour(to);
    TreeSet<Long> ids = new TreeSet<>();
    ids.addAll(
        dsl.selectDistinct(METRIC_SAMPLE.FUNCTION_ID)
            .from(METRIC_SAMPLE)
            .where(METRIC_SAMPLE.PERIOD_START.ge(hourFrom))
            .and(METRIC_SAMPLE.PERIOD_START.lt(hourTo))
            .fetch(METRIC_SAMPLE.FUNCTION_ID));
    ids.addAll(
        dsl.selectDistinct(PROVISIONED_CONCURRENCY.FUNCTION_ID)
            .from(PROVISIONED_CONCURRENCY)
            .where(FunctionRows.provisionedDuring(hourFrom, hourTo))
            .fetch(PROVISIONED_CONCURRENCY.FUNCTION_ID));
    return recomputeIds(ids, from, to);
  }

  private RollupResult recomputeIds(Collection<Long> functionIds, Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from: " + from + ", " + to);
    }
    Instant hourFrom = RollupTime.floorHour(from);
    Instant hourTo = RollupTime.ceilHour(to);
    if (!hourFrom.isBefore(hourTo)) {
      hourTo = hourFrom.plusSeconds(3600);
    }
    long hours = Math.max(1, (hourTo.getEpochSecond() - hourFrom.getEpochSecond()) / 3600);
    int perTransaction =
        (int)
            Math.max(1, Math.min(MAX_FUNCTIONS_PER_TRANSACTION, HOUR_ROWS_PER_TRANSACTION / hours));
    Instant now = clock.instant();
    RollupResult total = new RollupResult(0, 0, 0, 0, 0);
    Instant start = hourFrom;
    Instant end = hourTo;
    for (List<Long> chunk : Chunks.of(new TreeSet<>(functionIds), perTransaction)) {
      total =
          total.plus(
              Transactions.inTransaction(
                  dsl, tx -> new RollupWriter(tx.dsl(), chunk, start, end, now).write()));
    }
    return total;
  }

  /**
   * Usage per function and billing configuration over the query's window, ordered by account,
   * region, function and configuration: what the cost engine prices. Each UTC month of the window
   * is read from the month rollup when the window covers it, or covers all of its rollup rows
   * (month to date: nothing is recorded after now); otherwise its whole days come from the day
   * rollup and the hours at the edges from the hour rollup. Reading a month of 10,000 functions
   * therefore reads about 10,000 rows.
   */
  public List<FunctionUsage> usageByFunction(UsageQuery query) {
    Condition functions = functionFilter(query);
    List<Range> months = new ArrayList<>();
    List<Range> days = new ArrayList<>();
    List<Range> hours = new ArrayList<>();
    for (Instant month = RollupTime.floorMonth(query.from());
        month.isBefore(query.to());
        month = RollupTime.nextMonth(month)) {
      Range inMonth =
          new Range(latest(query.from(), month), earliest(query.to(), RollupTime.nextMonth(month)));
      if (isWholeMonthOrAllOfItsData(month, inMonth)) {
        months.add(new Range(month, RollupTime.nextMonth(month)));
        continue;
      }
      Instant firstDay = RollupTime.ceilDay(inMonth.from());
      Instant endDay = RollupTime.floorDay(inMonth.to());
      if (firstDay.isBefore(endDay)) {
        days.add(new Range(firstDay, endDay));
        hours.add(new Range(inMonth.from(), firstDay));
        hours.add(new Range(endDay, inMonth.to()));
      } else {
        hours.add(inMonth);
      }
    }
    Map<GroupKey, UsageTotals> usage = new TreeMap<>();
    addGrouped(usage, USAGE_MONTH, USAGE_MONTH.MONTH_START, months, functions);
    addGrouped(usage, USAGE_DAY, USAGE_DAY.DAY_START, days, functions);
    addGrouped(usage, USAGE_HOUR, USAGE_HOUR.HOUR_START, hours, functions);
    List<FunctionUsage> result = new ArrayList<>(usage.size());
    usage.forEach(
        (key, totals) ->
            result.add(
                new FunctionUsage(key.function(), key.payerAccountId(), key.billing(), totals)));
    return result;
  }

  /**
   * What changes whenever usage of the UTC month starting at {@code month} is written: the rollup
   * writer re-sums the month rows of every function it touches (stamping them with the time it ran)
   * and deletes the rows of configurations no longer used. One scan of the month's rows, about
   * 10,000 for 10,000 functions: far cheaper than reading and pricing the month again.
   */
  public MonthStamp monthStamp(Instant month) {
    Record3<Integer, Instant, BigDecimal> stamp =
        dsl.select(count(), max(USAGE_MONTH.COMPUTED_AT), sum(USAGE_MONTH.REQUESTS))
            .from(USAGE_MONTH)
            .where(USAGE_MONTH.MONTH_START.eq(month))
            .fetchOne();
    return new MonthStamp(
        stamp.value1(), stamp.value2(), stamp.value3() == null ? BigDecimal.ZERO : stamp.value3());
  }

  /**
   * The month rollup of one month in brief: how many rows, when the latest was computed, their
   * requests. Equal stamps: the month's usage was not rewritten in between.
   */
  public record MonthStamp(long rows, Instant lastComputedAt, BigDecimal requests) {}

  /**
   * The UTC months that have usage, per account, with how many functions used something in each:
   * one grouped scan of the month rollup (a row per function, month and configuration).
   */
  public List<AccountMonth> monthsWithUsage() {
    return dsl.select(
            USAGE_MONTH.MONTH_START,
            LAMBDA_FUNCTION.ACCOUNT_ID,
            DSL.countDistinct(USAGE_MONTH.FUNCTION_ID))
        .from(USAGE_MONTH)
        .join(LAMBDA_FUNCTION)
        .on(LAMBDA_FUNCTION.ID.eq(USAGE_MONTH.FUNCTION_ID))
        .groupBy(USAGE_MONTH.MONTH_START, LAMBDA_FUNCTION.ACCOUNT_ID)
        .orderBy(USAGE_MONTH.MONTH_START.desc(), LAMBDA_FUNCTION.ACCOUNT_ID)
        .fetch(r -> new AccountMonth(r.value2(), r.value1(), r.value3()));
  }

  /** One account's usage in one UTC month, in brief: how many of its functions had any. */
  public record AccountMonth(String accountId, Instant monthStart, int functions) {}

  /**
   * Whether {@code inMonth}, the part of a window inside the month starting at {@code month}, is
   * the whole month, or holds every hour rollup row of that month.
   */
  private boolean isWholeMonthOrAllOfItsData(Instant month, Range inMonth) {
    Instant monthEnd = RollupTime.nextMonth(month);
    if (inMonth.from().equals(month) && inMonth.to().equals(monthEnd)) {
      return true;
    }
    return !dsl.fetchExists(
        selectOne()
            .from(USAGE_HOUR)
            .where(
                between(USAGE_HOUR.HOUR_START, month, inMonth.from())
                    .or(between(USAGE_HOUR.HOUR_START, inMonth.to(), monthEnd))));
  }

  /**
   * Usage per function, bucket and billing configuration, ordered by function, bucket and
   * configuration. Day buckets are UTC days; a window starting or ending inside a day gives that
   * day only the hours inside the window.
   */
  public List<UsageRollup> usageSeries(UsageQuery query, Granularity granularity) {
    Map<SeriesKey, UsageTotals> series = new TreeMap<>();
    Condition functions = functionFilter(query);
    boolean byDay = granularity == Granularity.DAY;
    Instant firstDay = RollupTime.ceilDay(query.from());
    Instant endDay = RollupTime.floorDay(query.to());
    if (byDay && firstDay.isBefore(endDay)) {
      addRows(
          series,
          USAGE_DAY.DAY_START,
          between(USAGE_DAY.DAY_START, firstDay, endDay),
          functions,
          false);
      addRows(
          series,
          USAGE_HOUR.HOUR_START,
          between(USAGE_HOUR.HOUR_START, query.from(), firstDay)
              .or(between(USAGE_HOUR.HOUR_START, endDay, query.to())),
          functions,
          true);
    } else {
      // hours only: by hour, or by day when the window holds no whole day
      addRows(
          series,
          USAGE_HOUR.HOUR_START,
          between(USAGE_HOUR.HOUR_START, query.from(), query.to()),
          functions,
          byDay);
    }
    List<UsageRollup> result = new ArrayList<>(series.size());
    series.forEach(
        (key, totals) ->
            result.add(new UsageRollup(key.function(), key.bucketStart(), key.billing(), totals)));
    return result;
  }

  private void addGrouped(
      Map<GroupKey, UsageTotals> usage,
      Table<?> rollup,
      Field<Instant> bucket,
      List<Range> ranges,
      Condition functions) {
    List<Condition> buckets =
        ranges.stream()
            .filter(r -> r.from().isBefore(r.to()))
            .map(r -> between(bucket, r.from(), r.to()))
            .toList();
    if (buckets.isEmpty()) {
      return;
    }
    Condition range = DSL.or(buckets);
    Field<Long> functionId = rollup.field(USAGE_HOUR.FUNCTION_ID);
    Field<Integer> memory = rollup.field(USAGE_HOUR.MEMORY_MB);
    Field<String> architecture = rollup.field(USAGE_HOUR.ARCHITECTURE);
    Field<Integer> ephemeral = rollup.field(USAGE_HOUR.EPHEMERAL_MB);
    List<Field<?>> grouped = new ArrayList<>(List.of(functionId, memory, architecture, ephemeral));
    grouped.addAll(Measures.aggregates(rollup));
    Table<?> sums =
        dsl.select(grouped)
            .from(rollup)
            .where(range)
            .and(functionId.in(select(LAMBDA_FUNCTION.ID).from(LAMBDA_FUNCTION).where(functions)))
            .groupBy(functionId, memory, architecture, ephemeral)
            .asTable("sums");
    for (Record row :
        dsl.select(sums.fields())
            .select(
                LAMBDA_FUNCTION.ACCOUNT_ID,
                LAMBDA_FUNCTION.REGION,
                LAMBDA_FUNCTION.FUNCTION_NAME,
                ACCOUNT.PAYER_ACCOUNT_ID)
            .from(sums)
            .join(LAMBDA_FUNCTION)
            .on(LAMBDA_FUNCTION.ID.eq(sums.field(functionId)))
            .join(ACCOUNT)
            .on(ACCOUNT.ACCOUNT_ID.eq(LAMBDA_FUNCTION.ACCOUNT_ID))
            .fetch()) {
      GroupKey key =
          new GroupKey(
              functionKey(row),
              row.get(ACCOUNT.PAYER_ACCOUNT_ID),
              Rows.billing(
                  row.get(sums.field(memory)),
                  row.get(sums.field(architecture)),
                  row.get(sums.field(ephemeral))));
      usage.merge(key, Measures.totals(row), UsageTotals::plus);
    }
  }

  private void addRows(
      Map<SeriesKey, UsageTotals> series,
      TableField<?, Instant> bucket,
      Condition range,
      Condition functions,
      boolean toDays) {
    Table<?> rollup = bucket.getTable();
    for (Record row :
        dsl.select(rollup.fields())
            .select(
                LAMBDA_FUNCTION.ACCOUNT_ID, LAMBDA_FUNCTION.REGION, LAMBDA_FUNCTION.FUNCTION_NAME)
            .from(rollup)
            .join(LAMBDA_FUNCTION)
            .on(LAMBDA_FUNCTION.ID.eq(rollup.field(USAGE_HOUR.FUNCTION_ID)))
            .where(range)
            .and(functions)
            .fetch()) {
      Instant start = row.get(bucket);
      SeriesKey key =
          new SeriesKey(
              functionKey(row),
              toDays ? RollupTime.floorDay(start) : start,
              Rows.billing(
                  row.get(rollup.field(USAGE_HOUR.MEMORY_MB)),
                  row.get(rollup.field(USAGE_HOUR.ARCHITECTURE)),
                  row.get(rollup.field(USAGE_HOUR.EPHEMERAL_MB))));
      series.merge(key, Measures.totals(row), UsageTotals::plus);
    }
  }

  private record Range(Instant from, Instant to) {}

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Condition between(Field<Instant> bucket, Instant from, Instant to) {
    return from.isBefore(to) ? bucket.ge(from).and(bucket.lt(to)) : falseCondition();
  }

  /** Conditions on {@code lambda_function} for the query's scope and filters. */
  private static Condition functionFilter(UsageQuery query) {
    Condition condition = noCondition();
    if (!query.scope().unrestricted()) {
      condition =
          query.scope().accountIds().isEmpty()
              ? falseCondition()
              : LAMBDA_FUNCTION.ACCOUNT_ID.in(query.scope().accountIds());
    }
    if (!query.regions().isEmpty()) {
      condition = condition.and(LAMBDA_FUNCTION.REGION.in(query.regions()));
    }
    if (!query.functions().isEmpty()) {
      condition =
          condition.and(
              row(LAMBDA_FUNCTION.ACCOUNT_ID, LAMBDA_FUNCTION.REGION, LAMBDA_FUNCTION.FUNCTION_NAME)
                  .in(
                      query.functions().stream()
                          .map(key -> row(key.accountId(), key.region(), key.name()))
                          .toList()));
    }
    for (Map.Entry<String, String> tag : query.tags().entrySet()) {
      condition =
          condition.and(
              exists(
                  selectOne()
                      .from(FUNCTION_TAG)
                      .where(FUNCTION_TAG.FUNCTION_ID.eq(LAMBDA_FUNCTION.ID))
                      .and(FUNCTION_TAG.TAG_KEY.eq(tag.getKey()))
                      .and(FUNCTION_TAG.TAG_VALUE.eq(tag.getValue()))));
    }
    return condition;
  }

  private static FunctionKey functionKey(Record row) {
    return new FunctionKey(
        row.get(LAMBDA_FUNCTION.ACCOUNT_ID),
        row.get(LAMBDA_FUNCTION.REGION),
        row.get(LAMBDA_FUNCTION.FUNCTION_NAME));
  }

  private static final Comparator<BillingConfiguration> BILLING_ORDER =
      Comparator.comparingInt(BillingConfiguration::memoryMb)
          .thenComparing(BillingConfiguration::architecture)
          .thenComparingInt(BillingConfiguration::ephemeralStorageMb);

  private record GroupKey(FunctionKey function, String payerAccountId, BillingConfiguration billing)
      implements Comparable<GroupKey> {
    private static final Comparator<GroupKey> ORDER =
        Comparator.comparing(GroupKey::function)
            .thenComparing(GroupKey::billing, BILLING_ORDER)
            .thenComparing(GroupKey::payerAccountId);

    @Override
    public int compareTo(GroupKey other) {
      return ORDER.compare(this, other);
    }
  }

  private record SeriesKey(FunctionKey function, Instant bucketStart, BillingConfiguration billing)
      implements Comparable<SeriesKey> {
    private static final Comparator<SeriesKey> ORDER =
        Comparator.comparing(SeriesKey::function)
            .thenComparing(SeriesKey::bucketStart)
            .thenComparing(SeriesKey::billing, BILLING_ORDER);

    @Override
    public int compareTo(SeriesKey other) {
      return ORDER.compare(this, other);
    }
  }
}
