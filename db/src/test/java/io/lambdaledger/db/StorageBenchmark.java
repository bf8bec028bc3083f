package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.USAGE_DAY;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.jooq.tables.records.UsageDayRecord;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Storage benchmark (not a test): times the collector's writes for one cycle of 10,000 functions
 * and the month-by-function read over a month of day rollups. Run with the test classpath: {@code
 * java … io.lambdaledger.db.StorageBenchmark h2|postgresql [functions]}.
 */
public final class StorageBenchmark {

  private static final Instant MONTH_START = Instant.parse("2026-10-01T00:00:00Z");

  public static void main(String[] args) {
    DatabaseKind kind = DatabaseKind.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    int functions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      run(db, functions);
    }
  }

  private static void run(TestDatabase db, int count) {
    System.out.printf("%s, %,d functions%n", db.kind(), count);
    List<FunctionKey> keys = new ArrayList<>();
    List<FunctionSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FunctionKey key = new FunctionKey("111111111111", "us-east-1", String.format("fn-%05d", i));
      keys.add(key);
      snapshots.add(
          new FunctionSnapshot(
              key,
              "arn:aws:lambda:us-east-1:111111111111:function:" + key.name(),
              "java21",
              "Zip",
              new FunctionConfiguration(
                  128 + (i % 16) * 64,
                  i % 3 == 0 ? Architecture.ARM64 : Architecture.X86_64,
                  512,
                  30),
              Map.of("team", "t" + (i % 20)),
              List.of()));
    }
    InventoryStore inventory = new InventoryStore(db.dsl());
    long t = System.nanoTime();
    inventory.recordListing(
        new InventoryListing(
            "111111111111", "us-east-1", MONTH_START.minusSeconds(86_400), snapshots, true));
    report("inventory, first listing", t, count, "functions");
    t = System.nanoTime();
    inventory.recordListing(
        new InventoryListing("111111111111", "us-east-1", MONTH_START, snapshots, true));
    report("inventory, unchanged listing", t, count, "functions");

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
    t = System.nanoTime();
    samples.upsert(cycle);
    report("samples, 1-hour window at 300 s (insert)", t, cycle.size(), "rows");
    t = System.nanoTime();
    samples.upsert(cycle);
    report("samples, same window again (update)", t, cycle.size(), "rows");
    UsageRollupStore rollups = new UsageRollupStore(db.dsl());
    t = System.nanoTime();
    RollupResult result = rollups.recompute(keys, hour, hour.plusSeconds(3600));
    report("rollups, recompute that hour", t, result.hourRows(), "hour rows");

    // A month of day rollups, written directly.
    List<Long> ids =
        db.dsl()
            .select(io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.ID)
            .from(io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION)
            .fetch(io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.ID);
    List<UsageDayRecord> days = new ArrayList<>();
    for (long id : ids) {
      for (int d = 0; d < 31; d++) {
        UsageDayRecord row = new UsageDayRecord();
        row.setFunctionId(id);
        row.setDayStart(MONTH_START.plusSeconds(86_400L * d));
        row.setMemoryMb(1024);
        row.setArchitecture("x86_64");
        row.setEphemeralMb(512);
        long n = 1000 + random.nextInt(100_000);
        Measures.set(
            row,
            new UsageTotals(
                n,
                BigDecimal.valueOf(n * 120),
                n * 120,
                n * 121,
                BigDecimal.valueOf(n * 120, 3),
                BigDecimal.valueOf(n * 121, 3),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                0,
                0,
                BigDecimal.ZERO,
                3,
                1,
                0,
                null,
                12));
        row.setComputedAt(Instant.now());
        days.add(row);
      }
    }
    t = System.nanoTime();
    db.dsl().deleteFrom(USAGE_DAY).execute();
    Upserts.upsert(
        db.dsl(),
        USAGE_DAY,
        days,
        List.of(
            USAGE_DAY.FUNCTION_ID,
            USAGE_DAY.DAY_START,
            USAGE_DAY.MEMORY_MB,
            USAGE_DAY.ARCHITECTURE,
            USAGE_DAY.EPHEMERAL_MB),
        null);
    report("day rollups written", t, days.size(), "rows");
    if (db.kind() == DatabaseKind.POSTGRESQL) {
      db.dsl().execute("analyze");
    }

    UsageQuery month = UsageQuery.month(YearMonth.of(2026, 10));
    long[] millis = new long[15];
    int lines = 0;
    for (int i = 0; i < millis.length; i++) {
      t = System.nanoTime();
      List<FunctionUsage> usage = rollups.usageByFunction(month);
      millis[i] = (System.nanoTime() - t) / 1_000_000;
      lines = usage.size();
    }
    long[] warm = Arrays.copyOfRange(millis, 5, millis.length);
    Arrays.sort(warm);
    System.out.printf(
        "  %-45s %,d lines: first %d ms, warm p50 %d ms, max %d ms%n",
        "usageByFunction(month)", lines, millis[0], warm[warm.length / 2], warm[warm.length - 1]);
    t = System.nanoTime();
    int listed = inventory.listFunctions(AccountScope.all(), false).size();
    report("listFunctions", t, listed, "functions");
    t = System.nanoTime();
    int tagged = rollups.usageByFunction(month.withTags(Map.of("team", "t3"))).size();
    report("usageByFunction(month, tag filter)", t, tagged, "lines");
  }

  private static void report(String what, long startNanos, int items, String unit) {
    long ms = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
    System.out.printf(
        "  %-45s %,8d %s in %,6d ms (%,d %s/s)%n", what, items, unit, ms, items * 1000L / ms, unit);
  }

  private StorageBenchmark() {}
}
