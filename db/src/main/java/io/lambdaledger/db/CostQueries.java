package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;

/**
 * Read-only usage queries the API prices from (owned by the api work; the rollup tables are written
 * by the collector). Each function's usage comes with its payer and billing configuration, as the
 * cost engine needs it.
 *
 * <p>A range {@code [start, end)} in whole hours is read from the day rollup for its whole days and
 * from the hour rollup for the hours before the first and after the last whole day, so a month to
 * date is one grouped query over at most 31 rows per function and configuration, plus today's
 * hours.
 */
public final class CostQueries {

  private final DSLContext dsl;

  public CostQueries(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Rollup granularity. */
  public enum Granularity {
    HOUR,
    DAY
  }

  /** One function's usage under one configuration in the bucket starting at {@code start}. */
  public record UsageBucket(Instant start, FunctionUsage usage) {}

  /**
   * Usage per function and billing configuration in {@code [start, end)}, summed; both bounds must
   * be whole hours.
   */
  public List<FunctionUsage> totals(Instant start, Instant end) {
    requireWholeHours(start, end);
    Instant firstDay = start.truncatedTo(ChronoUnit.DAYS);
    if (firstDay.isBefore(start)) {
      firstDay = firstDay.plus(1, ChronoUnit.DAYS);
    }
    Instant lastDay = end.truncatedTo(ChronoUnit.DAYS);
    Map<Key, FunctionUsage> merged = new LinkedHashMap<>();
    if (firstDay.isBefore(lastDay)) {
      grouped(Rollup.DAY, firstDay, lastDay, merged);
      if (start.isBefore(firstDay)) {
        grouped(Rollup.HOUR, start, firstDay, merged);
      }
      if (lastDay.isBefore(end)) {
        grouped(Rollup.HOUR, lastDay, end, merged);
      }
    } else if (start.isBefore(end)) {
      grouped(Rollup.HOUR, start, end, merged);
    }
    return List.copyOf(merged.values());
  }

  /** Every bucket in {@code [start, end)} (whole days for {@link Granularity#DAY}). */
  public List<UsageBucket> buckets(Granularity granularity, Instant start, Instant end) {
    requireWholeHours(start, end);
    return buckets(granularity == Granularity.DAY ? Rollup.DAY : Rollup.HOUR, start, end, null);
  }

  /** The buckets of one function in {@code [start, end)}. */
  public List<UsageBucket> functionBuckets(
      FunctionKey function, Granularity granularity, Instant start, Instant end) {
    requireWholeHours(start, end);
    return buckets(
        granularity == Granularity.DAY ? Rollup.DAY : Rollup.HOUR,
        start,
        end,
        LAMBDA_FUNCTION
            .ACCOUNT_ID
            .eq(function.accountId())
            .and(LAMBDA_FUNCTION.REGION.eq(function.region()))
            .and(LAMBDA_FUNCTION.FUNCTION_NAME.eq(function.name())));
  }

  private void grouped(Rollup rollup, Instant start, Instant end, Map<Key, FunctionUsage> into) {
    List<SelectFieldOrAsterisk> fields = new ArrayList<>(rollup.keyFields());
    fields.addAll(rollup.sums());
    dsl.select(fields)
        .from(rollup.table)
        .join(LAMBDA_FUNCTION)
        .on(LAMBDA_FUNCTION.ID.eq(rollup.functionId))
        .join(ACCOUNT)
        .on(ACCOUNT.ACCOUNT_ID.eq(LAMBDA_FUNCTION.ACCOUNT_ID))
        .where(rollup.start.ge(start))
        .and(rollup.start.lt(end))
        .groupBy(rollup.keyFields())
        .fetch()
        .forEach(
            row -> {
              FunctionUsage usage = rollup.usage(row);
              into.merge(
                  Key.of(usage),
                  usage,
                  (a, b) ->
                      new FunctionUsage(
                          a.function(),
                          a.payerAccountId(),
                          a.configuration(),
                          a.usage().plus(b.usage())));
            });
  }

  private List<UsageBucket> buckets(
      Rollup rollup, Instant start, Instant end, Condition functionCondition) {
    List<SelectFieldOrAsterisk> fields = new ArrayList<>(rollup.keyFields());
    fields.add(rollup.start);
    fields.addAll(rollup.columns());
    Condition where = rollup.start.ge(start).and(rollup.start.lt(end));
    if (functionCondition != null) {
      where = where.and(functionCondition);
    }
    return dsl.select(fields)
        .from(rollup.table)
        .join(LAMBDA_FUNCTION)
        .on(LAMBDA_FUNCTION.ID.eq(rollup.functionId))
        .join(ACCOUNT)
        .on(ACCOUNT.ACCOUNT_ID.eq(LAMBDA_FUNCTION.ACCOUNT_ID))
        .where(where)
        .orderBy(rollup.start)
        .fetch()
        .map(row -> new UsageBucket(row.get(rollup.start), rollup.usage(row)));
  }

  private static void requireWholeHours(Instant start, Instant end) {
    if (!start.truncatedTo(ChronoUnit.HOURS).equals(start)
        || !end.truncatedTo(ChronoUnit.HOURS).equals(end)) {
      throw new IllegalArgumentException("usage ranges are whole hours: " + start + ", " + end);
    }
  }

  private record Key(FunctionKey function, Object configuration) {
    static Key of(FunctionUsage usage) {
      return new Key(usage.function(), usage.configuration());
    }
  }

  /** The columns of usage_hour and usage_day, which have the same shape. */
  private static final class Rollup {
    static final Rollup HOUR =
        new Rollup(
            USAGE_HOUR,
            USAGE_HOUR.FUNCTION_ID,
            USAGE_HOUR.HOUR_START,
            USAGE_HOUR.MEMORY_MB,
            USAGE_HOUR.ARCHITECTURE,
            USAGE_HOUR.EPHEMERAL_MB,
            List.of(
                USAGE_HOUR.REQUESTS,
                USAGE_HOUR.DURATION_MS_SUM,
                USAGE_HOUR.BILLED_MS_LOWER,
                USAGE_HOUR.BILLED_MS_UPPER,
                USAGE_HOUR.GB_S_LOWER,
                USAGE_HOUR.GB_S_UPPER,
                USAGE_HOUR.STORAGE_GB_S_LOWER,
                USAGE_HOUR.STORAGE_GB_S_UPPER,
                USAGE_HOUR.PC_ALLOCATED_S,
                USAGE_HOUR.PC_GB_S,
                USAGE_HOUR.PC_REQUESTS,
                USAGE_HOUR.PC_SPILLOVER_REQUESTS,
                USAGE_HOUR.PC_DURATION_MS_EST,
                USAGE_HOUR.ERRORS,
                USAGE_HOUR.THROTTLES,
                USAGE_HOUR.DEAD_LETTER_ERRORS),
            USAGE_HOUR.ITERATOR_AGE_MAX_MS,
            USAGE_HOUR.CONCURRENT_EXECUTIONS_MAX);
    static final Rollup DAY =
        new Rollup(
            USAGE_DAY,
            USAGE_DAY.FUNCTION_ID,
            USAGE_DAY.DAY_START,
            USAGE_DAY.MEMORY_MB,
            USAGE_DAY.ARCHITECTURE,
            USAGE_DAY.EPHEMERAL_MB,
            List.of(
                USAGE_DAY.REQUESTS,
                USAGE_DAY.DURATION_MS_SUM,
                USAGE_DAY.BILLED_MS_LOWER,
                USAGE_DAY.BILLED_MS_UPPER,
                USAGE_DAY.GB_S_LOWER,
                USAGE_DAY.GB_S_UPPER,
                USAGE_DAY.STORAGE_GB_S_LOWER,
                USAGE_DAY.STORAGE_GB_S_UPPER,
                USAGE_DAY.PC_ALLOCATED_S,
                USAGE_DAY.PC_GB_S,
                USAGE_DAY.PC_REQUESTS,
                USAGE_DAY.PC_SPILLOVER_REQUESTS,
                USAGE_DAY.PC_DURATION_MS_EST,
                USAGE_DAY.ERRORS,
                USAGE_DAY.THROTTLES,
                USAGE_DAY.DEAD_LETTER_ERRORS),
            USAGE_DAY.ITERATOR_AGE_MAX_MS,
            USAGE_DAY.CONCURRENT_EXECUTIONS_MAX);

    final Table<?> table;
    final Field<Long> functionId;
    final Field<Instant> start;
    final Field<Integer> memoryMb;
    final Field<String> architecture;
    final Field<Integer> ephemeralMb;

    /** The additive columns, in {@link UsageTotals} order (from requests to deadLetterErrors). */
    final List<Field<?>> additive;

    final Field<BigDecimal> iteratorAgeMax;
    final Field<Integer> concurrentMax;
    private final List<Field<?>> sums = new ArrayList<>();

    Rollup(
        Table<?> table,
        Field<Long> functionId,
        Field<Instant> start,
        Field<Integer> memoryMb,
        Field<String> architecture,
        Field<Integer> ephemeralMb,
        List<Field<?>> additive,
        Field<BigDecimal> iteratorAgeMax,
        Field<Integer> concurrentMax) {
      this.table = table;
      this.functionId = functionId;
      this.start = start;
      this.memoryMb = memoryMb;
      this.architecture = architecture;
      this.ephemeralMb = ephemeralMb;
      this.additive = additive;
      this.iteratorAgeMax = iteratorAgeMax;
      this.concurrentMax = concurrentMax;
      for (Field<?> field : additive) {
        sums.add(sum(field.coerce(BigDecimal.class)).as(field.getName()));
      }
      sums.add(max(iteratorAgeMax).as(iteratorAgeMax.getName()));
      sums.add(max(concurrentMax).as(concurrentMax.getName()));
    }

    List<Field<?>> keyFields() {
      return List.of(
          LAMBDA_FUNCTION.ACCOUNT_ID,
          LAMBDA_FUNCTION.REGION,
          LAMBDA_FUNCTION.FUNCTION_NAME,
          ACCOUNT.PAYER_ACCOUNT_ID,
          memoryMb,
          architecture,
          ephemeralMb);
    }

    List<Field<?>> sums() {
      return sums;
    }

    List<Field<?>> columns() {
      List<Field<?>> columns = new ArrayList<>(additive);
      columns.add(iteratorAgeMax);
      columns.add(concurrentMax);
      return columns;
    }

    /** Reads a row of {@link #keyFields()} and the additive columns (summed or not) by name. */
    FunctionUsage usage(Record row) {
      BigDecimal[] values = new BigDecimal[additive.size()];
      for (int i = 0; i < values.length; i++) {
        BigDecimal value = row.get(additive.get(i).getName(), BigDecimal.class);
        values[i] = value == null ? BigDecimal.ZERO : value;
      }
      UsageTotals totals =
          new UsageTotals(
              values[0].longValueExact(),
              values[1],
              values[2].longValueExact(),
              values[3].longValueExact(),
              values[4],
              values[5],
              values[6],
              values[7],
              values[8],
              values[9],
              values[10].longValueExact(),
              values[11].longValueExact(),
              values[12],
              values[13].longValueExact(),
              values[14].longValueExact(),
              values[15].longValueExact(),
              row.get(iteratorAgeMax.getName(), BigDecimal.class),
              row.get(concurrentMax.getName(), Integer.class));
      return new FunctionUsage(
          new FunctionKey(
              row.get(LAMBDA_FUNCTION.ACCOUNT_ID),
              row.get(LAMBDA_FUNCTION.REGION),
              row.get(LAMBDA_FUNCTION.FUNCTION_NAME)),
          row.get(ACCOUNT.PAYER_ACCOUNT_ID),
          Rows.billing(row.get(memoryMb), row.get(architecture), row.get(ephemeralMb)),
          totals);
    }
  }
}
