package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.ACCOUNT;
import static io.lambdaledger.db.jooq.Tables.FUNCTION_TAG;
import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.costing.BillableUsage;
import io.lambdaledger.core.ledger.MonthUsage;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;

/**
 * Reads a month of usage for a report straight from the month rollup (the {@link MonthUsage} port
 * of the reports): one query of only the columns pricing needs, streamed through a cursor into the
 * engine's compact input.
 *
 * <p>{@code UsageRollupStore.usageByFunction} reads the same month rollup rows for a whole month,
 * but materialises every measure of every function configuration several times over (query result,
 * map, records), and the inventory's {@code listFunctions} every function's configuration and
 * history; for 50,000 functions that does not fit the 256 MiB a report must run in. The columns are
 * the same, so the engine input, and the amounts, are identical.
 */
public final class MonthUsageStore implements MonthUsage {

  /** A function as the report shows it. */
  private record Function(FunctionKey key, String payer, String arn, Instant deletedAt) {}

  private static final Comparator<Line> REPORT_ORDER =
      Comparator.comparing(Line::key)
          .thenComparing(Line::firstDay)
          .thenComparing(line -> line.usage().architecture())
          .thenComparingInt(line -> line.usage().memoryMb())
          .thenComparingInt(line -> line.usage().ephemeralStorageMb());

  private final DSLContext dsl;

  public MonthUsageStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the month rollup (one row per function and configuration, re-summed from the days
   * whenever they change), only the five measures pricing needs, unsorted: an ORDER BY or a join
   * over 50,000 rows made H2 spill them to temporary files in a small heap (it keeps about 40,000
   * result rows per GB of heap). Names come from one query of the functions; the first day of use
   * is read from the day rollup only for the functions whose configuration changed.
   */
  @Override
  public List<Line> read(YearMonth month, AccountScope accounts) {
    Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return inOneTransaction(
        local -> {
          Map<Long, Function> functions = functions(local, accounts);
          List<Line> lines = new ArrayList<>(functions.size() + functions.size() / 16);
          Map<Long, Integer> configurations = new HashMap<>();
          try (Cursor<? extends Record> cursor =
              local
                  .select(
                      USAGE_MONTH.FUNCTION_ID,
                      USAGE_MONTH.MEMORY_MB,
                      USAGE_MONTH.ARCHITECTURE,
                      USAGE_MONTH.EPHEMERAL_MB,
                      USAGE_MONTH.REQUESTS,
                      USAGE_MONTH.DURATION_MS_SUM,
                      USAGE_MONTH.PC_ALLOCATED_S,
                      USAGE_MONTH.PC_REQUESTS,
                      USAGE_MONTH.PC_DURATION_MS_EST)
                  .from(USAGE_MONTH)
                  .where(USAGE_MONTH.MONTH_START.eq(monthStart))
                  .fetchSize(1_000)
                  .fetchLazy()) {
            for (Record row : cursor) {
              long id = row.get(USAGE_MONTH.FUNCTION_ID);
              Function function = functions.get(id);
              if (function != null) {
                lines.add(line(function, row, monthStart));
                configurations.merge(id, 1, Integer::sum);
              }
            }
          }
          Map<FirstUse, Instant> firstDays =
              firstDays(local, changed(configurations), monthStart, monthEnd);
          if (!firstDays.isEmpty()) {
            lines.replaceAll(line -> line.withFirstDay(firstDays.get(FirstUse.of(line))));
          }
          lines.sort(REPORT_ORDER);
          return lines;
        });
  }

  /** A function configuration, to look up when it was first used in the month. */
  private record FirstUse(long functionId, int memoryMb, String architecture, int ephemeralMb) {
    static FirstUse of(Line line) {
      UsageLine usage = line.usage();
      return new FirstUse(
          line.functionId(),
          usage.memoryMb(),
          usage.architecture().id(),
          usage.ephemeralStorageMb());
    }
  }

  private static List<Long> changed(Map<Long, Integer> configurations) {
    List<Long> changed = new ArrayList<>();
    configurations.forEach(
        (id, count) -> {
          if (count > 1) {
            changed.add(id);
          }
        });
    return changed;
  }

  /**
   * The first day each configuration of these functions had usage in the month: one query per
   * function, on its key (an IN list with the day range let H2 pick the day index and scan the
   * month's day rows, seconds instead of milliseconds). Few functions change configuration in a
   * month.
   */
  private static Map<FirstUse, Instant> firstDays(
      DSLContext local, List<Long> functionIds, Instant from, Instant to) {
    Map<FirstUse, Instant> firstDays = new HashMap<>();
    for (long functionId : functionIds) {
      local
          .select(
              USAGE_DAY.MEMORY_MB,
              USAGE_DAY.ARCHITECTURE,
              USAGE_DAY.EPHEMERAL_MB,
              min(USAGE_DAY.DAY_START))
          .from(USAGE_DAY)
          .where(USAGE_DAY.FUNCTION_ID.eq(functionId))
          .and(USAGE_DAY.DAY_START.ge(from))
          .and(USAGE_DAY.DAY_START.lt(to))
          .groupBy(USAGE_DAY.MEMORY_MB, USAGE_DAY.ARCHITECTURE, USAGE_DAY.EPHEMERAL_MB)
          .forEach(
              row ->
                  firstDays.put(
                      new FirstUse(functionId, row.value1(), row.value2(), row.value3()),
                      row.value4()));
    }
    return firstDays;
  }

