package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;
import static io.lambdaledger.db.jooq.Tables.USAGE_HOUR;
import static io.lambdaledger.db.jooq.Tables.USAGE_MONTH;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.jooq.tables.records.UsageDayRecord;
import io.lambdaledger.db.jooq.tables.records.UsageHourRecord;
import io.lambdaledger.db.jooq.tables.records.UsageMonthRecord;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import org.jooq.Record;

/**
 * Storage benchmark (not a test): times the collector's writes for one cycle of N functions (one
 * hour at 300 s) and the API's reads over a month of rollups. Run it with the test classpath:
 * {@code java … io.lambdaledger.db.StorageBenchmark h2|postgresql [functions]}.
 */
public final class StorageBenchmark {

  private static final Instant MONTH_START = Instant.parse("2026-10-01T00:00:00Z");
  private static final String ACCOUNT = "111111111111";
  private static final String REGION = "us-east-1";

  private StorageBenchmark() {}

  public static void main(String[] args) {
    DatabaseKind kind = DatabaseKind.valueOf(args[0].toUpperCase(Locale.ROOT));
    int functions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      System.out.printf("%s, %,d functions%n", db.kind(), functions);
      List<FunctionKey> keys = writeInventory(db, functions);
      writeOneCycle(db, keys);
      readAMonth(db);
    }
  }

  private static List<FunctionKey> writeInventory(TestDatabase db, int count) {
    List<FunctionKey> keys = new ArrayList<>();
    List<FunctionSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FunctionKey key = new FunctionKey(ACCOUNT, REGION, String.format("fn-%05d", i));
      keys.add(key);
      Architecture architecture = i % 3 == 0 ? Architecture.ARM64 : Architecture.X86_64;
      snapshots.add(
          new FunctionSnapshot(
              key,
              "arn:aws:lambda:us-east-1:111111111111:function:" + key.name(),
              "java21",
              "Zip",
              new FunctionConfiguration(128 + (i % 16) * 64, architecture, 512, 30),
              Map.of("team", "t" + (i % 20)),
              List.of()));
    }
    InventoryStore inventory = new InventoryStore(db.dsl());
    Instant observed = MONTH_START.minusSeconds(86_400);
    long t = System.nanoTime();
    inventory.recordListing(new InventoryListing(ACCOUNT, REGION, observed, snapshots, true));
    report("inventory, first listing", t, count, "functions");
    t = System.nanoTime();
    inventory.recordListing(new InventoryListing(ACCOUNT, REGION, MONTH_START, snapshots, true));
    report("inventory, unchanged listing", t, count, "functions");
    t = System.nanoTime();
    int listed = inventory.listFunctions(AccountScope.all(), false).size();
    report("inventory, listFunctions", t, listed, "functions");
    return keys;
  }

  private static void writeOneCycle(TestDatabase db, List<FunctionKey> keys) {
    Random random = new Random(7);
    Instant hour = MONTH_START.plusSeconds(14 * 86_400L + 10 * 3600);
    List<MetricSample> cycle = new ArrayList<>();
    for (FunctionKey key : keys) {
      for (int p = 0; p < 12; p++) {
        long n = random.nextInt(500);
        cycle.add(
            MetricSample.builder(key, hour.plusSeconds(300L * p), 300)
                .invocations(n)
                .durationMsSum(
                    BigDecimal.valueOf(n * (20 + random.nextInt(300)) + random.nextInt(1000), 3))
                .errors(random.nextInt(3))
                .collectedAt(hour.plusSeconds(4200))
                .build());
      }
    }
    MetricSampleStore samples = new MetricSampleStore(db.dsl());
    long t = System.nanoTime();
    samples.upsert(cycle);
    report("samples, 1-hour window at 300 s (insert)", t, cycle.size(), "rows");
    t = System.nanoTime();
    samples.upsert(cycle);
    report("samples, same window again (update)", t, cycle.size(), "rows");
    UsageRollupStore rollups = new UsageRollupStore(db.dsl());
    t = System.nanoTime();
    RollupResult result = rollups.recompute(keys, hour, hour.plusSeconds(3600));
    report("rollups, recompute hour + day + month", t, result.hourRows(), "functions");
  }

  private static void readAMonth(TestDatabase db) {
    Random random = new Random(11);
    List<Long> ids =
        db.dsl().select(LAMBDA_FUNCTION.ID).from(LAMBDA_FUNCTION).fetch(LAMBDA_FUNCTION.ID);
    List<UsageDayRecord> days = new ArrayList<>();
    List<UsageMonthRecord> months = new ArrayList<>();
    for (long id : ids) {
      UsageTotals month = UsageTotals.ZERO;
      for (int d = 0; d < 31; d++) {
        long n = 1000 + random.nextInt(100_000);
        UsageTotals day = totals(n);
        days.add(rollupRow(new UsageDayRecord(), id, MONTH_START.plusSeconds(86_400L * d), day));
        month = month.plus(day);
      }
      months.add(rollupRow(new UsageMonthRecord(), id, MONTH_START, month));
    }
    db.dsl().deleteFrom(USAGE_DAY).execute();
    db.dsl().deleteFrom(USAGE_MONTH).execute();
    long t = System.nanoTime();
    Upserts.insert(db.dsl(), USAGE_DAY, List.of(USAGE_DAY.fields()), days);
    Upserts.insert(db.dsl(), USAGE_MONTH, List.of(USAGE_MONTH.fields()), months);
    report("a month of day and month rollups written", t, days.size() + months.size(), "rows");
    // An hour at the end of the month: a half-month window cannot be read from the month row.
    UsageHourRecord lastHour =
        rollupRow(
            new UsageHourRecord(), ids.get(0), MONTH_START.plusSeconds(30 * 86_400L), totals(1));
    Upserts.insert(db.dsl(), USAGE_HOUR, List.of(USAGE_HOUR.fields()), List.of(lastHour));
    if (db.kind() == DatabaseKind.POSTGRESQL) {
      db.dsl().execute("analyze");
    }
    UsageRollupStore rollups = new UsageRollupStore(db.dsl());
    UsageQuery month = UsageQuery.month(YearMonth.of(2026, 10));
    time("usageByFunction(month)", () -> rollups.usageByFunction(month).size());
    UsageQuery firstHalf = UsageQuery.between(MONTH_START, MONTH_START.plusSeconds(15 * 86_400L));
    time(
        "usageByFunction(15 days, from day rows)", () -> rollups.usageByFunction(firstHalf).size());
    time(
        "usageByFunction(month, one tag value)",
        () -> rollups.usageByFunction(month.withTags(Map.of("team", "t3"))).size());
  }

  private static UsageTotals totals(long n) {
    return UsageTotals.builder()
        .requests(n)
        .durationMsSum(BigDecimal.valueOf(n * 120))
        .errors(3)
        .throttles(1)
        .build();
  }

  private static <R extends Record> R rollupRow(R row, long id, Instant start, UsageTotals totals) {
    row.set(row.field(USAGE_HOUR.FUNCTION_ID), id);
    row.set(row.field(1).coerce(Instant.class), start);
    row.set(row.field(USAGE_HOUR.MEMORY_MB), 1024);
    row.set(row.field(USAGE_HOUR.ARCHITECTURE), "x86_64");
    row.set(row.field(USAGE_HOUR.EPHEMERAL_MB), 512);
    Measures.set(row, totals);
    row.set(row.field(USAGE_HOUR.COMPUTED_AT), Instant.now());
    return row;
  }

  private static void time(String what, IntSupplier read) {
    long[] millis = new long[15];
    int lines = 0;
    for (int i = 0; i < millis.length; i++) {
      long t = System.nanoTime();
      lines = read.getAsInt();
      millis[i] = (System.nanoTime() - t) / 1_000_000;
    }
    long[] warm = Arrays.copyOfRange(millis, 5, millis.length);
    Arrays.sort(warm);
    System.out.printf(
        "  %-45s %,8d lines: first %d ms, warm p50 %d ms, max %d ms%n",
        what, lines, millis[0], warm[warm.length / 2], warm[warm.length - 1]);
  }

  private static void report(String what, long startNanos, int items, String unit) {
    long ms = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
    System.out.printf(
        "  %-45s %,8d %s in %,6d ms (%,d %s/s)%n", what, items, unit, ms, items * 1000L / ms, unit);
  }
}
