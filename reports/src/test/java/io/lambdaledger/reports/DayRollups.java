package io.lambdaledger.reports;

import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;

import io.lambdaledger.core.model.FunctionSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;

/**
 * Bulk-loads day and month rollups for the benchmark, as the rollup store writes them: measured
 * requests and duration sums (billed time and GB-s are derived where a line is priced).
 */
final class DayRollups {

  private static final int ROWS_PER_STATEMENT = 1_000;

  private static final Field<?>[] FIELDS = {
    USAGE_DAY.FUNCTION_ID,
    USAGE_DAY.DAY_START,
    USAGE_DAY.MEMORY_MB,
    USAGE_DAY.ARCHITECTURE,
    USAGE_DAY.EPHEMERAL_MB,
    USAGE_DAY.REQUESTS,
    USAGE_DAY.DURATION_MS_SUM,
    USAGE_DAY.PC_ALLOCATED_S,
    USAGE_DAY.PC_GB_S,
    USAGE_DAY.PC_REQUESTS,
    USAGE_DAY.PC_SPILLOVER_REQUESTS,
    USAGE_DAY.PC_DURATION_MS_EST,
    USAGE_DAY.ERRORS,
    USAGE_DAY.THROTTLES,
    USAGE_DAY.DEAD_LETTER_ERRORS,
    USAGE_DAY.COMPUTED_AT
  };

  private static final Field<?>[] MONTH_FIELDS = {
    USAGE_MONTH.FUNCTION_ID,
    USAGE_MONTH.MONTH_START,
    USAGE_MONTH.MEMORY_MB,
    USAGE_MONTH.ARCHITECTURE,
    USAGE_MONTH.EPHEMERAL_MB,
    USAGE_MONTH.REQUESTS,
    USAGE_MONTH.DURATION_MS_SUM,
    USAGE_MONTH.PC_ALLOCATED_S,
    USAGE_MONTH.PC_GB_S,
    USAGE_MONTH.PC_REQUESTS,
    USAGE_MONTH.PC_SPILLOVER_REQUESTS,
    USAGE_MONTH.PC_DURATION_MS_EST,
    USAGE_MONTH.ERRORS,
    USAGE_MONTH.THROTTLES,
    USAGE_MONTH.DEAD_LETTER_ERRORS,
    USAGE_MONTH.COMPUTED_AT
  };

  private DayRollups() {}

  /** One function's usage pattern: its configurations before and after the 15th, its load. */
  record Function(
      long id, FunctionSnapshot before, FunctionSnapshot after, long daily, long averageTenthsMs) {}

  /** The functions of one account and region, with their ids and a random load each. */
  static List<Function> functions(
      DSLContext dsl,
      String account,
      String region,
      List<FunctionSnapshot> before,
      List<FunctionSnapshot> after,
      SplittableRandom random) {
    Map<String, Long> ids =
        dsl.select(LAMBDA_FUNCTION.FUNCTION_NAME, LAMBDA_FUNCTION.ID)
            .from(LAMBDA_FUNCTION)
            .where(LAMBDA_FUNCTION.ACCOUNT_ID.eq(account))
            .and(LAMBDA_FUNCTION.REGION.eq(region))
            .fetchMap(LAMBDA_FUNCTION.FUNCTION_NAME, LAMBDA_FUNCTION.ID);
    List<Function> functions = new ArrayList<>(before.size());
    for (int f = 0; f < before.size(); f++) {
      functions.add(
          new Function(
              ids.get(before.get(f).key().name()),
              before.get(f),
              after.get(f),
              1 + random.nextInt(200_000),
              50 + random.nextInt(8_000)));
    }
    return functions;
  }

  /**
   * One row per function and day of the month, written day after day as the collector's rollups are
   * (so rows of one day lie together in the table, as in a database that has been collecting); days
   * from the 15th use the {@code after} configuration.
   *
   * @return rows written
   */
  static int load(DSLContext dsl, List<Function> functions) {
    int written = 0;
    for (int day = 0; day < ReportBenchmarkData.MONTH.lengthOfMonth(); day++) {
      Instant dayStart = ReportBenchmarkData.START.plus(Duration.ofDays(day));
      List<List<Object>> rows = new ArrayList<>(functions.size());
      for (Function function : functions) {
        FunctionSnapshot configuration = day < 14 ? function.before() : function.after();
        rows.add(
            row(
                function.id(),
                dayStart,
                configuration,
                function.daily(),
                function.averageTenthsMs()));
      }
      insert(dsl, USAGE_DAY, FIELDS, rows);
      written += rows.size();
    }
    return written;
  }

  /**
   * The month rollup the rollup store derives from those days: one row per function and
   * configuration, the days' sums.
   */
  static int loadMonth(DSLContext dsl, List<Function> functions) {
    Instant month = ReportBenchmarkData.START;
    int days = ReportBenchmarkData.MONTH.lengthOfMonth();
    List<List<Object>> rows = new ArrayList<>();
    for (Function function : functions) {
      if (function.before().configuration().equals(function.after().configuration())) {
        rows.add(monthRow(function, function.before(), month, days));
      } else {
        rows.add(monthRow(function, function.before(), month, 14));
        rows.add(monthRow(function, function.after(), month, days - 14));
      }
    }
    insert(dsl, USAGE_MONTH, MONTH_FIELDS, rows);
    return rows.size();
  }

  private static List<Object> monthRow(
      Function function, FunctionSnapshot configuration, Instant month, int days) {
    List<Object> day =
        row(function.id(), month, configuration, function.daily(), function.averageTenthsMs());
    List<Object> sums = new ArrayList<>(day);
    for (int i = 5; i < day.size() - 1; i++) {
      Object value = day.get(i);
      if (value instanceof Long number) {
        sums.set(i, number * days);
      } else if (value instanceof BigDecimal number) {
        sums.set(i, number.multiply(BigDecimal.valueOf(days)));
      }
    }
    return sums;
  }

  private static <R extends org.jooq.Record> void insert(
      DSLContext dsl, org.jooq.Table<R> table, Field<?>[] fields, List<List<Object>> rows) {
    dsl.transaction(
        tx -> {
          for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            InsertValuesStepN<R> insert = tx.dsl().insertInto(table, fields);
            for (List<Object> row :
                rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))) {
              insert = insert.values(row);
            }
            insert.execute();
          }
        });
  }

  private static List<Object> row(
      long id, Instant day, FunctionSnapshot function, long invocations, long averageTenthsMs) {
    BigDecimal duration = BigDecimal.valueOf(invocations * averageTenthsMs, 1);
    return List.of(
        id,
        day,
        function.configuration().memoryMb(),
        function.configuration().architecture().id(),
        function.configuration().ephemeralStorageMb(),
        invocations,
        duration,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        0L,
        0L,
        BigDecimal.ZERO,
        0L,
        0L,
        0L,
        day.plus(Duration.ofDays(1)));
  }
}