  /**
   * Runs {@code work} in one read transaction: one consistent view of the tables, and on PostgreSQL
   * the driver then fetches by {@code fetchSize} instead of all rows at once.
   */
  private <T> T inOneTransaction(java.util.function.Function<DSLContext, T> work) {
    return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
  }

  private static Map<Long, Function> functions(DSLContext local, AccountScope accounts) {
    Map<Long, Function> functions = new HashMap<>();
    Map<String, String> shared = new HashMap<>();
    try (Cursor<? extends Record> cursor =
        local
            .select(
                LAMBDA_FUNCTION.ID,
                LAMBDA_FUNCTION.ACCOUNT_ID,
                LAMBDA_FUNCTION.REGION,
                LAMBDA_FUNCTION.FUNCTION_NAME,
                LAMBDA_FUNCTION.FUNCTION_ARN,
                LAMBDA_FUNCTION.DELETED_AT,
                ACCOUNT.PAYER_ACCOUNT_ID)
            .from(LAMBDA_FUNCTION)
            .join(ACCOUNT)
            .on(ACCOUNT.ACCOUNT_ID.eq(LAMBDA_FUNCTION.ACCOUNT_ID))
            .where(
                accounts.unrestricted()
                    ? noCondition()
                    : LAMBDA_FUNCTION.ACCOUNT_ID.in(accounts.accountIds()))
            .fetchSize(1_000)
            .fetchLazy()) {
      for (Record row : cursor) {
        functions.put(
            row.get(LAMBDA_FUNCTION.ID),
            new Function(
                new FunctionKey(
                    one(shared, row.get(LAMBDA_FUNCTION.ACCOUNT_ID)),
                    one(shared, row.get(LAMBDA_FUNCTION.REGION)),
                    row.get(LAMBDA_FUNCTION.FUNCTION_NAME)),
                one(shared, row.get(ACCOUNT.PAYER_ACCOUNT_ID)),
                row.get(LAMBDA_FUNCTION.FUNCTION_ARN),
                row.get(LAMBDA_FUNCTION.DELETED_AT)));
      }
    }
    return functions;
  }

  private static Line line(Function function, Record row, Instant firstDay) {
    UsageLine usage =
        BillableUsage.of(
            function.payer(),
            function.key(),
            new BillingConfiguration(
                row.get(USAGE_MONTH.MEMORY_MB),
                Architecture.parse(row.get(USAGE_MONTH.ARCHITECTURE)),
                row.get(USAGE_MONTH.EPHEMERAL_MB)),
            new BillableUsage.Measured(
                row.get(USAGE_MONTH.REQUESTS),
                row.get(USAGE_MONTH.DURATION_MS_SUM),
                row.get(USAGE_MONTH.PC_REQUESTS),
                row.get(USAGE_MONTH.PC_DURATION_MS_EST),
                row.get(USAGE_MONTH.PC_ALLOCATED_S)));
    return new Line(
        usage, row.get(USAGE_MONTH.FUNCTION_ID), function.arn(), firstDay, function.deletedAt());
  }

  @Override
  public Map<Long, SortedMap<String, String>> tags(AccountScope accounts) {
    return inOneTransaction(local -> tags(local, accounts));
  }

  private static Map<Long, SortedMap<String, String>> tags(
      DSLContext local, AccountScope accounts) {
    Map<Long, SortedMap<String, String>> tags = new HashMap<>();
    Map<String, String> shared = new HashMap<>();
    try (Cursor<Record3<Long, String, String>> cursor =
        local
            .select(FUNCTION_TAG.FUNCTION_ID, FUNCTION_TAG.TAG_KEY, FUNCTION_TAG.TAG_VALUE)
            .from(FUNCTION_TAG)
            .where(
                accounts.unrestricted()
                    ? noCondition()
                    : FUNCTION_TAG.FUNCTION_ID.in(
                        select(LAMBDA_FUNCTION.ID)
                            .from(LAMBDA_FUNCTION)
                            .where(LAMBDA_FUNCTION.ACCOUNT_ID.in(accounts.accountIds()))))
            .fetchSize(1_000)
            .fetchLazy()) {
      for (Record3<Long, String, String> row : cursor) {
        tags.computeIfAbsent(row.get(FUNCTION_TAG.FUNCTION_ID), id -> new TreeMap<>())
            .put(
                one(shared, row.get(FUNCTION_TAG.TAG_KEY)),
                one(shared, row.get(FUNCTION_TAG.TAG_VALUE)));
      }
    }
    return tags;
  }

  /**
   * One instance of each repeated string (account ids, regions, tag keys and values repeat across
   * 50,000 functions): what the report holds for the whole month stays small.
   */
  private static String one(Map<String, String> shared, String value) {
    return value == null ? null : shared.computeIfAbsent(value, v -> v);
  }

  @Override
  public Optional<Instant> firstUsageDay() {
    return Optional.ofNullable(
        dsl.select(min(USAGE_DAY.DAY_START)).from(USAGE_DAY).fetchOne(0, Instant.class));
  }
}
